package se.foubot.grants;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The one-click unsubscribe link of the reminder mails (RFC 8058). A mail client's POST unsubscribes at once;
 * a GET (a person, or a link scanner that follows every link) only shows a page with a button, so a scanner
 * never unsubscribes anyone.
 */
@RestController
class UnsubscribeController {

    private final GrantSubscriptions subscriptions;

    UnsubscribeController(GrantSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping(value = "/grants/unsubscribe", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    ResponseEntity<String> page(@RequestParam(defaultValue = "") String token) {
        if (subscriptions.byToken(token).isEmpty()) {
            return ResponseEntity.status(404).body(html("Länken är inte giltig (längre). The link is not valid (any more)."));
        }
        String t = HtmlUtils.htmlEscape(token);
        return ResponseEntity.ok(html("Sluta få påminnelser om LUM och MUL? / Stop the LUM and MUL reminders?"
                + "<form method=\"post\" action=\"unsubscribe?token=" + t + "\"><button type=\"submit\">Avsluta / Unsubscribe</button></form>"));
    }

    @PostMapping(value = "/grants/unsubscribe", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    ResponseEntity<String> unsubscribe(@RequestParam(defaultValue = "") String token) {
        if (subscriptions.byToken(token).isEmpty()) {
            return ResponseEntity.status(404).body(html("Länken är inte giltig (längre). The link is not valid (any more)."));
        }
        subscriptions.unsubscribeByToken(token);
        return ResponseEntity.ok(html("Klart: du får inga fler påminnelser om LUM och MUL. "
                + "Done: you will get no more LUM and MUL reminders."));
    }

    private static String html(String body) {
        return "<!doctype html><html lang=\"sv\"><meta charset=\"utf-8\"><title>fou-bot</title><body><p>" + body + "</p></body></html>";
    }
}

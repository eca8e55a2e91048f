package se.foubot.grants;

import java.util.Optional;
import java.util.function.Function;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;

/**
 * The one-click unsubscribe link of the reminder mails (RFC 8058). A mail client's POST unsubscribes at once;
 * a GET (a person, or a link scanner that follows every link) only shows a page with a button, so a scanner
 * never unsubscribes anyone.
 */
@RestController
class UnsubscribeController {

    private final GrantSubscriptions subscriptions;
    private final Texts texts;

    UnsubscribeController(GrantSubscriptions subscriptions, Texts texts) {
        this.subscriptions = subscriptions;
        this.texts = texts;
    }

    @GetMapping(value = "/grants/unsubscribe", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    ResponseEntity<String> page(@RequestParam(defaultValue = "") String token) {
        Optional<Subscriber> subscriber = subscriptions.byToken(token);
        if (subscriber.isEmpty()) {
            return ResponseEntity.status(404).body(page(null, l -> html(texts.get(l, "grants.unsubscribe.invalid"))));
        }
        String t = HtmlUtils.htmlEscape(token);
        return ResponseEntity.ok(page(GrantTexts.languageOf(subscriber.get()), l -> html(texts.get(l, "grants.unsubscribe.ask"))
                + "<form method=\"post\" action=\"unsubscribe?token=" + t + "\"><button type=\"submit\">"
                + html(texts.get(l, "grants.unsubscribe.button")) + "</button></form>"));
    }

    @PostMapping(value = "/grants/unsubscribe", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    ResponseEntity<String> unsubscribe(@RequestParam(defaultValue = "") String token) {
        Optional<Subscriber> subscriber = subscriptions.byToken(token);
        if (subscriber.isEmpty()) {
            return ResponseEntity.status(404).body(page(null, l -> html(texts.get(l, "grants.unsubscribe.invalid"))));
        }
        subscriptions.unsubscribeByToken(token);
        return ResponseEntity.ok(page(GrantTexts.languageOf(subscriber.get()), l -> html(texts.get(l, "grants.unsubscribe.done"))));
    }

    /** A page in the subscriber's language; Swedish and then English when it is not known (or the link is not valid). */
    private static String page(Language language, Function<Language, String> body) {
        String lang = language == Language.EN ? "en" : "sv";
        String content = language != null ? "<p>" + body.apply(language) + "</p>"
                : "<p>" + body.apply(Language.SV) + "</p><p lang=\"en\">" + body.apply(Language.EN) + "</p>";
        return "<!doctype html><html lang=\"" + lang + "\"><meta charset=\"utf-8\"><title>fou-bot</title><body>" + content
                + "</body></html>";
    }

    private static String html(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}

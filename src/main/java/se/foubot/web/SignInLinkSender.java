package se.foubot.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.foubot.messaging.HttpProperties;
import se.foubot.messaging.Notice;
import se.foubot.messaging.Notifier;
import se.foubot.messaging.Recipient;
import se.foubot.channels.email.MailProperties;

/**
 * Sends a single-use sign-in link to the person who asked for it, if they are staff: by Slack direct message to a
 * Slack user id, by mail to an address. Anyone else gets nothing, and the page says the same either way, so the form
 * tells nobody who is staff.
 */
@Component
class SignInLinkSender {

    private static final Logger log = LoggerFactory.getLogger(SignInLinkSender.class);

    private final StaffRoles roles;
    private final SignInLinks links;
    private final Notifier notifier;
    private final HttpProperties http;
    private final WebProperties properties;
    private final boolean localMail;

    SignInLinkSender(StaffRoles roles, SignInLinks links, Notifier notifier, HttpProperties http, WebProperties properties,
            MailProperties mail) {
        this.roles = roles;
        this.links = links;
        this.notifier = notifier;
        this.http = http;
        this.properties = properties;
        this.localMail = mail.embedded();
    }

    void send(String identifier) {
        String who = identifier == null ? "" : identifier.strip();
        if (who.isEmpty() || who.length() > 200 || roles.of(java.util.List.of(who), java.util.List.of()).isEmpty()) {
            log.info("event=signin_link_refused reason=not_staff");
            return;
        }
        Recipient to = who.contains("@") ? Recipient.email(who.toLowerCase(java.util.Locale.ROOT)) : Recipient.slack(who);
        String token = links.issue(who).orElse(null);
        if (token == null) {
            log.warn("event=signin_link_refused reason=too_many_open_links channel={}", to.channel());
            return;
        }
        String url = http.link("/signin/link?token=" + token);
        long minutes = properties.linkValidity().toMinutes();
        String text = "Här är din inloggningslänk till FoU-webben:\n\n" + url + "\n\nLänken gäller i " + minutes
                + " minuter och kan användas en gång. Har du inte bett om den kan du bortse från meddelandet.\n";
        boolean queued = notifier.send("signin:" + SignInLinks.hash(token), to, Notice.of("Inloggning till FoU-webben", text));
        log.info("event=signin_link_sent channel={} queued={}", to.channel(), queued);
        if (localMail && to.isEmail()) {
            // the embedded mail server keeps everything on this machine; the link in the log lets a first try sign in
            log.info("event=signin_link_local url={} note=\"embedded mail server: the mail is in its mailbox there too\"", url);
        }
    }
}

package se.foubot.channels.email;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mail that must never be answered nor become a task: auto-replies, out-of-office notices, bounces and
 * list mail. The union of what Request Tracker, Zammad and FreeScout check, plus Swedish and English
 * out-of-office subjects. The reason names the rule that matched, never what the mail said.
 */
final class AutoReplyDetector {

    private static final Pattern AUTO_SUBJECT = Pattern.compile("(?iu)^\\s*(automatiskt svar|autosvar|frånvaro\\p{L}*|frånvarande"
            + "|out of office|automatic reply|auto(matic)?[- ]?reply|autoreply|abwesenheit|undeliverable|olevererbart"
            + "|delivery status notification|mail delivery (failed|failure)|returned mail|kunde inte levereras)\\b.*");
    private static final Pattern BOUNCE_SENDER = Pattern.compile("(?i)^(mailer-daemon|postmaster)@.*");

    private AutoReplyDetector() {
    }

    /** @return the rule that finds the mail automatic, or empty for mail from a person */
    static Optional<String> reason(InboundMail mail) {
        for (String v : mail.header("auto-submitted")) {
            if (!v.toLowerCase(Locale.ROOT).startsWith("no")) {
                return Optional.of("Auto-Submitted");
            }
        }
        if (!mail.header("x-autoreply").isEmpty() || !mail.header("x-autorespond").isEmpty()) {
            return Optional.of("X-Autoreply/X-Autorespond");
        }
        for (String name : List.of("precedence", "x-precedence")) {
            for (String v : mail.header(name)) {
                String p = v.toLowerCase(Locale.ROOT).strip();
                if (p.equals("bulk") || p.equals("junk") || p.equals("list") || p.equals("auto_reply")) {
                    return Optional.of(name.equals("precedence") ? "Precedence" : "X-Precedence");
                }
            }
        }
        for (String v : mail.header("x-auto-response-suppress")) {
            if (v.toLowerCase(Locale.ROOT).contains("all")) {
                return Optional.of("X-Auto-Response-Suppress");
            }
        }
        if (!mail.header("x-ms-exchange-inbox-rules-loop").isEmpty()) {
            return Optional.of("X-MS-Exchange-Inbox-Rules-Loop");
        }
        if (!mail.header("x-loop").isEmpty()) {
            return Optional.of("X-Loop");
        }
        if (!mail.header("list-id").isEmpty() || !mail.header("list-unsubscribe").isEmpty()) {
            return Optional.of("mailing list");
        }
        if (mail.header("return-path").stream().anyMatch(v -> v.replaceAll("\\s", "").equals("<>"))) {
            return Optional.of("Return-Path: <>");
        }
        if (mail.from() != null && BOUNCE_SENDER.matcher(mail.from()).matches()) {
            return Optional.of("bounce sender (MAILER-DAEMON, postmaster)");
        }
        if (mail.contentType().equals("multipart/report")
                || mail.header("content-type").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("report-type=delivery-status"))) {
            return Optional.of("delivery status report");
        }
        if (!mail.header("x-failed-recipients").isEmpty()) {
            return Optional.of("X-Failed-Recipients");
        }
        if (AUTO_SUBJECT.matcher(mail.subject().textOr("")).matches()) {
            return Optional.of("auto-reply subject");
        }
        return Optional.empty();
    }
}

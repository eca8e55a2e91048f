package se.foubot.channels.email;

import java.util.List;
import java.util.Map;

/**
 * A mail to send. {@code key} is its once-only key (e.g. "confirm:FOU-2026-0042"): the same key is queued and
 * sent once, and its Message-ID is derived from it, so a mail sent again after a crash is recognisably the same.
 *
 * @param autoSubmitted "auto-replied" for answers to a person's mail, "auto-generated" for reminders and notices
 * @param thread        what a reply to this mail belongs to: "task:FOU-2026-0042" or "request:{mail key}"
 * @param headers       extra headers, e.g. List-Unsubscribe
 * @param calendar      an iCalendar invite sent as a text/calendar part beside the text, or null
 */
public record OutgoingMail(String key, String to, String subject, String text, String inReplyTo, List<String> references,
        String autoSubmitted, String thread, Map<String, String> headers, CalendarPart calendar) {

    /** An iCalendar object and its METHOD (REQUEST, CANCEL), which also goes into the part's content type. */
    public record CalendarPart(String method, String ics) {
    }

    public OutgoingMail {
        references = references == null ? List.of() : List.copyOf(references);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public OutgoingMail(String key, String to, String subject, String text, String inReplyTo, List<String> references,
            String autoSubmitted, String thread) {
        this(key, to, subject, text, inReplyTo, references, autoSubmitted, thread, null, null);
    }

    public OutgoingMail(String key, String to, String subject, String text, String inReplyTo, List<String> references,
            String autoSubmitted) {
        this(key, to, subject, text, inReplyTo, references, autoSubmitted, null);
    }

    /** A notice the bot starts (a reminder, an invite): not an answer to anything. */
    public static OutgoingMail notice(String key, String to, String subject, String text) {
        return new OutgoingMail(key, to, subject, text, null, null, "auto-generated");
    }

    public OutgoingMail withHeaders(Map<String, String> extra) {
        return new OutgoingMail(key, to, subject, text, inReplyTo, references, autoSubmitted, thread, extra, calendar);
    }

    public OutgoingMail withCalendar(CalendarPart invite) {
        return new OutgoingMail(key, to, subject, text, inReplyTo, references, autoSubmitted, thread, headers, invite);
    }

    public OutgoingMail withThread(String newThread) {
        return new OutgoingMail(key, to, subject, text, inReplyTo, references, autoSubmitted, newThread, headers, calendar);
    }
}

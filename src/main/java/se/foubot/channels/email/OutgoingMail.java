package se.foubot.channels.email;

import java.util.List;

/**
 * A mail to send. {@code key} is its once-only key (e.g. "confirm:FOU-2026-0042"): the same key is queued and
 * sent once, and its Message-ID is derived from it, so a mail sent again after a crash is recognisably the same.
 *
 * @param autoSubmitted "auto-replied" for answers to a person's mail, "auto-generated" for reminders and notices
 * @param thread        what a reply to this mail belongs to: "task:FOU-2026-0042" or "request:{mail key}"
 */
public record OutgoingMail(String key, String to, String subject, String text, String inReplyTo, List<String> references,
        String autoSubmitted, String thread) {

    public OutgoingMail {
        references = references == null ? List.of() : List.copyOf(references);
    }

    public OutgoingMail(String key, String to, String subject, String text, String inReplyTo, List<String> references,
            String autoSubmitted) {
        this(key, to, subject, text, inReplyTo, references, autoSubmitted, null);
    }
}

package se.foubot.messaging;

import java.util.Map;

/**
 * Something the bot tells a person on its own initiative (a reminder, an invite, a waitlist promotion).
 * Channels use what they can: email the subject, headers and invite; Slack the text.
 *
 * @param headers extra mail headers (List-Unsubscribe)
 * @param invite  an iCalendar object to attach, or null
 * @param thread  what a reply to this notice belongs to (e.g. "forum:{meeting id}"), handed to the {@link Command}s
 */
public record Notice(String subject, String text, Map<String, String> headers, Invite invite, String thread) {

    /** An iCalendar object with its METHOD (REQUEST or CANCEL). */
    public record Invite(String method, String ics) {
    }

    public Notice {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static Notice of(String subject, String text) {
        return new Notice(subject, text, Map.of(), null, null);
    }

    public Notice withInvite(Invite newInvite) {
        return new Notice(subject, text, headers, newInvite, thread);
    }

    public Notice withHeaders(Map<String, String> newHeaders) {
        return new Notice(subject, text, newHeaders, invite, thread);
    }

    public Notice withThread(String newThread) {
        return new Notice(subject, text, headers, invite, newThread);
    }
}

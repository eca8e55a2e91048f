package se.foubot.forum;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import se.foubot.conversation.Language;
import se.foubot.messaging.Recipient;

/**
 * One person's registration for one meeting; {@code id} is "{meeting}|{channel}:{address}", so registering twice
 * is the same document. Waitlisted people are promoted in the order they registered ({@code registeredAt}).
 *
 * @param email    where the calendar invite goes (for Slack users: their profile's address), or null
 * @param proposal an agenda item proposed when registering, or null
 * @param calendarAnswer the attendee's answer to the invite in their calendar (ACCEPTED, TENTATIVE, DECLINED), or null
 * @param language the person's language when they registered (their conversation's, their Slack locale, or the one
 *                 their mail was written in); null when it is not known: what they are told then comes in both
 * @param ownChanges how often the person's own invite changed apart from the meeting (each cancellation and comeback),
 *                   added to the meeting's SEQUENCE in their invites so that each of their calendar messages supersedes
 *                   the one before (absent, 0, in registrations stored before it)
 */
@Document(Registration.COLLECTION)
public record Registration(@Id String id, String meetingId, Recipient person, String email, String district, Status status,
        AgendaProposal proposal, Instant registeredAt, Instant updatedAt, String calendarAnswer, Language language, Integer ownChanges) {

    public Registration {
        ownChanges = ownChanges == null ? 0 : ownChanges;
    }

    public static final String COLLECTION = "forum_registrations";

    public enum Status {
        REGISTERED, WAITLISTED, CANCELLED
    }

    /** An agenda item: a good example to share, a question, or a knowledge gap. */
    public record AgendaProposal(String kind, String text) {

        /** The kinds a proposal can be (a form offers them as {@code forum.proposal.choice.<kind>}). */
        public static final List<String> KINDS = List.of("example", "question", "gap");
        /** The longest proposal, in characters, however it comes: the Slack form's field, a DM, {@code /fou}, a mail. */
        public static final int MAX_TEXT = 1000;

        /** Space at either end: white space, no-break and other spaces, and the zero-width characters. */
        private static final java.util.regex.Pattern SPACE_AT_ENDS = java.util.regex.Pattern.compile(
                "^[\\s\\p{Z}\\u200B-\\u200D\\u2060\\uFEFF]+|[\\s\\p{Z}\\u200B-\\u200D\\u2060\\uFEFF]+$");

        /**
         * A proposal's text as written, without the space around it (also no-break and zero-width spaces, which
         * {@link String#strip()} keeps); empty when nothing else is written — no proposal.
         */
        public static String trimmed(String text) {
            return text == null ? "" : SPACE_AT_ENDS.matcher(text).replaceAll("");
        }

        /** The text's length in characters as people count them (an emoji is one). */
        public int length() {
            return text == null ? 0 : text.codePointCount(0, text.length());
        }

        /** Longer than {@link #MAX_TEXT}: refused wherever it comes from, and nothing kept. */
        public boolean tooLong() {
            return length() > MAX_TEXT;
        }
    }

    /** The SEQUENCE of this person's calendar messages about {@code m} (RFC 5546 2.1.4: raised with every change). */
    int sequence(Meeting m) {
        return m.sequence() + ownChanges;
    }

    static String id(String meetingId, Recipient person) {
        return meetingId + "|" + person.channel() + ":" + (person.isEmail() ? person.address().toLowerCase() : person.address());
    }
}

package se.foubot.forum;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import se.foubot.messaging.Recipient;

/**
 * One person's registration for one meeting; {@code id} is "{meeting}|{channel}:{address}", so registering twice
 * is the same document. Waitlisted people are promoted in the order they registered ({@code registeredAt}).
 *
 * @param email    where the calendar invite goes (for Slack users: their profile's address), or null
 * @param proposal an agenda item proposed when registering, or null
 * @param calendarAnswer the attendee's answer to the invite in their calendar (ACCEPTED, TENTATIVE, DECLINED), or null
 */
@Document(Registration.COLLECTION)
public record Registration(@Id String id, String meetingId, Recipient person, String email, String district, Status status,
        AgendaProposal proposal, Instant registeredAt, Instant updatedAt, String calendarAnswer) {

    public static final String COLLECTION = "forum_registrations";

    public enum Status {
        REGISTERED, WAITLISTED, CANCELLED
    }

    /** An agenda item: a good example to share, a question, or a knowledge gap. */
    public record AgendaProposal(String kind, String text) {

        /** The kinds a proposal can be, with how a form offers them. */
        public static final Map<String, String> KINDS = kinds();

        private static Map<String, String> kinds() {
            Map<String, String> kinds = new LinkedHashMap<>();
            kinds.put("example", "Ett gott exempel att dela");
            kinds.put("question", "En fråga");
            kinds.put("gap", "En kunskapslucka");
            return Collections.unmodifiableMap(kinds);
        }
    }

    static String id(String meetingId, Recipient person) {
        return meetingId + "|" + person.channel() + ":" + (person.isEmail() ? person.address().toLowerCase() : person.address());
    }
}

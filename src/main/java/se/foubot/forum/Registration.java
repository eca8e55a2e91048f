package se.foubot.forum;

import java.time.Instant;

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
    }

    static String id(String meetingId, Recipient person) {
        return meetingId + "|" + person.channel() + ":" + (person.isEmail() ? person.address().toLowerCase() : person.address());
    }
}

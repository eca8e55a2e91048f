package se.foubot.forum;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

import se.foubot.messaging.Recipient;

/**
 * An FoU-forum meeting. {@code seats} counts registered people and is only changed by atomic updates that keep
 * it within {@code capacity}; {@code sequence} is the calendar invites' SEQUENCE, raised with every change.
 */
@Document(Meeting.COLLECTION)
public record Meeting(@Id String id, String title, Instant start, Instant end, String place, String videoLink, int capacity,
        Instant registrationDeadline, String description, String agenda, boolean cancelled, int seats, int sequence,
        Recipient coordinator, Instant createdAt, Instant updatedAt, String formKey) {

    public static final String COLLECTION = "forum_meetings";

    /**
     * Read from the store with every field; {@code formKey} is the once-only key of the form that planned it (Slack's
     * view id), so the same submission again (replayed, or sent to two replicas) finds this meeting instead of
     * clashing with it; null when planned elsewhere.
     */
    @PersistenceCreator
    public Meeting {
    }

    /** A meeting not planned from a form. */
    public Meeting(String id, String title, Instant start, Instant end, String place, String videoLink, int capacity,
            Instant registrationDeadline, String description, String agenda, boolean cancelled, int seats, int sequence,
            Recipient coordinator, Instant createdAt, Instant updatedAt) {
        this(id, title, start, end, place, videoLink, capacity, registrationDeadline, description, agenda, cancelled, seats, sequence,
                coordinator, createdAt, updatedAt, null);
    }

    public boolean open(Instant now) {
        return !cancelled && now.isBefore(registrationDeadline);
    }
}

package se.foubot.forum;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import se.foubot.messaging.Recipient;

/**
 * An FoU-forum meeting. {@code seats} counts registered people and is only changed by atomic updates that keep
 * it within {@code capacity}; {@code sequence} is the calendar invites' SEQUENCE, raised with every change.
 */
@Document(Meeting.COLLECTION)
public record Meeting(@Id String id, String title, Instant start, Instant end, String place, String videoLink, int capacity,
        Instant registrationDeadline, String description, String agenda, boolean cancelled, int seats, int sequence,
        Recipient coordinator, Instant createdAt, Instant updatedAt) {

    public static final String COLLECTION = "forum_meetings";

    public boolean open(Instant now) {
        return !cancelled && now.isBefore(registrationDeadline);
    }
}

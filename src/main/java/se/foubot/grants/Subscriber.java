package se.foubot.grants;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import se.foubot.messaging.Recipient;

/**
 * A district contact who gets grant reminders. {@code id} is "email:{address}" or "slack:{user}"; a Slack
 * subscriber whose profile has an e-mail address gets the reminders by e-mail, otherwise as a direct message.
 * {@code token} is the secret in the one-click unsubscribe link.
 */
@Document(Subscriber.COLLECTION)
public record Subscriber(@Id String id, String channel, String address, String email, String district, List<String> programmes,
        boolean active, String language, String source, String token, Instant subscribedAt, Instant unsubscribedAt) {

    public static final String COLLECTION = "grant_subscribers";

    /** Where the reminders go. */
    public Recipient recipient() {
        return email != null ? Recipient.email(email) : new Recipient(channel, address);
    }

    public static String id(String channel, String address) {
        return channel + ":" + (Recipient.EMAIL.equals(channel) ? address.strip().toLowerCase() : address.strip());
    }
}

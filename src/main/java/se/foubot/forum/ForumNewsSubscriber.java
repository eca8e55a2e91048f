package se.foubot.forum;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import se.foubot.messaging.Recipient;

/**
 * Someone who asked to hear of newly planned FoU-forum meetings ("bevakning forum"). {@code id} is
 * "{channel}:{address}"; a Slack subscriber whose profile has an e-mail address hears by e-mail, otherwise in a direct
 * message.
 */
@Document(ForumNewsSubscriber.COLLECTION)
public record ForumNewsSubscriber(@Id String id, String channel, String address, String email, boolean active, String language,
        Instant subscribedAt, Instant unsubscribedAt) {

    public static final String COLLECTION = "forum_news_subscribers";

    /** Where the news goes. */
    public Recipient recipient() {
        return email != null ? Recipient.email(email) : new Recipient(channel, address);
    }

    static String id(String channel, String address) {
        return channel + ":" + (Recipient.EMAIL.equals(channel) ? address.strip().toLowerCase() : address.strip());
    }
}

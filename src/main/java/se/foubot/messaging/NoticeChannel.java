package se.foubot.messaging;

/** One channel's way of queuing a {@link Notice}; it goes out later, once, from the channel's outbox. */
public interface NoticeChannel {

    /** The {@link Recipient#channel()} this channel serves. */
    String name();

    /** Queues {@code notice} under the once-only {@code key}. @return false if that key was queued before */
    boolean queue(String key, String address, Notice notice);
}

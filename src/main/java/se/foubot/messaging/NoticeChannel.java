package se.foubot.messaging;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One channel's way of queuing a {@link Notice}; it goes out later, once, from the channel's outbox. */
public interface NoticeChannel {

    /** The {@link Recipient#channel()} this channel serves. */
    String name();

    /** Queues {@code notice} under the once-only {@code key}. @return false if that key was queued before */
    boolean queue(String key, String address, Notice notice);

    /** One notice to queue under its once-only key. */
    record Queued(String key, String address, Notice notice) {
    }

    /**
     * Queues each notice once, as {@link #queue} does; a channel whose outbox can take them in one write (one commit
     * to disk for all) does so. @return the keys queued now (not those queued before)
     */
    default Set<String> queueAll(List<Queued> notices) {
        Set<String> queued = new LinkedHashSet<>();
        for (Queued n : notices) {
            if (queue(n.key(), n.address(), n.notice())) {
                queued.add(n.key());
            }
        }
        return queued;
    }
}

package se.foubot.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * A feature whose reminders are planned from MongoDB state (grant deadlines, FoU-forum meetings). The scheduler
 * asks when something falls due and, at those instants, tells the source to send what is due — the source
 * queues into the outboxes under once-only keys, so running it twice, late, or on two replicas is harmless.
 */
public interface ReminderSource {

    /** A short name, used for Quartz keys and logs. */
    String name();

    /** The instants in [{@code from}, {@code to}) at which something of this source falls due. */
    List<Instant> dueInstants(Instant from, Instant to);

    /** Queues whatever is due now (and was missed, while it still makes sense). @return how many notices were queued */
    int sendDue();
}

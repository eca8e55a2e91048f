package se.foubot.tasks;

import java.time.Instant;

/** A sender already has as many new tasks in the last hour as allowed; nothing was created. */
public class NewTaskLimitReached extends RuntimeException {

    private final int limit;
    private final transient Instant freeAgainAt;

    NewTaskLimitReached(int limit, Instant freeAgainAt) {
        super("new-task limit of " + limit + " an hour reached", null, false, false);
        this.limit = limit;
        this.freeAgainAt = freeAgainAt;
    }

    public int limit() {
        return limit;
    }

    /** When the oldest of the sender's tasks in the window leaves it, so one more may be made. */
    public Instant freeAgainAt() {
        return freeAgainAt;
    }
}

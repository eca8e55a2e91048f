package se.foubot.store;

import java.util.UUID;

/**
 * The name a worker holds items of a {@link LeasedQueue} under: its kind and this process's id, so that the next
 * process on the same data directory (see {@link ProcessBoot}) can give back what this one held when it died, at once
 * instead of after the items' lease.
 */
public final class Holder {

    private final String name;
    /** The name the same worker of the process before this one held items under, until they are given back; or null. */
    private volatile String predecessor;

    /** @param boot this process's boot; null: a name of its own, and no predecessor (tests, benchmarks) */
    public Holder(String kind, ProcessBoot boot) {
        this.name = kind + "-" + (boot == null ? UUID.randomUUID().toString() : boot.id());
        this.predecessor = boot == null ? null : boot.previous().map(p -> kind + "-" + p).orElse(null);
    }

    public String name() {
        return name;
    }

    /**
     * Gives back what the predecessor held in {@code queue}, the first time it is called; a store that is away throws,
     * and the next call tries again.
     *
     * @return the predecessor's name and how many items it held; null when there is nothing (more) to give back
     */
    public TakenBack takeBackFrom(LeasedQueue queue) {
        String before = predecessor;
        if (before == null) {
            return null;
        }
        int count = queue.releaseAllHeldBy(before);
        predecessor = null;
        return new TakenBack(before, count);
    }

    /**
     * Lets go of the named lease {@code lease} if the predecessor holds it, the first time it is called, so this process
     * takes it at once instead of after its time (a store that is away: it runs out as usual).
     *
     * @return the predecessor's name when there was one; null when there is nothing (more) to let go of
     */
    public String takeBackLease(Leases leases, String lease) {
        String before = predecessor;
        if (before == null) {
            return null;
        }
        leases.release(lease, before);
        predecessor = null;
        return before;
    }

    /**
     * The name the predecessor held work under while it has not been given back ({@link #givenBack}), for work kept in
     * a collection of its own rather than a {@link LeasedQueue}; null when there was none or it has been given back.
     */
    public String predecessor() {
        return predecessor;
    }

    /** What the predecessor held has been given back: {@link #predecessor} is null from now on. */
    public void givenBack() {
        predecessor = null;
    }

    /** What the predecessor {@code from} held and was given back. */
    public record TakenBack(String from, int count) {
    }
}

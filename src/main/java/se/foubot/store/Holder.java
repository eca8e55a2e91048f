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

    /** What the predecessor {@code from} held and was given back. */
    public record TakenBack(String from, int count) {
    }
}

package se.foubot.store;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.exception.MongoServerException;

import se.foubot.privacy.LogText;

/**
 * Makes the embedded store's writes durable: the answer to a command that may write leaves the store only once what
 * it did, and everything before it, is committed to the MVStore file and forced to the disk (fsync), the promise
 * MongoDB gives with {@code w: "majority", j: true}. Answers that wait while one commit is being forced share the
 * next one (group commit), so one fsync serves every writer that arrived meanwhile.
 *
 * <p>A command runs under the shared side of a lock and a commit takes the exclusive side, so a commit never takes
 * half of a command (a document without its index entry): after a crash each command is in the file wholly or not
 * at all. MVStore's own background and memory-triggered commits are off (the store is opened with auto-commit
 * disabled): they write without fsync, and a background commit may still be writing when an explicit commit finds
 * nothing left to do. Instead, the housekeeping MVStore would do in the background (rewriting sparse chunks so that
 * the file does not grow) runs here now and then, followed by a commit like any other.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int COMPACT_BELOW_FILL_PERCENT = 50;
    private static final int COMPACT_WRITE_BYTES = 2 * 1024 * 1024;

    private final MVStore store;
    private final ReentrantReadWriteLock commandsOrCommit = new ReentrantReadWriteLock();
    private final ReentrantLock committer = new ReentrantLock();
    private final ScheduledExecutorService housekeeping;
    /** Commits begun and commits on disk; an answer needs one begun after its command ran. */
    private volatile long begun;
    private volatile long forced;
    /** The store version whose commit is on disk. */
    private volatile long durableVersion;

    GroupCommit(MVStore store, long housekeepingSeconds) {
        this.store = store;
        commitAndForce();
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::compact, housekeepingSeconds, housekeepingSeconds, TimeUnit.SECONDS);
    }

    /**
     * Runs one command; one that may write then waits until what it did (and everything before it) is on disk. A
     * command that only reads runs beside commits and answers at once.
     */
    <T> T command(Supplier<T> command, boolean mayWrite) {
        if (store.isClosed()) {
            // after a failed write MVStore closes itself: say so to every command, health's ping included
            throw new MongoServerException("The embedded store takes no more commands: its file could not be written"
                    + (store.getPanicException() != null ? " (" + store.getPanicException().getMessage() + ")" : ""));
        }
        if (!mayWrite) {
            return command.get();
        }
        T answer;
        Lock shared = commandsOrCommit.readLock();
        shared.lock();
        try {
            answer = command.get();
        } catch (RuntimeException e) {
            // a failed command may still have changed something (the first documents of an insertMany)
            shared.unlock();
            try {
                awaitDurable();
            } catch (RuntimeException durability) {
                e.addSuppressed(durability);
            }
            throw e;
        } catch (Error e) {
            shared.unlock();
            throw e;
        }
        shared.unlock();
        awaitDurable();
        return answer;
    }

    /** Returns once every change made before the call is committed and forced to disk. */
    void awaitDurable() {
        long seen = begun;
        if (nothingToForce()) {
            return;
        }
        committer.lock();
        try {
            // a commit begun after this call started has taken this caller's changes with it
            if (forced > seen) {
                return;
            }
            long number = begun + 1;
            begun = number;
            commitAndForce();
            forced = number;
        } finally {
            committer.unlock();
        }
    }

    /**
     * Runs {@code work} on a file that is on disk and does not change meanwhile: commits wait (commands still run,
     * but their answers wait for the commit after). For a consistent copy of the file.
     */
    <T> T withFileAtRest(Callable<T> work) throws Exception {
        committer.lock();
        try {
            begun = begun + 1;
            commitAndForce();
            forced = begun;
            return work.call();
        } finally {
            committer.unlock();
        }
    }

    private boolean nothingToForce() {
        long version = durableVersion;
        return store.getCurrentVersion() == version && !store.hasUnsavedChanges() && store.getCurrentVersion() == version;
    }

    private void commitAndForce() {
        try {
            Lock exclusive = commandsOrCommit.writeLock();
            exclusive.lock();
            try {
                store.commit();
            } finally {
                exclusive.unlock();
            }
            long version = store.getCurrentVersion();
            store.sync();
            durableVersion = version;
        } catch (RuntimeException e) {
            log.error("event=store_write_failed reason=\"{}\"", LogText.clean(e.getMessage()));
            throw new MongoServerException("The embedded store could not write its file: " + e.getMessage(), e);
        }
    }

    /** MVStore's background housekeeping, done here: rewrite chunks that are mostly dead, then commit as usual. */
    private void compact() {
        if (store.isClosed()) {
            return;
        }
        committer.lock();
        try {
            if (store.compact(COMPACT_BELOW_FILL_PERCENT, COMPACT_WRITE_BYTES)) {
                begun = begun + 1;
                commitAndForce();
                forced = begun;
                log.debug("event=store_compacted fill_rate={}", store.getFillRate());
            }
        } catch (RuntimeException e) {
            log.warn("event=store_housekeeping_failed reason=\"{}\"", LogText.clean(e.getMessage()));
        } finally {
            committer.unlock();
        }
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
    }
}

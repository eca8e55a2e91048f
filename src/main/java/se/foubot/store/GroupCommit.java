package se.foubot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.FreeSpaceBitSet;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
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
    /** MVStore's block size. */
    private static final int BLOCK = 4096;
    /** A map of the store's own, never a collection: its writes age out the versions kept for readers. */
    static final String SCRUB_MAP = "_foubot.scrub";
    /** Its key that says a scrub is owed: set before a retention run deletes, removed when a scrub has finished. */
    private static final String SCRUB_OWED = "owed";
    /** What one step of a scrub rewrites (MVStore counts the live bytes of the chunks it takes). */
    private static final int SCRUB_STEP_BYTES = 8 * 1024 * 1024;

    private final MVStore store;
    private final ReentrantReadWriteLock commandsOrCommit = new ReentrantReadWriteLock();
    private final ReentrantLock committer = new ReentrantLock();
    private final ScheduledExecutorService housekeeping;
    /** See {@link #bytesWritten}; null when this MVStore keeps it elsewhere. */
    private final AtomicLong writeBytes;
    /** Commits begun and commits on disk; an answer needs one begun after its command ran. */
    private volatile long begun;
    private volatile long forced;
    /** The store version whose commit is on disk. */
    private volatile long durableVersion;

    GroupCommit(MVStore store, long housekeepingSeconds) {
        this.store = store;
        this.writeBytes = writeBytesOf(store);
        commitAndForce();
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-housekeeping");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // nothing waits for it
            return t;
        });
        housekeeping.scheduleWithFixedDelay(this::compact, housekeepingSeconds, housekeepingSeconds, TimeUnit.SECONDS);
    }

    <T> T command(Supplier<T> command, boolean mayWrite) {
        return command(command, mayWrite, true);
    }

    /**
     * Runs one command; one that may write then waits until what it did (and everything before it) is on disk, unless
     * {@code awaitDisk} is false (a carried write: the next commit takes it, see {@link CarriedWrites}). A command
     * that only reads runs beside commits and answers at once.
     */
    <T> T command(Supplier<T> command, boolean mayWrite, boolean awaitDisk) {
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
        if (awaitDisk) {
            awaitDurable();
        }
        return answer;
    }

    /** Commits forced to disk since the store was opened: fewer than the writes answered when writers share them. */
    long commitsOnDisk() {
        return forced;
    }

    /**
     * Bytes written to the file since the store was opened: commits' pages, compaction's rewrites, scrubbing; -1 when
     * this MVStore does not keep the count where it used to (it counts, but only says so privately).
     */
    long bytesWritten() {
        return writeBytes == null ? -1 : writeBytes.get();
    }

    /** MVStore's own count of the bytes it wrote, looked up once (each scrape reads it). */
    private static AtomicLong writeBytesOf(MVStore store) {
        try {
            Field field = FileStore.class.getDeclaredField("writeBytes");
            field.setAccessible(true);
            return (AtomicLong) field.get(store.getFileStore());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
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
            } else if (!nothingToForce()) {
                // a carried write whose durable follower never came (it lost a race, say) is not left in memory
                begun = begun + 1;
                commitAndForce();
                forced = begun;
            }
        } catch (RuntimeException e) {
            log.warn("event=store_housekeeping_failed reason=\"{}\"", LogText.clean(e.getMessage()));
        } finally {
            committer.unlock();
        }
    }

    /**
     * Makes deleted data leave the file: what a deletion removed stays in the file's free space (MVStore frees a chunk
     * only once no kept version needs it, and leaves its bytes there until a later chunk happens to land on them). So
     * the versions MVStore keeps for readers are aged out, every chunk that holds dead data is rewritten, and each block
     * the store counts as free is overwritten with zeros and forced to disk. Commands wait during each step of it
     * (commits are exclusive) and run between the steps; reads go on, and MVStore counts a block free only when no
     * reader can reach it.
     *
     * @return the bytes overwritten, or -1 when this MVStore does not let its free space be found (nothing was lost:
     *         the data is deleted, only not yet overwritten)
     */
    long scrub() {
        if (store.isClosed()) {
            return 0;
        }
        try {
            // the kept versions first, so the dead pages of every chunk are counted and the chunks found sparse
            exclusivelyAndForced(() -> {
                ageOutKeptVersions();
                return null;
            });
            rewriteSparseChunks();
            long zeroed = exclusivelyAndForced(() -> {
                ageOutKeptVersions();
                return zeroFreeBlocks();
            });
            if (zeroed >= 0) {
                forgetScrub();
            }
            return zeroed;
        } catch (RuntimeException | IOException e) {
            log.warn("event=store_scrub_failed reason=\"{}\"", LogText.clean(e.getMessage()));
            return -1;
        }
    }

    /**
     * Rewrites every chunk that holds dead data, a few megabytes a step, each step committed and forced before the
     * next: rewriting them all at once held the live data of the whole file in memory and ran out of it on a file of
     * gigabytes, and an MVStore that fails a write closes itself. Commands run between the steps. A chunk that holds
     * more than a step is taken by a larger one (MVStore takes no chunk larger than the limit it is given); the number
     * of steps is bounded, so writes going on meanwhile cannot keep the scrub going.
     */
    private void rewriteSparseChunks() throws IOException {
        long steps = store.getFileStore().size() / SCRUB_STEP_BYTES + 64;
        int limit = SCRUB_STEP_BYTES;
        for (long step = 0; step < steps && !store.isClosed(); step++) {
            int bytes = limit;
            boolean rewrote = exclusivelyAndForced(() -> store.compact(100, bytes));
            if (rewrote) {
                limit = SCRUB_STEP_BYTES;
            } else if (limit <= Integer.MAX_VALUE / 2) {
                limit = limit * 2;
            } else {
                return;
            }
        }
    }

    /** Runs {@code work} while no command and no other commit runs, then commits and forces what it changed. */
    private <T> T exclusivelyAndForced(Callable<T> work) throws IOException {
        committer.lock();
        try {
            Lock exclusive = commandsOrCommit.writeLock();
            exclusive.lock();
            try {
                T result = work.call();
                store.commit();
                store.sync();
                durableVersion = store.getCurrentVersion();
                begun = begun + 1;
                forced = begun;
                return result;
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                exclusive.unlock();
            }
        } finally {
            committer.unlock();
        }
    }

    /** @return whether a scrub was owed already; from now on one is, until {@link #forgetScrub} */
    boolean oweScrub() {
        try {
            return exclusivelyAndForced(() -> store.<String, Long>openMap(SCRUB_MAP).put(SCRUB_OWED, 1L) != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forgetScrub() {
        if (store.isClosed()) {
            return;
        }
        try {
            exclusivelyAndForced(() -> store.<String, Long>openMap(SCRUB_MAP).remove(SCRUB_OWED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits small changes until no version older than the current one is kept for readers. */
    private void ageOutKeptVersions() {
        MVMap<String, Long> marks = store.openMap(SCRUB_MAP);
        for (int i = 0; i <= store.getVersionsToKeep() + 1; i++) {
            marks.put("scrubbed", store.getCurrentVersion());
            store.commit();
        }
    }

    private long zeroFreeBlocks() throws IOException {
        FreeSpaceBitSet free;
        try {
            Field field = RandomAccessStore.class.getDeclaredField("freeSpace");
            field.setAccessible(true);
            free = (FreeSpaceBitSet) field.get(store.getFileStore());
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("event=store_scrub_unavailable reason=\"{}\"", LogText.clean(e.toString()));
            return -1;
        }
        long zeroed = 0;
        ByteBuffer zeros = ByteBuffer.allocate(BLOCK);
        FileChannel file = storeChannel();
        long blocks = file.size() / BLOCK;
        // the first two blocks are the file headers
        for (long block = 2; block < blocks; block++) {
            if (free.isFree(block * BLOCK, BLOCK)) {
                zeros.clear();
                file.write(zeros, block * BLOCK);
                zeroed += BLOCK;
            }
        }
        file.force(true);
        return zeroed;
    }

    /**
     * The channel the MVStore itself reads and writes through. Work on the file inside this process must use it and
     * never open (and close) a channel of its own: closing any channel on a file drops every POSIX lock the process
     * holds on it, so the store's own lock — what keeps a second store or a restore off the file — would be gone.
     */
    FileChannel storeChannel() throws IOException {
        Object fileStore = store.getFileStore();
        for (Class<?> type = fileStore.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField("fileChannel");
                field.setAccessible(true);
                if (field.get(fileStore) instanceof FileChannel channel) {
                    return channel;
                }
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                break;
            }
        }
        throw new IOException("the store's own file channel cannot be reached in this H2 version");
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
    }
}

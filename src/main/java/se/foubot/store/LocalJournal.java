package se.foubot.store;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A small file of its own beside the store, for what must be on disk before the bot answers and cannot wait for the
 * store's commit, which every other writer shares (the Slack ack): an entry is put and forced to disk in a commit of
 * this file alone (concurrent puts share one, as in {@link GroupCommit}); taking it out again need not wait (should
 * the removal be lost, the entry is moved once more, and moving it is once-only). Entries keep their order.
 */
public final class LocalJournal implements AutoCloseable {

    private static final long HOUSEKEEPING_SECONDS = 30;

    private final MVStore store;
    private final GroupCommit commits;
    private final MVMap<Long, String> entries;
    private long next;

    private LocalJournal(MVStore store) {
        this.store = store;
        this.commits = new GroupCommit(store, HOUSEKEEPING_SECONDS);
        this.entries = store.openMap("entries");
        Long last = entries.lastKey();
        this.next = last == null ? 1 : last + 1;
    }

    /** Opens (or creates) the journal file; only one process may have it open. */
    public static LocalJournal open(Path file) {
        return new LocalJournal(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0).open());
    }

    /** Puts {@code value} in and returns once it is on disk. @return its number, to take it out with */
    public long put(String value) {
        return commits.command(() -> {
            long number;
            synchronized (this) {
                number = next++;
            }
            entries.put(number, value);
            return number;
        }, true, true);
    }

    /** Takes entries out; answered at once (the next commit takes the removal to disk). */
    public void remove(Collection<Long> numbers) {
        commits.command(() -> {
            numbers.forEach(entries::remove);
            return null;
        }, true, false);
    }

    /** What is in the journal, oldest first. */
    public Map<Long, String> entries() {
        Map<Long, String> all = new LinkedHashMap<>();
        entries.forEach(all::put);
        return all;
    }

    @Override
    public void close() {
        commits.close();
        if (!store.isClosed()) {
            store.close();
        }
    }
}

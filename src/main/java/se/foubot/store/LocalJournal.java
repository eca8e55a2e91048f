package se.foubot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A small file of its own beside the store, for what must be on disk before the bot answers and cannot wait for the
 * store's commit, which every other writer shares (the Slack ack): an entry is appended and the file forced to disk
 * (concurrent puts share one fsync: whoever forces takes everything appended before it); taking entries out appends a
 * removal and need not wait (should the removal be lost, the entry is moved once more, and moving it is once-only).
 * Entries keep their order.
 *
 * <p>An append-only file rather than an MVStore: a journal entry is written once and read only after a crash, and an
 * MVStore commit serialised the map's pages, the chunk's metadata and its footer for every ack — a third of the ack's
 * CPU in a flight recording of the Slack benchmark, 0.15–0.25 ms against 0.06 ms for an append and its fsync (README,
 * "Where an event's time goes"). Each record carries a CRC-32C: a record a crash cut short (or any damage after it) ends
 * the journal where the last whole record ends, and the file is cut there when it is opened. Once every entry has been
 * taken out, the file is cut to nothing, so the words of moved messages do not stay on disk (they are in the store,
 * under its retention); should it keep growing with entries left in it (a store away for long), the live entries are
 * written to a new file that replaces it.
 */
public final class LocalJournal implements AutoCloseable {

    private static final byte PUT = 'P';
    private static final byte REMOVE = 'R';
    /** Type, length, number or count; then the payload; then the CRC. */
    private static final int HEAD = 1 + 4 + 8;
    private static final int CRC = 4;
    /** A record longer than this is damage, not an entry (a Slack request is at most a few megabytes). */
    private static final int LONGEST = 64 * 1024 * 1024;
    /** Rewritten with only its live entries once it is this large and mostly removed entries. */
    private static final long REWRITE_BYTES = 16 * 1024 * 1024;

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Appends and the state below; taken after {@link #forcing} when both are held. */
    private final Object appending = new Object();
    /** One fsync at a time; the others wait and usually find their bytes forced already. */
    private final Object forcing = new Object();
    private final LinkedHashMap<Long, String> live = new LinkedHashMap<>();
    private FileChannel channel;
    private long next;
    /** Bytes appended since opening (a rewrite does not set it back), and how many of them are on disk. */
    private long appended;
    private volatile long forced;
    /** Where {@link #appended} counting began in the present file. */
    private long fileStart;
    private long liveBytes;
    private boolean closed;
    /** How many fsyncs the puts have made: fewer than puts when they share. */
    private final java.util.concurrent.atomic.AtomicLong forces = new java.util.concurrent.atomic.AtomicLong();

    private LocalJournal(Path path) throws IOException {
        this.path = path;
        this.lockChannel = FileChannel.open(path.resolveSibling(path.getFileName() + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // held in this JVM (a second bot in one test JVM): the same as another process holding it
            held = null;
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (held == null) {
            lockChannel.close();
            throw new IllegalStateException("The journal " + path.getFileName() + " is open in another process");
        }
        this.lock = held;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long whole = replay();
        if (whole < channel.size()) {
            // a record a crash cut short, or damage: nothing after it can be trusted to be whole
            channel.truncate(whole);
            channel.force(true);
        }
        channel.position(whole);
        this.fileStart = -whole;
        this.forced = 0;
    }

    /** Opens (or creates) the journal file; only one process may have it open. */
    public static LocalJournal open(Path file) {
        try {
            return new LocalJournal(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The journal " + file.getFileName() + " could not be opened", e);
        }
    }

    /**
     * As {@link #open(Path)}, first taking over the entries of {@code earlier}, the MVStore file an earlier version kept
     * the journal in, when it exists: they are put here, on disk, before that file is deleted (after a crash in between,
     * they are put again, and moving an entry twice is once-only).
     */
    public static LocalJournal open(Path file, Path earlier) {
        LocalJournal journal = open(file);
        if (Files.exists(earlier)) {
            try {
                MVStore old = new MVStore.Builder().fileName(earlier.toString()).readOnly().open();
                try {
                    MVMap<Long, String> entries = old.openMap("entries");
                    entries.forEach((number, value) -> journal.put(value));
                } finally {
                    old.close();
                }
                Files.delete(earlier);
            } catch (IOException | RuntimeException e) {
                journal.close();
                throw new IllegalStateException("The earlier journal " + earlier.getFileName() + " could not be taken over", e);
            }
        }
        return journal;
    }

    /** Puts {@code value} in and returns once it is on disk. @return its number, to take it out with */
    public long put(String value) {
        byte[] payload = value.getBytes(StandardCharsets.UTF_8);
        long number;
        long end;
        synchronized (appending) {
            ensureOpen();
            number = next++;
            end = append(record(PUT, payload.length, number, payload));
            live.put(number, value);
            liveBytes += HEAD + payload.length + CRC;
        }
        forceTo(end);
        return number;
    }

    /** Takes entries out; answered at once (the next put's fsync takes the removal to disk). */
    public void remove(Collection<Long> numbers) {
        if (numbers.isEmpty()) {
            return;
        }
        synchronized (forcing) {
            synchronized (appending) {
                ensureOpen();
                ByteBuffer longs = ByteBuffer.allocate(8 * numbers.size());
                numbers.forEach(longs::putLong);
                append(record(REMOVE, numbers.size(), 0, longs.array()));
                for (Long number : numbers) {
                    String was = live.remove(number);
                    if (was != null) {
                        liveBytes -= HEAD + was.getBytes(StandardCharsets.UTF_8).length + CRC;
                    }
                }
                try {
                    if (live.isEmpty()) {
                        // nothing is waiting to be moved: what was moved leaves the disk
                        // (not forced: should the cut be lost, the removals are in the file, or the entries are moved
                        // again, once-only)
                        channel.truncate(0);
                        channel.position(0);
                        fileStart = appended;
                        forced = appended;
                    } else if (appended - fileStart > REWRITE_BYTES && liveBytes * 4 < appended - fileStart) {
                        rewrite();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("The journal " + path.getFileName() + " could not be cut", e);
                }
            }
        }
    }

    /** What is in the journal, oldest first. */
    public Map<Long, String> entries() {
        synchronized (appending) {
            return new LinkedHashMap<>(live);
        }
    }

    /** Fsyncs made for puts since opening. */
    long forces() {
        return forces.get();
    }

    @Override
    public void close() {
        synchronized (forcing) {
            synchronized (appending) {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    channel.close();
                    lock.release();
                    lockChannel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The journal " + path.getFileName() + " is closed");
        }
    }

    /** Forces the file until at least {@code end} is on disk; one caller forces for all who appended before it. */
    private void forceTo(long end) {
        if (forced >= end) {
            return;
        }
        synchronized (forcing) {
            if (forced >= end) {
                return;
            }
            long target;
            synchronized (appending) {
                ensureOpen();
                target = appended;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("The journal " + path.getFileName() + " could not be forced to disk", e);
            }
            forces.incrementAndGet();
            forced = target;
        }
    }

    /** Appends one record; @return {@link #appended} after it */
    private long append(ByteBuffer record) {
        long at = appended - fileStart;
        try {
            while (record.hasRemaining()) {
                channel.write(record);
            }
        } catch (IOException e) {
            // a record written in part (a full disk) would end the journal at the next start, before every record after
            // it: the file is cut back to where it began
            try {
                channel.truncate(at);
                channel.position(at);
            } catch (IOException cut) {
                e.addSuppressed(cut);
            }
            throw new UncheckedIOException("The journal " + path.getFileName() + " could not be written", e);
        }
        appended += record.capacity();
        return appended;
    }

    private static ByteBuffer record(byte type, int length, long number, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(HEAD + payload.length + CRC);
        b.put(type).putInt(length).putLong(number).put(payload);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, HEAD + payload.length);
        b.putInt((int) crc.getValue());
        return b.flip();
    }

    /**
     * Writes the live entries to a new file, forced, which then replaces this one (renamed over it, the directory
     * forced). Called with both locks held.
     */
    private void rewrite() throws IOException {
        Path fresh = path.resolveSibling(path.getFileName() + ".new");
        long bytes = 0;
        try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (Map.Entry<Long, String> e : live.entrySet()) {
                byte[] payload = e.getValue().getBytes(StandardCharsets.UTF_8);
                ByteBuffer r = record(PUT, payload.length, e.getKey(), payload);
                bytes += r.capacity();
                while (r.hasRemaining()) {
                    out.write(r);
                }
            }
            out.force(true);
        }
        channel.close();
        Files.move(fresh, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(path.toAbsolutePath().getParent());
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        channel.position(bytes);
        fileStart = appended - bytes;
        forced = appended;
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system lets a directory be opened; the rename is then as durable as it gets there
        }
    }

    /** Reads the file into {@link #live}; @return how many bytes from its start are whole records */
    private long replay() throws IOException {
        channel.position(0);
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                java.nio.channels.Channels.newInputStream(channel), 64 * 1024));
        long highest = 0;
        long whole = 0;
        byte[] head = new byte[HEAD];
        while (true) {
            try {
                in.readFully(head);
                ByteBuffer h = ByteBuffer.wrap(head);
                byte type = h.get();
                int length = h.getInt();
                long number = h.getLong();
                if ((type != PUT && type != REMOVE) || length < 0 || length > (type == PUT ? LONGEST : LONGEST / 8)) {
                    break;
                }
                byte[] payload = new byte[type == PUT ? length : length * 8];
                in.readFully(payload);
                int written = in.readInt();
                CRC32C crc = new CRC32C();
                crc.update(head);
                crc.update(payload);
                if (written != (int) crc.getValue()) {
                    break;
                }
                if (type == PUT) {
                    live.put(number, new String(payload, StandardCharsets.UTF_8));
                    liveBytes += HEAD + payload.length + CRC;
                    highest = Math.max(highest, number);
                } else {
                    ByteBuffer longs = ByteBuffer.wrap(payload);
                    for (int i = 0; i < length; i++) {
                        long removed = longs.getLong();
                        String was = live.remove(removed);
                        if (was != null) {
                            liveBytes -= HEAD + was.getBytes(StandardCharsets.UTF_8).length + CRC;
                        }
                        highest = Math.max(highest, removed);
                    }
                }
                whole += HEAD + payload.length + CRC;
            } catch (java.io.EOFException cutShort) {
                break;
            }
        }
        this.next = highest + 1;
        return whole;
    }
}

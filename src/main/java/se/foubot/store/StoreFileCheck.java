package se.foubot.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Reads a store file through, read-only, before anything may write to it. MVStore opens a file that was cut short or
 * damaged by falling back to the newest set of chunks it can still read, silently, and then reuses (and on close
 * compacts) the space of what it could not read; the older data then looks like all there is. So the file is first
 * opened read-only (MVStore writes nothing then) and refused when:
 * <ul>
 * <li>MVStore cannot open it at all (a zeroed or broken header, no readable set of chunks);</li>
 * <li>its header names a newer version than the one MVStore could open (the file ends early);</li>
 * <li>a page of the version it opened cannot be read (a checksum or a chunk is wrong or missing);</li>
 * <li>outside the chunks that version uses, there is a whole chunk newer than it, or a chunk newer than it that
 * runs past the end of the file. A commit begins only after the one before it is on disk, so only the newest
 * commit can be half-written (a crash while writing it; it was never acknowledged): anything newer than that is
 * data that had been acknowledged and is no longer readable.</li>
 * </ul>
 */
final class StoreFileCheck {

    private static final int BLOCK = 4096;
    private static final int FOOTER = 128;
    private static final String DATA_MAP_PREFIX = IsolatedH2Backend.DATA_MAP_PREFIX;
    private static final Pattern UNREADABLE_PAGE = Pattern.compile("Unable to read the page.*?chunk:([0-9a-f]+),block:([0-9a-f]+)");

    /** What a readable store file holds. */
    record Summary(long version, int collections, long documents, long bytes) {
    }

    private StoreFileCheck() {
    }

    /** Throws {@link StoreFileProblem} when another process holds {@code file} (a bot writing to it). */
    static void assertNotInUse(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw StoreFileProblem.inUse(file);
            }
            lock.release();
        } catch (OverlappingFileLockException inThisProcess) {
            throw StoreFileProblem.inUse(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the store file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads all of {@code file} read-only; throws {@link StoreFileProblem} when it is in use or not wholly readable. */
    static Summary verify(Path file) {
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).readOnly().autoCommitDisabled().open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw StoreFileProblem.inUse(file);
            }
            throw StoreFileProblem.damaged(file, reason(e), e);
        } catch (RuntimeException e) {
            throw StoreFileProblem.damaged(file, reason(e), e);
        }
        try {
            FileStore<?> fileStore = store.getFileStore();
            long version = fileStore.lastChunkVersion();
            Map<String, String> header = newestHeader(file);
            long headerVersion = hex(header, "version");
            // a crash may leave the header of the one unacknowledged commit written and its chunk not; a clean close not
            long allowed = hex(header, "clean") == 1 ? version : version + 1;
            if (headerVersion > allowed) {
                throw StoreFileProblem.damaged(file, "its last commits cannot be read: the header names version "
                        + headerVersion + ", the newest readable is " + version, null);
            }
            long documents = 0;
            int collections = 0;
            for (String name : store.getMapNames()) {
                // a collection's documents are read as the store writes them (BSON, or Java serialisation before)
                long entries = readAll(name.startsWith(DATA_MAP_PREFIX) ? BsonDocumentType.openDataMap(store, name) : store.openMap(name));
                if (name.startsWith(DATA_MAP_PREFIX) && !name.contains(".system.")) {
                    collections++;
                    documents += entries;
                }
            }
            String lost = newerThanReadable(file, version, liveSpans(fileStore.getLayoutMap()));
            if (lost != null) {
                throw StoreFileProblem.damaged(file, lost, null);
            }
            return new Summary(version, collections, documents, fileStore.size());
        } catch (StoreFileProblem e) {
            throw e;
        } catch (RuntimeException e) {
            throw StoreFileProblem.damaged(file, reason(e), e);
        } finally {
            store.closeImmediately();
        }
    }

    /** Every key and value, deserialised: each page is read and its check value compared. */
    private static long readAll(MVMap<Object, ?> map) {
        long entries = 0;
        for (Map.Entry<Object, ?> e : map.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                entries++;
            }
        }
        return entries;
    }

    /** The valid copy of the file header (blocks 0 and 1) that names the newest version; empty when neither is valid. */
    private static Map<String, String> newestHeader(Path file) {
        Map<String, String> newest = Map.of();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int block = 0; block < 2; block++) {
                Map<String, String> header = checksummed(slice(read(channel, (long) block * BLOCK, BLOCK), 0, BLOCK));
                if (header != null && hex(header, "version") >= hex(newest, "version")) {
                    newest = header;
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return newest;
    }

    /** Block ranges [start, end) of the chunks the readable version uses. */
    private static List<long[]> liveSpans(Map<String, String> layout) {
        List<long[]> spans = new ArrayList<>();
        layout.forEach((key, value) -> {
            if (key.startsWith("chunk.")) {
                Map<String, String> chunk = DataUtils.parseMap(value);
                long start = Long.parseLong(chunk.getOrDefault("block", "0"), 16);
                long length = Long.parseLong(chunk.getOrDefault("len", "0"), 16);
                spans.add(new long[] {start, start + length});
            }
        });
        return spans;
    }

    /**
     * Looks outside the readable version's chunks for a chunk newer than the one commit that may have been cut
     * short: a complete one (its footer and header agree), or one whose header says it runs past the end of the file.
     * @return what was found, or null
     */
    private static String newerThanReadable(Path file, long version, List<long[]> live) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long blocks = channel.size() / BLOCK;
            long tolerated = version + 1;
            for (long block = 2; block < blocks; block++) {
                if (inside(live, block)) {
                    continue;
                }
                ByteBuffer bytes = read(channel, block * BLOCK, BLOCK);
                Map<String, String> footer = checksummed(slice(bytes, BLOCK - FOOTER, FOOTER));
                if (footer != null && hex(footer, "version") > tolerated) {
                    long start = block - hex(footer, "len") + 1;
                    Map<String, String> header = start >= 2 && !inside(live, start)
                            ? chunkHeader(read(channel, start * BLOCK, BLOCK)) : null;
                    if (header != null && header.get("chunk").equals(footer.get("chunk"))
                            && hex(header, "version") == hex(footer, "version")) {
                        return "version " + hex(footer, "version") + " is in the file but cannot be read; the newest"
                                + " readable is " + version;
                    }
                }
                Map<String, String> header = chunkHeader(bytes);
                if (header != null && hex(header, "version") > tolerated && block + hex(header, "len") > blocks) {
                    return "the file ends inside version " + hex(header, "version") + "; the newest readable is " + version;
                }
            }
            return null;
        } catch (IOException e) {
            return "it cannot be read: " + firstLine(String.valueOf(e.getMessage()));
        }
    }

    private static boolean inside(List<long[]> spans, long block) {
        for (long[] span : spans) {
            if (block >= span[0] && block < span[1]) {
                return true;
            }
        }
        return false;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        return buffer;
    }

    private static byte[] slice(ByteBuffer buffer, int from, int length) {
        if (buffer.limit() < from + length) {
            return new byte[0];
        }
        byte[] bytes = new byte[length];
        buffer.get(from, bytes);
        return bytes;
    }

    /** A chunk header at the start of a block ({@code chunk:…,len:…,…,version:…\n}); null when there is none. */
    private static Map<String, String> chunkHeader(ByteBuffer block) {
        byte[] start = slice(block, 0, Math.min(1024, block.limit()));
        if (start.length < 6 || !new String(start, 0, 6, StandardCharsets.ISO_8859_1).equals("chunk:")) {
            return null;
        }
        for (int i = 0; i < start.length; i++) {
            if (start[i] == '\n') {
                try {
                    Map<String, String> map = DataUtils.parseMap(new String(start, 0, i, StandardCharsets.ISO_8859_1).trim());
                    return map.containsKey("len") && map.containsKey("version") ? map : null;
                } catch (RuntimeException notAHeader) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * A key-value line with a Fletcher-32 check value as MVStore writes its file header and chunk footers
     * ({@code key:value,…,fletcher:xxxxxxxx}); null when it is not one or the check value is wrong.
     */
    private static Map<String, String> checksummed(byte[] bytes) {
        int start = 0;
        int end = bytes.length;
        while (start < end && bytes[start] <= ' ') {
            start++;
        }
        while (end > start && bytes[end - 1] <= ' ') {
            end--;
        }
        String text = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        int check = text.lastIndexOf(",fletcher:");
        if (check < 0) {
            return null;
        }
        try {
            Map<String, String> map = new HashMap<>(DataUtils.parseMap(text.substring(0, check)));
            int expected = (int) Long.parseLong(text.substring(check + ",fletcher:".length()), 16);
            return expected == DataUtils.getFletcher32(bytes, start, check) ? map : null;
        } catch (RuntimeException notAChecksummedLine) {
            return null;
        }
    }

    private static long hex(Map<String, String> map, String key) {
        try {
            return Long.parseLong(map.getOrDefault(key, "0"), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final Pattern JAVA_OBJECT = Pattern.compile("(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*@[0-9a-f]+");
    private static final Pattern NUMBER_LIST = Pattern.compile("\\[(?:\\s*-?\\d+\\s*,){8,}[^\\]]*\\]");

    /** MVStore's message, shortened to what an operator needs (it may span lines and repeat chunk metadata). */
    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.startsWith("Store header is corrupt")) {
            return "its header, the first 8 KB, cannot be read";
        }
        Matcher page = UNREADABLE_PAGE.matcher(message);
        if (page.find()) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "a page in chunk " + page.group(1) + " at block 0x" + page.group(2) + " cannot be read: "
                    + firstLine(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        }
        // MVStore appends its version and error code in brackets
        int bracket = message.indexOf(" [");
        return firstLine(bracket > 0 ? message.substring(0, bracket) : message);
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse(text);
        // what an operator can act on, without Java's object names (sun.nio.ch.FileChannelImpl@7ea07516) or raw bytes
        line = JAVA_OBJECT.matcher(line).replaceAll("");
        line = NUMBER_LIST.matcher(line).replaceAll("[…]").replaceAll(" {2,}", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}

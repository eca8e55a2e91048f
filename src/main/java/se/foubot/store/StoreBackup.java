package se.foubot.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Properties;

import se.foubot.privacy.Sha256;

/**
 * A backup is a directory with a copy of the store file ({@code foubot.mv}) and a note of its size and SHA-256
 * ({@code foubot-backup.properties}). The copy is written beside its final name, forced to disk and renamed, so a
 * directory with a {@code foubot.mv} always holds a whole copy. Restoring checks the note and reads the copy through
 * before it replaces the data directory's file, and keeps the file it replaces.
 */
final class StoreBackup {

    static final String NOTE = "foubot-backup.properties";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** A copy made: where, how many bytes, and their SHA-256. */
    record Copy(Path file, long bytes, String sha256) {
    }

    /** What a restore did: the file now in place, what it holds, and where the file it replaced was kept (or null). */
    record Restored(Path file, StoreFileCheck.Summary contents, Path kept) {
    }

    private StoreBackup() {
    }

    /** Copies {@code source}, which must not change meanwhile, into the new or empty directory {@code dir}. */
    static Copy copy(Path source, Path dir) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            return copy(in, source, dir);
        }
    }

    /**
     * Copies the file open as {@code in} (left open: the running store's own channel, see
     * {@link GroupCommit#storeChannel()}), which must not change meanwhile, into the new or empty directory {@code dir}.
     */
    static Copy copy(FileChannel in, Path source, Path dir) throws IOException {
        OwnerOnly.createDirectories(dir);
        Path target = dir.resolve(EmbeddedMongoStore.FILE_NAME);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "already holds a backup; give each backup its own directory");
        }
        Path partial = dir.resolve(EmbeddedMongoStore.FILE_NAME + ".partial");
        Files.deleteIfExists(partial);
        MessageDigest sha256 = Sha256.digest();
        long bytes = 0;
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            while (in.read(buffer, bytes) > 0) {
                buffer.flip();
                sha256.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    bytes += out.write(buffer);
                }
                buffer.clear();
            }
            out.force(true);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        String hash = HexFormat.of().formatHex(sha256.digest());
        Properties note = new Properties();
        note.setProperty("file", EmbeddedMongoStore.FILE_NAME);
        note.setProperty("bytes", Long.toString(bytes));
        note.setProperty("sha256", hash);
        note.setProperty("created", Instant.now().toString());
        note.setProperty("source", source.toString());
        try (OutputStream out = Files.newOutputStream(dir.resolve(NOTE))) {
            note.store(out, "fou-bot store backup; restore with: java -jar fou-bot.jar store restore " + dir);
        }
        forceDirectory(dir);
        return new Copy(target, bytes, hash);
    }

    /**
     * Puts the backup in {@code backupDir} in place as {@code dataDir}'s store file. Refuses while a process holds the
     * current file, when the copy does not match its note, and when it cannot be read through. The current file is
     * kept beside it as {@code foubot.mv.before-restore-<UTC time>}.
     */
    static Restored restore(Path backupDir, Path dataDir) throws IOException {
        Path backup = backupDir.resolve(EmbeddedMongoStore.FILE_NAME);
        if (!Files.isRegularFile(backup)) {
            throw new NoSuchFileException(backup.toString(), null, "no backup there");
        }
        checkNote(backupDir, backup);
        StoreFileCheck.Summary contents = StoreFileCheck.verify(backup);
        OwnerOnly.createDirectories(dataDir);
        Path target = dataDir.resolve(EmbeddedMongoStore.FILE_NAME);
        Path incoming = dataDir.resolve(EmbeddedMongoStore.FILE_NAME + ".restoring");
        Path kept = null;
        // the current file stays locked until the new one is in place: a bot starting meanwhile finds it in use and stops
        try (FileChannel current = Files.exists(target)
                ? FileChannel.open(target, StandardOpenOption.READ, StandardOpenOption.WRITE) : null;
                FileLock lock = current == null ? null : lockOrRefuse(current, target)) {
            Files.deleteIfExists(incoming);
            Files.copy(backup, incoming);
            try (FileChannel written = FileChannel.open(incoming, StandardOpenOption.WRITE)) {
                written.force(true);
            }
            if (current != null) {
                kept = dataDir.resolve(EmbeddedMongoStore.FILE_NAME + ".before-restore-" + STAMP.format(Instant.now()));
                keep(target, kept);
            }
            Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dataDir);
        } finally {
            Files.deleteIfExists(incoming);
        }
        return new Restored(target, contents, kept);
    }

    private static FileLock lockOrRefuse(FileChannel channel, Path file) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw StoreFileProblem.inUse(file);
            }
            return lock;
        } catch (OverlappingFileLockException inThisProcess) {
            throw StoreFileProblem.inUse(file);
        }
    }

    /** A second name for the current file (a hard link where the file system has them, else a copy). */
    private static void keep(Path current, Path kept) throws IOException {
        try {
            Files.createLink(kept, current);
        } catch (UnsupportedOperationException | IOException noLinks) {
            Files.copy(current, kept, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void checkNote(Path backupDir, Path backup) throws IOException {
        Path notePath = backupDir.resolve(NOTE);
        if (!Files.exists(notePath)) {
            return; // a copy made by hand of a stopped bot's file; it is still read through before use
        }
        Properties note = new Properties();
        try (InputStream in = Files.newInputStream(notePath)) {
            note.load(in);
        }
        String expected = note.getProperty("sha256", "");
        String actual = sha256Of(backup);
        if (!expected.equalsIgnoreCase(actual)) {
            throw new IOException("the backup " + backup + " does not match its note " + notePath + " (SHA-256 " + actual
                    + ", expected " + expected + "); it was changed or damaged after it was made");
        }
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest sha256 = Sha256.digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** A new or renamed file survives a power cut only once its directory entry is on disk too. */
    static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notOnThisPlatform) {
            // some platforms cannot open a directory; the file's own force is then all there is
        }
    }
}

package se.foubot.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * Backup and restore of the embedded store's file, for the {@code store backup} and {@code store restore} commands.
 *
 * <p>While a bot (or {@code fou-bot store}) runs on the data directory it holds the file locked and writes to it, so
 * the running store makes the copy itself, between two commits, asked over its own wire port (found in
 * {@code foubot.port}); with nothing running, the file is copied under a shared lock. Either way the copy is then read
 * through like a store file at start-up. Restore refuses while anything runs on the data directory.
 */
public final class StoreBackups {

    /** A backup made and read through: the store file, its copy, whether a running store made it, and what it holds. */
    public record BackedUp(Path file, Path copy, boolean fromRunningStore, long bytes, int collections, long documents) {
    }

    /** A restore done: the backup, the file now in place, what it holds, and where the replaced file was kept (or null). */
    public record Restored(Path backup, Path file, int collections, long documents, Path kept) {
    }

    /** Why a backup was not made, in one line an operator can act on. */
    public static final class Refused extends Exception {
        private final boolean wrongUse;

        Refused(String message, boolean wrongUse) {
            super(message);
            this.wrongUse = wrongUse;
        }

        /** True when the command was given the wrong directories, false when the store could not be backed up. */
        public boolean wrongUse() {
            return wrongUse;
        }
    }

    private StoreBackups() {
    }

    /** The store file's name in a data directory or a backup directory. */
    public static Path storeFile(Path dir) {
        return dir.resolve(EmbeddedMongoStore.FILE_NAME);
    }

    /**
     * Copies {@code dataDir}'s store file into the new or empty directory {@code dir} and reads the copy through.
     * @throws StoreFileProblem when the copy cannot be read through
     */
    public static BackedUp backup(Path dataDir, Path dir) throws IOException, Refused {
        Path file = storeFile(dataDir);
        if (!Files.isRegularFile(file)) {
            throw new Refused("There is no store file at " + file
                    + " (set FOUBOT_DATA_DIR or --data-dir to the bot's data directory).", false);
        }
        if (dir.startsWith(dataDir)) {
            throw new Refused("Put the backup outside the data directory " + dataDir + ".", true);
        }
        boolean fromRunningStore;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                FileLock shared = tryShared(channel)) {
            if (shared != null) {
                // nothing writes to the file, and a bot starting meanwhile finds it in use and stops
                StoreBackup.copy(file, dir);
                fromRunningStore = false;
            } else {
                askRunningStore(dataDir, dir);
                fromRunningStore = true;
            }
        }
        Path copy = storeFile(dir);
        StoreFileCheck.Summary contents = StoreFileCheck.verify(copy);
        return new BackedUp(file, copy, fromRunningStore, contents.bytes(), contents.collections(), contents.documents());
    }

    /**
     * Puts the backup in {@code backupDir} in place as {@code dataDir}'s store file (see {@link StoreBackup#restore}).
     * @throws StoreFileProblem when a process holds the current file or the backup cannot be read through
     */
    public static Restored restore(Path backupDir, Path dataDir) throws IOException {
        StoreBackup.Restored restored = StoreBackup.restore(backupDir, dataDir);
        return new Restored(storeFile(backupDir), restored.file(), restored.contents().collections(),
                restored.contents().documents(), restored.kept());
    }

    private static FileLock tryShared(FileChannel channel) throws IOException {
        try {
            return channel.tryLock(0, Long.MAX_VALUE, true);
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static void askRunningStore(Path dataDir, Path dir) throws IOException {
        Path portFile = dataDir.resolve(EmbeddedMongoStore.PORT_FILE_NAME);
        if (!Files.exists(portFile)) {
            throw new IOException("the store file is in use but " + portFile + " is missing, so the running store cannot be"
                    + " reached; is it a fou-bot older than this command?");
        }
        int port = Integer.parseInt(Files.readString(portFile).trim());
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS)).build();
        try (MongoClient client = MongoClients.create(settings)) {
            client.getDatabase("admin").runCommand(new Document(DurableBackend.BACKUP_COMMAND, 1).append("to", dir.toString()));
        } catch (MongoException e) {
            throw new IOException("the running store on port " + port + " did not make the copy: " + e.getMessage(), e);
        }
    }
}

package se.foubot.store;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.slf4j.LoggerFactory;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;

/**
 * {@code java -jar fou-bot.jar store backup DIR} and {@code store restore DIR} (both take {@code --data-dir=…}, else
 * {@code FOUBOT_DATA_DIR}, else {@code ./data}).
 *
 * <p>Backup: while a bot (or {@code fou-bot store}) runs on the data directory it holds the file locked and writes to
 * it, so the running store makes the copy itself, between two commits, asked over its own wire port (found in
 * {@code foubot.port}); with nothing running, the file is copied under a shared lock. Either way the copy is then read
 * through like a store file at start-up. Restore refuses while anything runs on the data directory.
 */
public final class StoreBackupCommand {

    private static final String USAGE = "usage: java -jar fou-bot.jar store backup DIR [--data-dir=./data]\n"
            + "       java -jar fou-bot.jar store restore DIR [--data-dir=./data]";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    StoreBackupCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
        System.exit(new StoreBackupCommand(System.getenv(), System.out, System.err).run(List.of(args)));
    }

    /** @return the exit status: 0 done, 1 refused or failed, 2 wrong use */
    int run(List<String> args) {
        Path dataDir = Path.of(env.getOrDefault("FOUBOT_DATA_DIR", "./data"));
        String action = null;
        Path dir = null;
        for (String arg : args) {
            if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else if (action == null && (arg.equals("backup") || arg.equals("restore"))) {
                action = arg;
            } else if (action != null && dir == null && !arg.startsWith("--")) {
                dir = Path.of(arg).toAbsolutePath().normalize();
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (action == null || dir == null) {
            err.println(USAGE);
            return 2;
        }
        String uri = env.getOrDefault("FOUBOT_MONGODB_URI", "");
        if (!uri.isBlank()) {
            err.println("FOUBOT_MONGODB_URI is set, so the bot keeps its data in that MongoDB: back it up with"
                    + " mongodump --uri=\"$FOUBOT_MONGODB_URI\" --gzip --archive=FILE and restore with mongorestore"
                    + " (ops/runbook.md); 'store " + action + "' is for the embedded store.");
            return 2;
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        try {
            return action.equals("backup") ? backup(dataDir, dir) : restore(dir, dataDir);
        } catch (StoreFileProblem e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("store " + action + " failed: " + e.getMessage());
            return 1;
        }
    }

    private int backup(Path dataDir, Path dir) throws IOException {
        Path file = dataDir.resolve(EmbeddedMongoStore.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            err.println("There is no store file at " + file + " (set FOUBOT_DATA_DIR or --data-dir to the bot's data directory).");
            return 1;
        }
        if (dir.startsWith(dataDir)) {
            err.println("Put the backup outside the data directory " + dataDir + ".");
            return 2;
        }
        String how;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                FileLock shared = tryShared(channel)) {
            if (shared != null) {
                // nothing writes to the file, and a bot starting meanwhile finds it in use and stops
                StoreBackup.copy(file, dir);
                how = "no bot running";
            } else {
                askRunningStore(dataDir, dir);
                how = "from the running store, between two commits";
            }
        }
        Path copy = dir.resolve(EmbeddedMongoStore.FILE_NAME);
        StoreFileCheck.Summary contents = StoreFileCheck.verify(copy);
        out.printf("Backed up %s to %s (%s): %d bytes, %d collections, %d documents, read through without error.%n", file,
                copy, how, contents.bytes(), contents.collections(), contents.documents());
        out.printf("Restore it with: java -jar fou-bot.jar store restore %s%n", dir);
        return 0;
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

    private int restore(Path dir, Path dataDir) throws IOException {
        StoreBackup.Restored restored = StoreBackup.restore(dir, dataDir);
        out.printf("Restored %s to %s: %d collections, %d documents.%n", dir.resolve(EmbeddedMongoStore.FILE_NAME),
                restored.file(), restored.contents().collections(), restored.contents().documents());
        if (restored.kept() != null) {
            out.printf("The file it replaced is kept as %s (delete it once the bot runs well).%n", restored.kept());
        }
        out.println("Start the bot again.");
        return 0;
    }
}

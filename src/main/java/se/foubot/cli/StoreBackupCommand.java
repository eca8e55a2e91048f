package se.foubot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import se.foubot.store.StoreBackups;
import se.foubot.store.StoreFileProblem;

/**
 * {@code java -jar fou-bot.jar store backup DIR} and {@code store restore DIR} (both take {@code --data-dir=…}, else
 * {@code FOUBOT_DATA_DIR}, else {@code ./data}); how the copy is made is {@link StoreBackups}.
 */
final class StoreBackupCommand {

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
        } catch (StoreBackups.Refused e) {
            err.println(e.getMessage());
            return e.wrongUse() ? 2 : 1;
        } catch (StoreFileProblem e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("store " + action + " failed: " + e.getMessage());
            return 1;
        }
    }

    private int backup(Path dataDir, Path dir) throws IOException, StoreBackups.Refused {
        StoreBackups.BackedUp done = StoreBackups.backup(dataDir, dir);
        out.printf("Backed up %s to %s (%s): %d bytes, %d collections, %d documents, read through without error.%n",
                done.file(), done.copy(), done.fromRunningStore() ? "from the running store, between two commits" : "no bot running",
                done.bytes(), done.collections(), done.documents());
        out.printf("Restore it with: java -jar fou-bot.jar store restore %s%n", dir);
        return 0;
    }

    private int restore(Path dir, Path dataDir) throws IOException {
        StoreBackups.Restored restored = StoreBackups.restore(dir, dataDir);
        out.printf("Restored %s to %s: %d collections, %d documents.%n", restored.backup(), restored.file(),
                restored.collections(), restored.documents());
        if (restored.kept() != null) {
            out.printf("The file it replaced is kept as %s (delete it once the bot runs well).%n", restored.kept());
        }
        out.println("Start the bot again.");
        return 0;
    }
}

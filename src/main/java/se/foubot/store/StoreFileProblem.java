package se.foubot.store;

import java.nio.file.Path;

/**
 * Why the embedded store will not open its file, in one line an operator can act on: another process has it, or it
 * is damaged (then it is left exactly as it was, for a restore or an expert).
 */
public final class StoreFileProblem extends RuntimeException {

    private final Path file;
    private final boolean inUse;

    private StoreFileProblem(Path file, boolean inUse, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.inUse = inUse;
    }

    static StoreFileProblem inUse(Path file) {
        return new StoreFileProblem(file, true, "The store file " + file + " is in use by another process (a fou-bot or"
                + " 'fou-bot.jar store' on FOUBOT_DATA_DIR=" + file.getParent() + "): stop it, give this one its own"
                + " FOUBOT_DATA_DIR, or point both at one FOUBOT_MONGODB_URI.", null);
    }

    static StoreFileProblem damaged(Path file, String reason, Throwable cause) {
        return new StoreFileProblem(file, false, "The store file " + file + " is damaged (" + reason + ") and was left"
                + " untouched; restore the last backup with 'java -jar fou-bot.jar store restore BACKUP_DIR'"
                + " (ops/runbook.md, \"Restore\").", cause);
    }

    public Path file() {
        return file;
    }

    /** True: another process holds the file; false: the file cannot be read as a whole. */
    public boolean inUse() {
        return inUse;
    }
}

package se.foubot.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories the bot makes for what it keeps (the data directory, a backup's) are its user's alone: the store's file
 * holds every request's words, and a directory others may enter lets any account on the machine copy it. A directory
 * that exists already is left as the operator made it, and said in the log when others may read it.
 */
final class OwnerOnly {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> OWNER = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Makes {@code dir} (and the directories above it that are missing) readable by this user alone. */
    static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        return POSIX ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER)) : Files.createDirectories(dir);
    }

    /** As {@link #createDirectories}, and says in the log when {@code dir} was there already and others may read it. */
    static Path createDirectoriesSayingIfOpen(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            warnIfOpen(dir);
            return dir;
        }
        return createDirectories(dir);
    }

    private static void warnIfOpen(Path dir) {
        if (!POSIX) {
            return;
        }
        try {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
            if (now.contains(PosixFilePermission.OTHERS_READ) || now.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                log.warn("event=data_dir_open_to_others dir={} mode={} hint=\"chmod 700 it: other accounts on this machine can read what it keeps\"",
                        dir, PosixFilePermissions.toString(now));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // nothing to say about a directory whose mode cannot be read
        }
    }
}

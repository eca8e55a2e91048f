package se.foubot.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * This process's id among those that have used the data directory, and the id of the one before it. Work a process
 * leases is held under a name carrying its id; the next process on the same data directory (the bot restarted after
 * {@code kill -9}, an out-of-memory kill or a power cut) may give back at once what the one before held, instead of
 * waiting for the leases to run out — it is certain that process is gone, because it held the lock on the id's file
 * for as long as it lived, and the operating system let go of it when it died. A process that cannot take the lock
 * (another one lives on the same directory) claims no predecessor.
 */
@Component
@org.springframework.context.annotation.Lazy // made by the first worker that holds leases: a one-off command (a backup) takes no turn
public class ProcessBoot {

    private static final Logger log = LoggerFactory.getLogger(ProcessBoot.class);
    static final String FILE = "process-boot";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{12}");

    private final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Optional<String> previous;
    private FileChannel held;

    @org.springframework.beans.factory.annotation.Autowired
    ProcessBoot(StoreProperties properties) {
        this(properties.dataDir());
    }

    public ProcessBoot(Path dataDir) {
        Optional<String> before = Optional.empty();
        try {
            OwnerOnly.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
                lock = null; // another context in this JVM (tests) holds it
            }
            if (lock == null) {
                channel.close();
                log.info("event=process_boot_shared data_dir_in_use=true (no predecessor's work is given back)");
            } else {
                ByteBuffer read = ByteBuffer.allocate(64);
                channel.read(read, 0);
                String written = new String(read.array(), 0, read.position(), StandardCharsets.US_ASCII).strip();
                before = ID.matcher(written).matches() ? Optional.of(written) : Optional.empty();
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(id.getBytes(StandardCharsets.US_ASCII)), 0);
                channel.force(true);
                held = channel;
            }
        } catch (IOException | RuntimeException e) {
            log.warn("event=process_boot_unrecorded rule={} (leases of a process before this one run out as usual)",
                    e.getClass().getSimpleName());
        }
        this.previous = before;
    }

    /** This process's id (twelve hex digits). */
    public String id() {
        return id;
    }

    /** The id of the process that used the data directory before this one and is gone; empty when none is known. */
    public Optional<String> previous() {
        return previous;
    }

    @PreDestroy
    public void release() {
        if (held != null) {
            try {
                held.close();
            } catch (IOException e) {
                // the lock goes with the process either way
            }
        }
    }
}

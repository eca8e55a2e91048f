package se.foubot.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;

import se.foubot.privacy.LogText;

/**
 * A MongoDB wire-protocol server inside the JVM, on loopback, over an H2 MVStore file, so the bot runs on a fresh
 * machine with nothing installed and keeps its data across restarts. It answers a command only once what the command
 * did is on disk ({@link GroupCommit}); it reads its file through before it writes to it, and refuses a file it
 * cannot read as a whole ({@link StoreFileCheck}); and it tells {@code fou-bot store backup} where to reach it by
 * the file {@code foubot.port} beside its data.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoStore.class);
    static final String FILE_NAME = "foubot.mv";
    static final String PORT_FILE_NAME = "foubot.port";
    /**
     * Wire-server threads. A command waits on its thread until its commit is on disk, and connections share the
     * threads round-robin; with one thread per connection, a waiting command holds up no other connection.
     */
    private static final int WIRE_THREADS = 32;
    private static final long HOUSEKEEPING_SECONDS = 5;

    private final DurableBackend backend;
    private final GroupCommit commits;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;
    private final Path portFile;

    private EmbeddedMongoStore(DurableBackend backend, GroupCommit commits, MongoServer server, InetSocketAddress address,
            Path file, Path portFile) {
        this.backend = backend;
        this.commits = commits;
        this.server = server;
        this.address = address;
        this.file = file;
        this.portFile = portFile;
    }

    /**
     * Opens the store file under {@code dataDir} and listens on 127.0.0.1:{@code port} (0: any free port).
     *
     * @throws StoreFileProblem when another process has the file, or it cannot be read as a whole
     */
    public static EmbeddedMongoStore start(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        try {
            OwnerOnly.createDirectoriesSayingIfOpen(dir);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileAlreadyExistsException ? "a file is there, not a directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "the bot's user may not write there"
                    : e.getClass().getSimpleName();
            throw new se.foubot.settings.SettingProblem("The data directory " + dir + " (FOUBOT_DATA_DIR) cannot be made: " + why + ".",
                    "Set FOUBOT_DATA_DIR to a directory the bot's user may write, or make that one, and start again.", e);
        }
        if (Files.exists(file)) {
            StoreFileCheck.assertNotInUse(file);
            StoreFileCheck.Summary found = StoreFileCheck.verify(file);
            log.info("event=store_file_checked file={} version={} collections={} documents={} bytes={}", file,
                    found.version(), found.collections(), found.documents(), found.bytes());
        }
        MVStore mvStore;
        try {
            // no background or memory-triggered commits: every commit is GroupCommit's, followed by an fsync
            mvStore = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0).open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw StoreFileProblem.inUse(file);
            }
            throw StoreFileProblem.damaged(file, e.getMessage(), e);
        }
        // every commit is forced to disk before the next one starts, so a chunk no commit on disk needs any more may be
        // overwritten at once (MVStore's default keeps them 45 s, for file systems that write back late)
        mvStore.setRetentionTime(0);
        StoreBackup.forceDirectory(dir);
        GroupCommit commits = new GroupCommit(mvStore, HOUSEKEEPING_SECONDS);
        DurableBackend backend = new DurableBackend(new IsolatedH2Backend(mvStore), commits, file);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress("127.0.0.1", port), 1, WIRE_THREADS);
        } catch (Exception portTaken) { // Netty throws the checked BindException undeclared
            // the wire server's threads are not daemons: left running, they would keep a bot that failed to start alive
            // with no port open, and a supervisor would never restart it
            server.shutdownNow();
            commits.close();
            mvStore.close();
            throw new StorePortTaken(port, portTaken);
        }
        InetSocketAddress address = server.getLocalAddress();
        Path portFile = dir.resolve(PORT_FILE_NAME);
        writePortFile(portFile, address.getPort());
        log.info("event=embedded_store_started file={} address={}:{}", file, address.getHostString(), address.getPort());
        return new EmbeddedMongoStore(backend, commits, server, address, file, portFile);
    }

    private static void writePortFile(Path portFile, int port) {
        try {
            Path written = Files.writeString(portFile.resolveSibling(PORT_FILE_NAME + ".new"), port + "\n", StandardCharsets.US_ASCII);
            Files.move(written, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("event=store_port_file_failed file={} reason=\"{}\"", portFile, LogText.clean(e.getMessage()));
        }
    }

    /** MVStore writes its last commit and the clean-shutdown mark on close without forcing them to disk. */
    private static void forceToDisk(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            log.warn("event=store_file_not_forced file={} reason=\"{}\"", file, LogText.clean(e.getMessage()));
        }
    }

    /**
     * Overwrites what deletions left in the file's free space, so deleted data is gone from the disk, not only from
     * the collections. @return the bytes overwritten; -1 when that could not be done
     */
    public long scrub() {
        long zeroed = commits.scrub();
        log.info("event=store_scrubbed file={} overwritten_bytes={}", file, zeroed);
        return zeroed;
    }

    /**
     * Notes in the file, forced to disk, that a scrub is owed: {@link #scrub} forgets it once it has finished, so a
     * process killed before that scrubs on its next chance. @return whether one was owed already
     */
    public boolean oweScrub() {
        return commits.oweScrub();
    }

    /** Forgets an owed scrub that turned out to have nothing to overwrite (the retention run deleted nothing). */
    public void forgetScrub() {
        commits.forgetScrub();
    }

    /**
     * Runs {@code work} while the file is at rest: commits wait meanwhile, so every write waits for its answer (reads
     * do not). What a disk that takes a long fsync does to the store; tests use it to show who waits for the store.
     */
    public <T> T whileCommitsWait(java.util.concurrent.Callable<T> work) throws Exception {
        return commits.withFileAtRest(work);
    }

    /**
     * What the store has written since it opened: commits forced to disk (each an fsync) and bytes written to its file.
     * On two cores beside the mail server these are what the outbox's bookkeeping costs the disk (see the README's
     * "Benchmark").
     */
    public record Writes(long commits, long bytes) {
    }

    public Writes writes() {
        return new Writes(commits.commitsOnDisk(), commits.bytesWritten());
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    public int port() {
        return address.getPort();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        // the wire server finishes the commands in hand (each waits for its commit), then closes the backend and file
        server.shutdownNow();
        commits.close();
        backend.close();
        forceToDisk(file);
        try {
            Files.deleteIfExists(portFile);
        } catch (IOException e) {
            log.debug("event=store_port_file_left file={}", portFile);
        }
        log.info("event=embedded_store_stopped file={}", file);
    }
}

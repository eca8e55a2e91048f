package se.foubot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB wire-protocol server inside the JVM, on loopback, over an H2 MVStore file, so the bot runs
 * on a fresh machine with nothing installed and keeps its data across restarts.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoStore.class);
    static final String FILE_NAME = "foubot.mv";
    private static final int AUTO_COMMIT_MILLIS = 200;

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path file;

    private EmbeddedMongoStore(H2Backend backend, MongoServer server, InetSocketAddress address, Path file) {
        this.backend = backend;
        this.server = server;
        this.address = address;
        this.file = file;
    }

    /** Opens the store file under {@code dataDir} and listens on 127.0.0.1:{@code port} (0: any free port). */
    public static EmbeddedMongoStore start(Path dataDir, int port) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
        MVStore mvStore;
        try {
            mvStore = new MVStore.Builder().fileName(file.toString()).open();
            // MVStore commits in the background; a short delay bounds what a hard kill can lose
            mvStore.setAutoCommitDelay(AUTO_COMMIT_MILLIS);
        } catch (MVStoreException e) {
            throw new IllegalStateException("The embedded store file " + file + " cannot be opened ("
                    + e.getMessage() + "). Is another fou-bot process using FOUBOT_DATA_DIR=" + dataDir
                    + "? Stop it, choose another FOUBOT_DATA_DIR, or point both at one FOUBOT_MONGODB_URI.", e);
        }
        H2Backend backend = new IsolatedH2Backend(mvStore);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        log.info("event=embedded_store_started file={} address={}:{}", file, address.getHostString(), address.getPort());
        return new EmbeddedMongoStore(backend, server, address, file);
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
        server.shutdownNow();
        backend.close();
        log.info("event=embedded_store_stopped file={}", file);
    }
}

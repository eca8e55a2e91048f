package se.foubot.store;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * The embedded store's backend as the wire server sees it: every command runs through the {@link GroupCommit}, so
 * its answer goes back only once what it did is on disk; and one command of its own, {@code foubotBackup}, with
 * which {@code fou-bot store backup DIR} has the running store copy its file while it is at rest.
 */
final class DurableBackend implements MongoBackend {

    /** {@code {foubotBackup: 1, to: "/absolute/dir"}} on the admin database. */
    static final String BACKUP_COMMAND = "foubotBackup";

    private final MongoBackend backend;
    private final GroupCommit commits;
    private final Path file;

    DurableBackend(MongoBackend backend, GroupCommit commits, Path file) {
        this.backend = backend;
        this.commits = commits;
        this.file = file;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        if ("admin".equals(message.getDatabaseName()) && query.containsKey(BACKUP_COMMAND)) {
            return backup(query);
        }
        return commits.command(() -> backend.handleMessage(message));
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if ("admin".equals(database) && BACKUP_COMMAND.equals(command)) {
            return backup(query);
        }
        return commits.command(() -> backend.handleCommand(channel, database, command, query));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return commits.command(() -> backend.handleQuery(query));
    }

    private Document backup(Document query) {
        Object to = query.get("to");
        if (!(to instanceof String dir) || !Path.of(dir).isAbsolute()) {
            throw new MongoServerException(BACKUP_COMMAND + " needs 'to': an absolute directory path");
        }
        try {
            StoreBackup.Copy copy = commits.withFileAtRest(() -> StoreBackup.copy(file, Path.of(dir)));
            Document answer = new Document("file", copy.file().toString());
            answer.put("bytes", copy.bytes());
            answer.put("sha256", copy.sha256());
            answer.put("ok", 1.0);
            return answer;
        } catch (Exception e) {
            throw new MongoServerException("backup failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void handleClose(Channel channel) {
        backend.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        commits.command(() -> {
            backend.dropDatabase(database);
            return null;
        });
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return backend.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return backend.getServerStatus();
    }

    @Override
    public void close() {
        backend.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        backend.closeCursors(cursorIds);
    }

    @Override
    public java.time.Clock getClock() {
        return backend.getClock();
    }

    @Override
    public void enableOplog() {
        backend.enableOplog();
    }

    @Override
    public void disableOplog() {
        backend.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return backend.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        backend.version(version);
        return this;
    }
}

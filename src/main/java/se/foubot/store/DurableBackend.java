package se.foubot.store;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.foubot.privacy.LogText;

/**
 * The embedded store's backend as the wire server sees it: every command that may write runs through the
 * {@link GroupCommit}, so its answer goes back only once what it did is on disk; and one command of its own,
 * {@code foubotBackup}, with which {@code fou-bot store backup DIR} has the running store copy its file while it is
 * at rest.
 *
 * <p>Commands known to only read are answered at once, with the newest data, as MongoDB's default read concern
 * ({@code "local"}) does: what the bot acts on outside (a mail sent, a Slack post, a mail marked seen) it first
 * records or claims with a write, and that write's commit takes every earlier change with it. Any command not known
 * to only read waits, so a command this list does not know errs on the safe side. A write that asks for
 * {@code j: false} ({@link CarriedWrites}) is answered once applied: the next commit takes it to disk.
 */
final class DurableBackend implements MongoBackend {

    private static final Logger log = LoggerFactory.getLogger(DurableBackend.class);

    /** {@code {foubotBackup: 1, to: "/absolute/dir"}} on the admin database. */
    static final String BACKUP_COMMAND = "foubotBackup";
    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "aggregate", "listcollections",
            "listindexes", "listdatabases", "ping", "hello", "ismaster", "buildinfo", "serverstatus", "killcursors",
            "endsessions", "dbstats", "collstats", "whatsmyuri", "getlasterror", "connectionstatus", "getparameter");

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
        String command = query.isEmpty() ? "" : query.keySet().iterator().next();
        try {
            return commits.command(() -> backend.handleMessage(message), mayWrite(command, query), !CarriedWrites.carried(query));
        } catch (MongoServerError refused) {
            // the wire handler logs a failed command whole — documents, keys, what people wrote — at ERROR; its logger is
            // off (application.yaml) and the failure is said here by name and code alone. The client has the error.
            log.debug("event=store_command_refused command={} collection={} code={}", LogText.clean(command),
                    LogText.clean(String.valueOf(query.get(command))), refused.getCodeName());
            throw refused;
        } catch (RuntimeException failed) {
            log.error("event=store_command_failed command={} collection={} error={}", LogText.clean(command),
                    LogText.clean(String.valueOf(query.get(command))), failed.getClass().getSimpleName(), failed);
            throw failed;
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if ("admin".equals(database) && BACKUP_COMMAND.equals(command)) {
            return backup(query);
        }
        return commits.command(() -> backend.handleCommand(channel, database, command, query), mayWrite(command, query),
                !CarriedWrites.carried(query));
    }

    /** A legacy query (OP_QUERY on a collection) only reads. */
    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return commits.command(() -> backend.handleQuery(query), false, false);
    }

    /** Everything but the known reads; an aggregation that ends in {@code $out} or {@code $merge} writes. */
    static boolean mayWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (!READS.contains(name)) {
            return true;
        }
        if (name.equals("aggregate") && query.get("pipeline") instanceof List<?> stages) {
            return stages.stream().anyMatch(s -> s instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return false;
    }

    private Document backup(Document query) {
        Object to = query.get("to");
        if (!(to instanceof String dir) || !Path.of(dir).isAbsolute()) {
            throw new MongoServerException(BACKUP_COMMAND + " needs 'to': an absolute directory path");
        }
        try {
            StoreBackup.Copy copy = commits.withFileAtRest(() -> StoreBackup.copy(commits.storeChannel(), file, Path.of(dir)));
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
        }, true, true);
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

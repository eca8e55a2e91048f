package se.foubot.tasks;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import se.foubot.store.CarriedWrites;

/**
 * The audit log, in its own collection ({@code audit_log}) that outlives the tasks' own retention: who did what to
 * which task, round or group, and when. The tasks feature owns the collection and its retention; other features
 * (the knowledge-gap inventory) write their lines through here. No free text from requests.
 */
@Component
public class AuditLog {

    static final String COLLECTION = "audit_log";

    private final MongoTemplate mongo;

    AuditLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * One line, keyed by {@code id}: the same action recorded again (an event delivered twice) stays one line.
     *
     * @param details further fields (ids, a status), never text a person wrote
     */
    public void record(String id, Instant at, String actor, String action, Map<String, ?> details) {
        insertOnce(line(id, at, actor, action, details), false);
    }

    /**
     * As {@link #record}, without waiting for the disk: for a line of work whose own durable write follows in the same
     * thread before anything is told outside ({@link CarriedWrites}).
     */
    void recordCarried(String id, Instant at, String actor, String action, Map<String, ?> details) {
        insertOnce(line(id, at, actor, action, details), true);
    }

    private static Document line(String id, Instant at, String actor, String action, Map<String, ?> details) {
        Document line = new Document("_id", id).append("at", Date.from(at)).append("actor", actor).append("action", action);
        details.forEach(line::append);
        return line;
    }

    private void insertOnce(Document line, boolean carried) {
        try {
            if (carried) {
                CarriedWrites.in(mongo, COLLECTION, c -> c.insertOne(line));
            } else {
                mongo.insert(line, COLLECTION);
            }
        } catch (DuplicateKeyException already) {
            // the same action again
        }
    }
}

package se.foubot.tasks;

import java.util.Date;
import java.util.Set;

import org.bson.Document;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log: who created, claimed, released, re-categorised or changed the status of which task, and when, in
 * its own collection ({@code audit_log}) that outlives the tasks' own retention. No free text from requests.
 * Keyed by task and event time, so a repeated event is one line.
 */
@Component
class TaskAudit {

    static final String COLLECTION = "audit_log";
    private static final Set<String> AUDITED = Set.of("created", "claimed", "released", "status", "category");

    private final MongoTemplate mongo;

    TaskAudit(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventListener
    void on(TaskChanged change) {
        TaskEvent e = change.event();
        if (e == null || !AUDITED.contains(e.kind())) {
            return;
        }
        String detail = switch (e.kind()) {
            case "status" -> change.task().status().name();
            case "category" -> change.task().category();
            default -> null;
        };
        Document line = new Document("_id", change.task().reference() + "#" + e.kind() + "#" + e.at().toEpochMilli())
                .append("at", Date.from(e.at())).append("actor", e.actor()).append("action", e.kind())
                .append("task", change.task().reference()).append("detail", detail);
        try {
            mongo.insert(line, COLLECTION);
        } catch (org.springframework.dao.DuplicateKeyException already) {
            // the same event delivered twice
        }
    }
}

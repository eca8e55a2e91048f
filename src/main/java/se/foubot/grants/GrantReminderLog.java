package se.foubot.grants;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which grant reminders went out and to how many ({@code grant_reminder_log}, one document per reminder: deadline
 * and offset). Counts only, nobody's address: the notices themselves are in the channels' outboxes.
 */
@Component
class GrantReminderLog {

    static final String COLLECTION = "grant_reminder_log";

    /** A reminder's fan-out: first and latest run, and how many notices it queued in all. */
    record Entry(String reminder, Instant firstAt, Instant lastAt, int queued) {
    }

    private final MongoTemplate mongo;

    GrantReminderLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Adds one run of {@code reminder} that queued {@code queued} notices (a catch-up run adds to the first). */
    void record(String reminder, String deadline, Instant at, int queued) {
        mongo.findAndModify(Query.query(Criteria.where("_id").is(reminder)),
                new Update().setOnInsert("deadline", deadline).setOnInsert("firstAt", Date.from(at)).set("lastAt", Date.from(at))
                        .inc("queued", queued),
                FindAndModifyOptions.options().upsert(true), Document.class, COLLECTION);
    }

    /** The entries of the reminders of deadlines {@code deadlineIds}, by reminder id. */
    Map<String, Entry> of(java.util.Collection<String> deadlineIds) {
        Map<String, Entry> out = new HashMap<>();
        for (Document d : mongo.find(Query.query(Criteria.where("deadline").in(deadlineIds)), Document.class, COLLECTION)) {
            out.put(d.getString("_id"), new Entry(d.getString("_id"), d.getDate("firstAt").toInstant(), d.getDate("lastAt").toInstant(),
                    d.get("queued", Number.class).intValue()));
        }
        return out;
    }
}

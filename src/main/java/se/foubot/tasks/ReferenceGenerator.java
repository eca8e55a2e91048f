package se.foubot.tasks;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Hands out references like FOU-2026-0042: a sequence per calendar year (Stockholm time) kept in one
 * MongoDB counter document and incremented atomically, so concurrent requests and replicas never share
 * a number and a number is never reused.
 */
@Component
public class ReferenceGenerator {

    static final String COLLECTION = "counters";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId zone;

    ReferenceGenerator(MongoTemplate mongo, Clock clock, ZoneId zone) {
        this.mongo = mongo;
        this.clock = clock;
        this.zone = zone;
    }

    public String next() {
        int year = LocalDate.now(clock.withZone(zone)).getYear();
        String counter = "support-request-" + year;
        Query query = Query.query(Criteria.where("_id").is(counter));
        Update increment = new Update().inc("seq", 1L);
        FindAndModifyOptions options = FindAndModifyOptions.options().upsert(true).returnNew(true);
        Document doc;
        try {
            doc = mongo.findAndModify(query, increment, options, Document.class, COLLECTION);
        } catch (DuplicateKeyException e) {
            // two first requests of a year raced to create the counter; now it exists
            doc = mongo.findAndModify(query, increment, options, Document.class, COLLECTION);
        }
        long seq = ((Number) doc.get("seq")).longValue();
        return String.format("FOU-%d-%04d", year, seq);
    }
}

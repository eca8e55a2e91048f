package se.foubot.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Named leases in MongoDB, for work that one replica at a time should do (reading the IMAP mailbox). A holder
 * renews its own lease, takes over one that has run out, or creates it; each is a conditional single-document
 * write, so two replicas never both win. A holder that dies simply stops renewing.
 */
@Component
public class Leases {

    static final String COLLECTION = "leases";

    private final MongoTemplate mongo;
    private final Clock clock;

    Leases(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Takes or renews {@code name} for {@code holder} until now + {@code ttl}. @return whether {@code holder} has it */
    public boolean acquire(String name, String holder, Duration ttl) {
        Instant now = clock.instant();
        Update take = new Update().set("holder", holder).set("until", Date.from(now.plus(ttl))).set("renewedAt", Date.from(now));
        // each step is one atomic single-document write: renew our own, or take over an expired one, or create it
        // matched, not modified: a renewal within the same millisecond (or on a clock that stands still) changes
        // nothing, and the holder still holds it
        if (mongo.updateFirst(Query.query(Criteria.where("_id").is(name).and("holder").is(holder)), take, COLLECTION)
                .getMatchedCount() == 1) {
            return true;
        }
        if (mongo.updateFirst(Query.query(Criteria.where("_id").is(name).and("until").lt(Date.from(now))), take, COLLECTION)
                .getModifiedCount() == 1) {
            return true;
        }
        try {
            mongo.insert(new Document("_id", name).append("holder", holder).append("until", Date.from(now.plus(ttl)))
                    .append("renewedAt", Date.from(now)), COLLECTION);
            return true;
        } catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }

    /** Lets go of {@code name} at once (a clean shutdown), so another replica need not wait for it to run out. */
    public void release(String name, String holder) {
        try {
            mongo.remove(Query.query(Criteria.where("_id").is(name).and("holder").is(holder)), COLLECTION);
        } catch (DataAccessException e) {
            // it runs out by itself
        }
    }

    /** Who holds {@code name} now, if anyone. */
    public Optional<String> holder(String name) {
        Document d = mongo.findById(name, Document.class, COLLECTION);
        if (d == null || d.getDate("until").toInstant().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(d.getString("holder"));
    }
}

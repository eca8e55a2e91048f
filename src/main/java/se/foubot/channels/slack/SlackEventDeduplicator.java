package se.foubot.channels.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import se.foubot.store.StoreIndexes;

/**
 * Processes each Slack event once, across retries and replicas: the event id is a unique key in MongoDB,
 * kept 24 h (TTL; longer than Slack's retry span). It records what was done, not that a delivery came:
 * an event whose processing failed, or whose worker died (its lease ran out), is taken again by the next
 * delivery.
 */
@Component
class SlackEventDeduplicator implements StoreIndexes {

    static final String COLLECTION = "slack_events";
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final SlackProperties properties;

    SlackEventDeduplicator(MongoTemplate mongo, Clock clock, SlackProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void ensure(MongoTemplate mongo) {
        mongo.indexOps(COLLECTION).createIndex(new Index("receivedAt", Sort.Direction.ASC)
                .expire(properties.eventRetention()).named("receivedAt_ttl"));
    }

    /** @return true when this delivery should process the event; false when it is done or in hand elsewhere */
    boolean claim(String eventId) {
        Instant now = clock.instant();
        try {
            mongo.insert(new Document("_id", eventId).append("state", "processing").append("leaseUntil", Date.from(now.plus(LEASE)))
                    .append("receivedAt", Date.from(now)), COLLECTION);
            return true;
        } catch (DuplicateKeyException seenBefore) {
            // taken again only if the earlier attempt failed or its lease ran out
            Query retryable = Query.query(Criteria.where("_id").is(eventId).orOperator(
                    Criteria.where("state").is("failed"),
                    Criteria.where("state").is("processing").and("leaseUntil").lt(Date.from(now))));
            return mongo.updateFirst(retryable, new Update().set("state", "processing")
                    .set("leaseUntil", Date.from(now.plus(LEASE))), COLLECTION).getModifiedCount() == 1;
        }
    }

    void done(String eventId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId)), new Update().set("state", "done"), COLLECTION);
    }

    void failed(String eventId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(eventId)), new Update().set("state", "failed"), COLLECTION);
    }
}

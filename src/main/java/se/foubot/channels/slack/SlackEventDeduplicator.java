package se.foubot.channels.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

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
 * Processes each Slack event once, across retries and replicas: its key is a unique key in MongoDB, kept 24 h
 * (TTL; longer than Slack's retry span). A message is keyed by the post itself (channel + {@code ts}), so one post
 * delivered under several event ids — a retry with a new id, or an {@code app_mention} and a {@code message} for
 * the same post — is answered once; other events by their event id. It records what was done, not that a delivery
 * came: an event whose processing failed, or whose worker died (its lease ran out), is taken again by the next
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

    /**
     * The keys of a message event: its event id and the post (channel + ts), so neither a redelivery under the same
     * id nor the same post under another id is answered twice.
     */
    static List<String> messageKeys(String eventId, String channel, String ts) {
        List<String> keys = new ArrayList<>();
        if (eventId != null) {
            keys.add(eventId);
        }
        if (channel != null && ts != null) {
            keys.add("post:" + channel + ":" + ts);
        }
        return keys;
    }

    /** @return true when this delivery should process the event; false when it is done or in hand elsewhere */
    boolean claim(String key) {
        return claim(List.of(key), key);
    }

    /**
     * Claims the event under every one of its keys. When one of them is done or in hand elsewhere, this delivery
     * does nothing, and the keys it did take are marked done (the work is someone else's).
     *
     * @param eventId the delivery's event id, kept beside each key for tracing
     */
    boolean claim(List<String> keys, String eventId) {
        List<String> taken = new ArrayList<>();
        for (String key : keys) {
            if (!claimOne(key, eventId)) {
                taken.forEach(this::done);
                return false;
            }
            taken.add(key);
        }
        return true;
    }

    private boolean claimOne(String key, String eventId) {
        Instant now = clock.instant();
        try {
            mongo.insert(new Document("_id", key).append("eventId", eventId).append("state", "processing")
                    .append("leaseUntil", Date.from(now.plus(LEASE))).append("receivedAt", Date.from(now)), COLLECTION);
            return true;
        } catch (DuplicateKeyException seenBefore) {
            // taken again only if the earlier attempt failed or its lease ran out
            Query retryable = Query.query(Criteria.where("_id").is(key).orOperator(
                    Criteria.where("state").is("failed"),
                    Criteria.where("state").is("processing").and("leaseUntil").lt(Date.from(now))));
            return mongo.updateFirst(retryable, new Update().set("state", "processing")
                    .set("leaseUntil", Date.from(now.plus(LEASE))), COLLECTION).getModifiedCount() == 1;
        }
    }

    void done(List<String> keys) {
        keys.forEach(this::done);
    }

    void failed(List<String> keys) {
        keys.forEach(this::failed);
    }

    void done(String key) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), new Update().set("state", "done"), COLLECTION);
    }

    void failed(String key) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), new Update().set("state", "failed"), COLLECTION);
    }
}

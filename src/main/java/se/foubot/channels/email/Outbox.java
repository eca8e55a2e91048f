package se.foubot.channels.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
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
 * Outgoing mail in MongoDB, so that a crash loses nothing and two senders (replicas) send nothing twice.
 *
 * <p>Each item has a {@code slot}: "{key}#free" while it waits, "{key}#{sender}" while a sender holds it,
 * "{key}#sent" when done; the slot is unique. A sender takes an item by rewriting its free slot to its own —
 * one indexed single-document update that exactly one sender wins, on any MongoDB. A sender that dies leaves
 * its slot behind; once the lease has run out, the item is freed for the others.
 */
@Component
public class Outbox implements StoreIndexes {

    static final String COLLECTION = "outbox";
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String FAILED = "failed";

    private final MongoTemplate mongo;
    private final Clock clock;

    Outbox(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void ensure(MongoTemplate mongo) {
        var outbox = mongo.indexOps(COLLECTION);
        outbox.createIndex(new Index("slot", Sort.Direction.ASC).unique().named("slot_unique"));
        outbox.createIndex(new Index().on("status", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC).named("due"));
        outbox.createIndex(new Index("messageId", Sort.Direction.ASC).named("messageId"));
        outbox.createIndex(new Index().on("to", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC).named("to_createdAt"));
    }

    /** Queues {@code mail} once; queuing the same key again changes nothing. @return false if it was queued before */
    public boolean enqueue(OutgoingMail mail) {
        Instant now = clock.instant();
        Document doc = new Document("_id", mail.key()).append("slot", slot(mail.key(), "free")).append("status", PENDING)
                .append("to", mail.to()).append("subject", mail.subject()).append("text", mail.text())
                .append("inReplyTo", mail.inReplyTo()).append("references", mail.references())
                .append("autoSubmitted", mail.autoSubmitted()).append("messageId", messageId(mail.key()))
                .append("thread", mail.thread())
                .append("attempts", 0).append("nextAttemptAt", Date.from(now)).append("createdAt", Date.from(now));
        try {
            mongo.insert(doc, COLLECTION);
            return true;
        } catch (DuplicateKeyException alreadyQueued) {
            return false;
        }
    }

    /** Keys of mail that is due, oldest first (not yet taken). */
    List<String> due(int limit) {
        Query q = Query.query(Criteria.where("status").is(PENDING).and("nextAttemptAt").lte(Date.from(clock.instant())))
                .with(Sort.by("nextAttemptAt")).limit(limit);
        q.fields().include("_id");
        return mongo.find(q, Document.class, COLLECTION).stream().map(d -> d.getString("_id")).toList();
    }

    /** @return the mail if this sender took it; null when another sender has it or it is no longer waiting */
    Document take(String key, String sender, Instant leaseUntil) {
        return mongo.findAndModify(Query.query(Criteria.where("slot").is(slot(key, "free"))),
                new Update().set("slot", slot(key, sender)).set("leaseUntil", Date.from(leaseUntil)),
                org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true), Document.class,
                COLLECTION);
    }

    void markSent(String key, String sender) {
        mongo.updateFirst(Query.query(Criteria.where("slot").is(slot(key, sender))), new Update().set("slot", slot(key, "sent"))
                .set("status", SENT).set("sentAt", Date.from(clock.instant())).unset("leaseUntil"), COLLECTION);
    }

    /** Gives the mail back for a later attempt, or gives it up after too many. */
    void markFailed(String key, String sender, int attempts, Instant nextAttempt, boolean giveUp, String error) {
        mongo.updateFirst(Query.query(Criteria.where("slot").is(slot(key, sender))),
                new Update().set("slot", slot(key, giveUp ? "failed" : "free")).set("status", giveUp ? FAILED : PENDING)
                        .set("attempts", attempts).set("nextAttemptAt", Date.from(nextAttempt)).set("lastError", error)
                        .unset("leaseUntil"), COLLECTION);
    }

    /** Frees mail whose sender's lease ran out (the sender died or hung). @return how many */
    int freeExpiredLeases() {
        List<Document> stale = mongo.find(Query.query(Criteria.where("status").is(PENDING)
                .and("leaseUntil").lt(Date.from(clock.instant()))), Document.class, COLLECTION);
        int freed = 0;
        for (Document d : stale) {
            freed += (int) mongo.updateFirst(Query.query(Criteria.where("slot").is(d.getString("slot"))
                    .and("leaseUntil").lt(Date.from(clock.instant()))),
                    new Update().set("slot", slot(d.getString("_id"), "free")).unset("leaseUntil"), COLLECTION).getModifiedCount();
        }
        return freed;
    }

    /** What the newest of our mails among {@code messageIds} belongs to (see {@link OutgoingMail#thread()}). */
    java.util.Optional<String> threadOf(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return java.util.Optional.empty();
        }
        Query q = Query.query(Criteria.where("messageId").in(messageIds).and("thread").ne(null))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(1);
        return java.util.Optional.ofNullable(mongo.findOne(q, Document.class, COLLECTION)).map(d -> d.getString("thread"));
    }

    /** Mail queued to {@code to} since {@code since}, for the per-sender reply limit. */
    long queuedTo(String to, Instant since) {
        return mongo.count(Query.query(Criteria.where("to").is(to).and("createdAt").gte(Date.from(since))), COLLECTION);
    }

    /** When the oldest mail still waiting was queued; empty when none waits. */
    java.util.Optional<Instant> oldestPending() {
        Query q = Query.query(Criteria.where("status").is(PENDING)).with(Sort.by("createdAt")).limit(1);
        q.fields().include("createdAt");
        return java.util.Optional.ofNullable(mongo.findOne(q, Document.class, COLLECTION))
                .map(d -> d.getDate("createdAt").toInstant());
    }

    long count(String status) {
        return mongo.count(Query.query(Criteria.where("status").is(status)), COLLECTION);
    }

    static String slot(String key, String holder) {
        return key + "#" + holder;
    }

    /** The same key always gives the same Message-ID. */
    static String messageId(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 16) + "@fou-bot>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package se.foubot.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import se.foubot.privacy.LogText;

/**
 * A once-only work queue in one MongoDB collection (the mail outbox, the Slack outbox), so that a crash loses
 * nothing and two workers (replicas) do nothing twice.
 *
 * <p>Each item is keyed by its once-only key ({@code _id}) and has a {@code slot}: "{key}#free" while it waits,
 * "{key}#{worker}" while a worker holds it, "{key}#sent" when done; the slot is unique. A worker takes an item by
 * rewriting its free slot to its own — one indexed single-document update that exactly one worker wins, on any
 * MongoDB (mongo-java-server only uses an index when the query names exactly its keys, hence one field). A
 * worker that dies leaves its slot behind; once its lease has run out, the item is freed for the others.
 *
 * <p>While an item waits (free or held) it also carries its key in {@code waiting}, a sparse unique field, unset when
 * it is done or given up: the look for due items reads that index's entries, the items still waiting, instead of every
 * item kept for the retention period — on the embedded store no index serves "pending and due", and a look every two
 * seconds read every mail kept for 90 days. A regular expression is the one query on a field mongo-java-server answers
 * from a unique index's entries, and MongoDB from the index's keys alone too.
 */
public final class LeasedQueue {

    private static final Logger log = LoggerFactory.getLogger(LeasedQueue.class);

    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    /** The field that holds an item's key while it waits (see the class comment). */
    static final String WAITING = "waiting";
    /** Why an item was last postponed, where its worker said. */
    public static final String POSTPONED = "postponed";
    /** How often a look also reads the whole queue, for items queued by a version without {@link #WAITING}. */
    private static final Duration FULL_LOOK_EVERY = Duration.ofMinutes(10);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String collection;
    private final AfterEffectWrite afterEffect = new AfterEffectWrite();
    /** The first is at start ({@link #ensureIndexes}); the next ones adopt what older replicas queue meanwhile. */
    private volatile Instant nextFullLook;

    public LeasedQueue(MongoTemplate mongo, Clock clock, String collection) {
        this.mongo = mongo;
        this.clock = clock;
        this.collection = collection;
        this.nextFullLook = clock.instant().plus(FULL_LOOK_EVERY);
    }

    public void ensureIndexes(MongoTemplate mongo) {
        var ops = mongo.indexOps(collection);
        ops.createIndex(new Index("slot", Sort.Direction.ASC).unique().named("slot_unique"));
        ops.createIndex(new Index().on("status", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC).named("due"));
        ops.createIndex(new Index(WAITING, Sort.Direction.ASC).unique().sparse().named("waiting_unique"));
        adoptWaitingWithoutField();
    }

    /**
     * Gives {@link #WAITING} to items that wait without it: queued by a version before it (a store file from before,
     * or an older replica during a rolling upgrade), or given another value by hand (null, a number), which the looks'
     * regular expression would not find. One scan of the queue; at start and every {@link #FULL_LOOK_EVERY}. An item
     * the store will not change is left as it is and logged, so that one odd document does not keep the others waiting.
     */
    private void adoptWaitingWithoutField() {
        Query q = Query.query(Criteria.where("status").is(PENDING));
        q.fields().include("_id").include(WAITING);
        for (Document d : mongo.find(q, Document.class, collection)) {
            if (d.get(WAITING) instanceof String) {
                continue;
            }
            Object key = d.get("_id");
            try {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("status").is(PENDING)), new Update().set(WAITING, key),
                        collection);
            } catch (RuntimeException refused) {
                log.warn("event=queue_item_not_adopted collection={} key={} reason=\"{}\"", collection, LogText.clean(String.valueOf(key)),
                        LogText.clean(String.valueOf(refused.getMessage())));
            }
        }
    }

    /** Queues {@code item} under {@code key} once; queuing the same key again changes nothing. @return false if queued before */
    public boolean enqueue(String key, Document item) {
        Instant now = clock.instant();
        Document doc = new Document(item).append("_id", key).append("slot", slot(key, "free")).append("status", PENDING)
                .append(WAITING, key).append("attempts", 0).append("nextAttemptAt", Date.from(now)).append("createdAt", Date.from(now));
        try {
            mongo.insert(doc, collection);
            return true;
        } catch (DuplicateKeyException alreadyQueued) {
            return false;
        }
    }

    /**
     * Queues each item under its key once, all in one unordered insert (one commit to disk for the batch); a key
     * queued before is passed over. @return the keys queued now
     */
    public Set<String> enqueueAll(Map<String, Document> items) {
        return enqueueAll(items, null, null);
    }

    /**
     * As {@link #enqueueAll(Map)}, each item already held by {@code worker} until {@code leaseUntil} (as
     * {@link #enqueueTaken} does for one).
     */
    public Set<String> enqueueAllTaken(Map<String, Document> items, String worker, Instant leaseUntil) {
        return enqueueAll(items, worker, leaseUntil);
    }

    private Set<String> enqueueAll(Map<String, Document> items, String worker, Instant leaseUntil) {
        if (items.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        List<String> keys = new ArrayList<>(items.keySet());
        List<Document> docs = new ArrayList<>();
        for (String key : keys) {
            Document doc = new Document(items.get(key)).append("_id", key).append("slot", slot(key, worker == null ? "free" : worker))
                    .append("status", PENDING).append(WAITING, key).append("attempts", 0).append("nextAttemptAt", Date.from(now))
                    .append("createdAt", Date.from(now));
            if (leaseUntil != null) {
                doc.append("leaseUntil", Date.from(leaseUntil));
            }
            docs.add(doc);
        }
        Set<Integer> before = InsertOnce.insertAll(mongo, collection, docs);
        Set<String> queued = new LinkedHashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!before.contains(i)) {
                queued.add(keys.get(i));
            }
        }
        return queued;
    }

    /**
     * Queues {@code item} under {@code key} once, already held by {@code worker} until {@code leaseUntil}: for work
     * recorded so that it survives the process, which the recording process then does itself at once. If it dies,
     * the item is freed for the others once the lease has run out. @return false if queued before
     */
    public boolean enqueueTaken(String key, Document item, String worker, Instant leaseUntil) {
        Instant now = clock.instant();
        Document doc = new Document(item).append("_id", key).append("slot", slot(key, worker)).append("status", PENDING)
                .append(WAITING, key).append("attempts", 0).append("nextAttemptAt", Date.from(now)).append("createdAt", Date.from(now))
                .append("leaseUntil", Date.from(leaseUntil));
        try {
            mongo.insert(doc, collection);
            return true;
        } catch (DuplicateKeyException alreadyQueued) {
            return false;
        }
    }

    /**
     * Keys of due items that no worker holds, oldest first (by key among those due at the same moment, so that a batch
     * of them lies together in the store's pages), at most {@code limit}; an item whose worker's lease has run out (the
     * worker died or hung) is freed on the way and offered. One scan of the queue (no index serves the query on the
     * embedded store) finds both, and an item another worker holds is not offered, so that two workers do not both
     * spend a command on it.
     */
    public List<String> takeable(int limit) {
        return due(limit, false).stream().map(d -> d.getString("_id")).toList();
    }

    /**
     * As {@link #takeable(int)}, the items whole: a worker that hands them to {@link #markSentAndTake} need not read
     * them again after taking them. What a worker does with an item must not depend on its bookkeeping fields as read
     * here (attempts, the next attempt): another worker may change those before the take.
     */
    public List<Document> takeableItems(int limit) {
        return due(limit, true);
    }

    private List<Document> due(int limit, boolean whole) {
        Instant at = clock.instant();
        if (!at.isBefore(nextFullLook)) {
            nextFullLook = at.plus(FULL_LOOK_EVERY);
            adoptWaitingWithoutField();
        }
        Date now = Date.from(at);
        // the waiting items alone, by the index of the field only they carry (any value: a regular expression is what
        // both stores answer from the index); due or not is decided here, so the query names that field alone. A few
        // more than asked: items held by live workers are passed over.
        Query q = Query.query(Criteria.where(WAITING).regex("")).with(Sort.by("nextAttemptAt", "_id")).limit(limit * 2);
        if (!whole) {
            q.fields().include("_id").include("slot").include("leaseUntil").include("nextAttemptAt").include("status");
        }
        List<Document> due = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (Document d : mongo.find(q, Document.class, collection)) {
            Date next = d.getDate("nextAttemptAt");
            if (next != null && next.after(now)) {
                break; // ordered by the next attempt: the rest are not due yet either
            }
            if (!PENDING.equals(d.getString("status"))) {
                done.add(d.getString("_id")); // marked done by a version that did not know the field
                continue;
            }
            Date leaseUntil = d.getDate("leaseUntil");
            if (leaseUntil == null || (leaseUntil.before(now) && freeIfStillExpired(d, now))) {
                due.add(d);
                if (due.size() == limit) {
                    break;
                }
            }
        }
        if (!done.isEmpty()) {
            // so that they no longer fill the looks' first places
            mongo.updateMulti(Query.query(Criteria.where("_id").in(done).and("status").ne(PENDING)), new Update().unset(WAITING),
                    collection);
        }
        return due;
    }

    /** @return the item if this worker took it; null when another worker has it or it is no longer waiting */
    public Document take(String key, String worker, Instant leaseUntil) {
        return mongo.findAndModify(Query.query(Criteria.where("slot").is(slot(key, "free"))),
                new Update().set("slot", slot(key, worker)).set("leaseUntil", Date.from(leaseUntil)),
                FindAndModifyOptions.options().returnNew(true), Document.class, collection);
    }

    /**
     * Marks the item done; {@code result} fields (e.g. the Slack ts) are recorded with it. Called after the item
     * went out, so it is retried through a short MongoDB outage rather than letting the item go out again.
     */
    public void markSent(String key, String worker, Document result) {
        Update update = new Update().set("slot", slot(key, "sent")).set("status", SENT).set("sentAt", Date.from(clock.instant()))
                .unset("leaseUntil").unset(WAITING);
        result.forEach(update::set);
        afterEffect.run(() -> mongo.updateFirst(Query.query(Criteria.where("slot").is(slot(key, worker))), update, collection));
    }

    /**
     * {@link #markSent} for each of {@code sentKeys} and {@link #take} of each of {@code nextItems} (as
     * {@link #takeableItems} gave them), all in one command, so that they share one durable commit: a worker going
     * through its items a batch at a time waits for the store once per batch instead of twice per item. The marks are
     * on disk before any of the next items goes out. The command is retried through a short outage when it records
     * something done outside (the marks). When every mark and every take found its item, the items taken are those
     * given, and nothing is read; otherwise (another worker took one first, or a retry found its own take done) which
     * of them this worker holds is read afterwards (one read, no commit).
     *
     * @return the items of {@code nextItems} this worker took, in their order; not those another worker has or that
     *         are no longer waiting
     */
    public List<Document> markSentAndTake(List<String> sentKeys, String worker, List<Document> nextItems, Instant leaseUntil) {
        if (sentKeys.isEmpty() && nextItems.isEmpty()) {
            return List.of();
        }
        List<String> nextKeys = nextItems.stream().map(d -> d.getString("_id")).toList();
        Date now = Date.from(clock.instant());
        Date until = Date.from(leaseUntil);
        long[] found = {0};
        Runnable command = () -> {
            BulkOperations bulk = mongo.bulkOps(BulkMode.ORDERED, collection);
            for (String key : sentKeys) {
                bulk.updateOne(Query.query(Criteria.where("slot").is(slot(key, worker))),
                        new Update().set("slot", slot(key, "sent")).set("status", SENT).set("sentAt", now).unset("leaseUntil")
                                .unset(WAITING));
            }
            for (String key : nextKeys) {
                bulk.updateOne(Query.query(Criteria.where("slot").is(slot(key, "free"))),
                        new Update().set("slot", slot(key, worker)).set("leaseUntil", until));
            }
            // each update finds at most one item (the slot is unique); a retry counts its own attempt only
            found[0] = bulk.execute().getMatchedCount();
        };
        if (sentKeys.isEmpty()) {
            command.run(); // a take alone records nothing done outside: an outage fails it, and the next round tries again
        } else {
            afterEffect.run(command);
        }
        if (found[0] == sentKeys.size() + nextKeys.size()) {
            List<Document> taken = new ArrayList<>();
            for (Document item : nextItems) {
                taken.add(new Document(item).append("slot", slot(item.getString("_id"), worker)).append("leaseUntil", until));
            }
            return taken;
        }
        return heldBy(worker, nextKeys);
    }

    /** The item queued under {@code key}, as it is now. */
    public Optional<Document> item(String key) {
        return Optional.ofNullable(mongo.findById(key, Document.class, collection));
    }

    /** Marks each of {@code keys} done, in one command (see {@link #markSentAndTake(List, String, List, Instant)}). */
    public void markSent(List<String> keys, String worker) {
        markSentAndTake(keys, worker, List.of(), clock.instant());
    }

    /** Extends {@code worker}'s lease on each of {@code keys} in one command. @return those it still holds, in their order */
    public List<Document> renew(List<String> keys, String worker, Instant leaseUntil) {
        if (keys.isEmpty()) {
            return List.of();
        }
        renewAll(keys, worker, leaseUntil);
        return heldBy(worker, keys);
    }

    /** Gives each of {@code keys} back untouched, in one command (see {@link #release(String, String)}). */
    public void release(List<String> keys, String worker) {
        if (keys.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, collection);
        for (String key : keys) {
            bulk.updateOne(Query.query(Criteria.where("slot").is(slot(key, worker))),
                    new Update().set("slot", slot(key, "free")).unset("leaseUntil"));
        }
        bulk.execute();
    }

    /** The items of {@code keys} {@code worker} holds, in the order of {@code keys}: one read by their ids. */
    private List<Document> heldBy(String worker, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Map<String, Document> byKey = new HashMap<>();
        for (Document d : mongo.find(Query.query(Criteria.where("_id").in(keys)), Document.class, collection)) {
            byKey.put(d.getString("_id"), d);
        }
        List<Document> held = new ArrayList<>();
        for (String key : keys) {
            Document d = byKey.get(key);
            if (d != null && slot(key, worker).equals(d.getString("slot"))) {
                held.add(d);
            }
        }
        return held;
    }

    /** Gives the item back untouched (no attempt used up): the way out was blocked, not the item at fault. */
    /**
     * Gives back every item a worker named {@code holder} holds, whose process is known to be gone (see
     * {@link ProcessBoot}): free at once for any worker, its attempts untouched, instead of once its lease has run out.
     *
     * @return how many were given back
     */
    public int releaseAllHeldBy(String holder) {
        Query held = Query.query(Criteria.where("slot").regex("#" + java.util.regex.Pattern.quote(holder) + "$"));
        held.fields().include("_id");
        List<String> keys = mongo.find(held, Document.class, collection).stream().map(d -> d.getString("_id")).toList();
        release(keys, holder);
        return keys.size();
    }

    public void release(String key, String worker) {
        mongo.updateFirst(Query.query(Criteria.where("slot").is(slot(key, worker))),
                new Update().set("slot", slot(key, "free")).unset("leaseUntil"), collection);
    }

    /**
     * Gives the item back untouched (no attempt used up) for another try at {@code nextAttempt}: what it needs outside
     * the store was away for a while.
     */
    public void postpone(String key, String worker, Instant nextAttempt) {
        postpone(key, worker, nextAttempt, null);
    }

    /** As {@link #postpone(String, String, Instant)}, noting in the item's {@value #POSTPONED} field why (null: nothing). */
    public void postpone(String key, String worker, Instant nextAttempt, String why) {
        Update update = new Update().set("slot", slot(key, "free")).set("nextAttemptAt", Date.from(nextAttempt)).unset("leaseUntil");
        if (why != null) {
            update.set(POSTPONED, why);
        }
        mongo.updateFirst(Query.query(Criteria.where("slot").is(slot(key, worker))), update, collection);
    }

    /** Gives the item back for a later attempt, or gives it up after too many. */
    public void markFailed(String key, String worker, int attempts, Instant nextAttempt, boolean giveUp, String error) {
        Update update = new Update().set("slot", slot(key, giveUp ? "failed" : "free")).set("status", giveUp ? FAILED : PENDING)
                .set("attempts", attempts).set("nextAttemptAt", Date.from(nextAttempt)).set("lastError", error)
                .unset("leaseUntil");
        mongo.updateFirst(Query.query(Criteria.where("slot").is(slot(key, worker))), giveUp ? update.unset(WAITING) : update,
                collection);
    }

    /**
     * Extends {@code worker}'s lease on each of {@code keys} it still holds, in one unordered bulk write (one commit).
     * @return how many it still held
     */
    public int renewAll(List<String> keys, String worker, Instant leaseUntil) {
        if (keys.isEmpty()) {
            return 0;
        }
        BulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, collection);
        Update update = new Update().set("leaseUntil", Date.from(leaseUntil));
        for (String key : keys) {
            bulk.updateOne(Query.query(Criteria.where("slot").is(slot(key, worker))), update);
        }
        return bulk.execute().getModifiedCount();
    }

    /** Frees the item {@code held} if its holder has not renewed the lease since it was read. */
    private boolean freeIfStillExpired(Document held, Date now) {
        return mongo.updateFirst(Query.query(Criteria.where("slot").is(held.getString("slot")).and("leaseUntil").lt(now)),
                new Update().set("slot", slot(held.getString("_id"), "free")).unset("leaseUntil"), collection).getModifiedCount() == 1;
    }

    /**
     * The items still waiting (pending, held or not) that also match {@code where}, with their key, slot and the
     * {@code fields} named: served by the index of the field only waiting items carry.
     */
    public List<Document> waitingWhere(Criteria where, String... fields) {
        Query q = new Query(new Criteria().andOperator(Criteria.where(WAITING).regex(""), where));
        q.fields().include("_id").include("slot");
        for (String field : fields) {
            q.fields().include(field);
        }
        return mongo.find(q, Document.class, collection);
    }

    /** When the oldest item still waiting was queued; empty when none waits. */
    public Optional<Instant> oldestPending() {
        Query q = Query.query(Criteria.where("status").is(PENDING)).with(Sort.by("createdAt")).limit(1);
        q.fields().include("createdAt");
        return Optional.ofNullable(mongo.findOne(q, Document.class, collection)).map(d -> d.getDate("createdAt").toInstant());
    }

    public long count(String status) {
        return mongo.count(Query.query(Criteria.where("status").is(status)), collection);
    }

    public static String slot(String key, String holder) {
        return key + "#" + holder;
    }
}

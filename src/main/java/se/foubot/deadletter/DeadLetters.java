package se.foubot.deadletter;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import se.foubot.privacy.LogText;
import se.foubot.store.StoreIndexes;

/**
 * Bounded retries, then a dead letter: work that throws (a mail, a Slack event, one item of a scheduled job) is
 * tried at most {@code maxAttempts} times, then parked in the {@code dead_letters} collection — counted in
 * {@code foubot.dead.letters}, shown in {@code GET /api/dead-letters} and in health, and announced once (the
 * {@link DeadLetterParked} event, which the staff channel turns into one message). Attempts are counted in
 * MongoDB, so restarts and replicas share one count, and one replica parks.
 *
 * <p>A store outage is nobody's work's fault: it is never counted (see {@link #isOutage}); the caller waits for
 * the store as it always does.
 */
@Component
public class DeadLetters implements StoreIndexes, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final String COLLECTION = "dead_letters";

    /** How one attempt ended. */
    public enum Outcome {
        /** The work is done. */
        DONE,
        /** It failed and has attempts left: the caller tries again on its next round. */
        RETRY,
        /** It is parked (now or before): the caller leaves it alone and, where it can, tells the sender. */
        PARKED
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final DeadLetterProperties properties;
    private MeterRegistry meters;

    DeadLetters(MongoTemplate mongo, Clock clock, ApplicationEventPublisher events, DeadLetterProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.events = events;
        this.properties = properties;
    }

    @Override
    public void ensure(MongoTemplate mongo) {
        mongo.indexOps(COLLECTION).createIndex(new Index("status", Sort.Direction.ASC).named("status"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.meters = registry;
        Gauge.builder("foubot.dead.letters.parked", this, d -> {
            try {
                return d.parkedCount();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description("work parked after its bounded retries").register(registry);
    }

    /**
     * True for a failure of the store itself (unreachable, timed out), or of another service the work needs
     * ({@link ServiceAway}): to be waited out, not counted against the work.
     */
    public static boolean isOutage(Throwable failure) {
        return failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessException
                || failure instanceof ServiceAway;
    }

    public int maxAttempts() {
        return properties.maxAttempts();
    }

    /**
     * Counts one failed attempt of {@code kind}/{@code key}; parks it when that was the last allowed. For work that
     * comes round again by itself (a mail left waiting, a job's next run).
     */
    public Outcome failed(String kind, String key, Throwable failure) {
        return count(kind, key, FailureRule.of(failure), 1, false);
    }

    /**
     * Parks work whose attempts its owner counts itself (the mail inbox counts each take, so that a mail that
     * kills the process is caught too). {@code rule} names what happened when there is no exception to show, e.g.
     * "ProcessingInterrupted" for a worker that died while it had the work.
     */
    public void park(String kind, String key, Throwable failure, int attempts) {
        count(kind, key, FailureRule.of(failure), attempts, true);
    }

    public void park(String kind, String key, String rule, int attempts) {
        count(kind, key, new FailureRule(rule, null), attempts, true);
    }

    /**
     * One round of work that comes round again by itself: skipped when parked; a failure counts an attempt. Store
     * outages are thrown on to the caller.
     */
    public Outcome guard(String kind, String key, Runnable work) {
        if (isParked(kind, key)) {
            return Outcome.PARKED;
        }
        try {
            work.run();
            return Outcome.DONE;
        } catch (RuntimeException | StackOverflowError e) {
            throwIfOutage(e);
            log.warn("event=work_failed kind={} key={} rule={}", kind, LogText.clean(key), e.getClass().getSimpleName());
            return failed(kind, key, e);
        }
    }

    /**
     * Runs work now, trying again after {@code retryDelay} up to {@code maxAttempts} times in all, and parks it
     * when none succeeded. For work nothing else will bring back (a Slack event already acknowledged). Store
     * outages are thrown on to the caller.
     */
    public Outcome retryThenPark(String kind, String key, Runnable work) {
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return Outcome.DONE;
            } catch (RuntimeException | StackOverflowError e) {
                throwIfOutage(e);
                log.warn("event=work_failed kind={} key={} attempt={} rule={}", kind, LogText.clean(key), attempt,
                        e.getClass().getSimpleName());
                if (attempt >= properties.maxAttempts()) {
                    return count(kind, key, FailureRule.of(e), attempt, true);
                }
                pause();
            }
        }
    }

    private static void throwIfOutage(Throwable e) {
        if (e instanceof RuntimeException r && isOutage(r)) {
            throw r;
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.retryDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isParked(String kind, String key) {
        return mongo.exists(Query.query(Criteria.where("_id").is(DeadLetter.id(kind, key)).and("status")
                .is(DeadLetter.Status.PARKED.name())), COLLECTION);
    }

    /** Forgets the failed attempts of work that has now succeeded. */
    public void cleared(String kind, String key) {
        mongo.remove(Query.query(Criteria.where("_id").is(DeadLetter.id(kind, key)).and("status")
                .is(DeadLetter.Status.RETRYING.name())), COLLECTION);
    }

    /** Parked work, newest first. */
    public List<DeadLetter> parked(int limit) {
        return mongo.find(Query.query(Criteria.where("status").is(DeadLetter.Status.PARKED.name()))
                .with(Sort.by(Sort.Direction.DESC, "parkedAt")).limit(limit), Document.class, COLLECTION).stream()
                .map(DeadLetters::view).toList();
    }

    public long parkedCount() {
        return mongo.count(Query.query(Criteria.where("status").is(DeadLetter.Status.PARKED.name())), COLLECTION);
    }

    private Outcome count(String kind, String key, FailureRule rule, int attempts, boolean park) {
        Date now = Date.from(clock.instant());
        String id = DeadLetter.id(kind, key);
        Update update = park ? new Update().set("attempts", Math.max(attempts, properties.maxAttempts()))
                : new Update().inc("attempts", attempts);
        Document d = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
                update.set("rule", rule.rule()).set("where", rule.where())
                        .set("lastFailedAt", now).setOnInsert("kind", kind).setOnInsert("key", key)
                        .setOnInsert("status", DeadLetter.Status.RETRYING.name()).setOnInsert("firstFailedAt", now),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COLLECTION);
        if (DeadLetter.Status.PARKED.name().equals(d.getString("status"))) {
            return Outcome.PARKED;
        }
        if (d.getInteger("attempts", 0) < properties.maxAttempts()) {
            return Outcome.RETRY;
        }
        // of two replicas failing the last attempt at once, the one that flips the status announces it
        Document parked = mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("status")
                .is(DeadLetter.Status.RETRYING.name())), new Update().set("status", DeadLetter.Status.PARKED.name())
                .set("parkedAt", now), FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        if (parked != null) {
            DeadLetter letter = view(parked);
            if (meters != null) {
                meters.counter("foubot.dead.letters", "kind", kind).increment();
            }
            log.warn("event=dead_letter_parked kind={} key={} rule={} where={} attempts={}", kind, LogText.clean(key), letter.rule(),
                    letter.where(), letter.attempts());
            events.publishEvent(new DeadLetterParked(letter));
        }
        return Outcome.PARKED;
    }

    private static DeadLetter view(Document d) {
        return new DeadLetter(d.getString("_id"), d.getString("kind"), d.getString("key"), d.getString("rule"),
                d.getString("where"), d.getInteger("attempts", 0), DeadLetter.Status.valueOf(d.getString("status")),
                instant(d.getDate("firstFailedAt")), instant(d.getDate("lastFailedAt")), instant(d.getDate("parkedAt")));
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}

package se.foubot.channels.slack;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;

import se.foubot.deadletter.DeadLetters;
import se.foubot.deadletter.ServiceAway;
import se.foubot.store.Holder;
import se.foubot.store.LeasedQueue;
import se.foubot.store.StoreIndexes;
import se.foubot.store.StoreProperties;

/**
 * Slack work recorded before its ack. Slack does not send a request again once it got a 200, so what the bot
 * acknowledges (a message, a click, a command) is written to {@code slack_inbox} first — durable before
 * acknowledged — and done from there: at once by the process that received it, which holds it under a lease, or,
 * when that process died, by any replica (or the same one, restarted) once the lease has run out. Work done a second
 * time comes out once: a conversation turn is keyed by its message (the conversation remembers what it answered to
 * it), and forum registrations and task actions are idempotent. A repeated delivery of the same post (a retry, or an
 * {@code app_mention} and a {@code message} for it) finds its key taken and is dropped. Work that throws is tried a
 * bounded number of times, then parked as a dead letter.
 */
@Component
@ConditionalOnSlack
class SlackInbox implements StoreIndexes, SmartLifecycle {

    static final String COLLECTION = "slack_inbox";
    private static final Logger log = LoggerFactory.getLogger(SlackInbox.class);
    /** How long work whose reply Slack did not take waits before it is done again (and the reply posted). */
    static final Duration SLACK_AWAY_PAUSE = Duration.ofSeconds(30);
    /** How soon a message that waits for an earlier one of its writer's is looked at again. */
    static final Duration EARLIER_PAUSE = Duration.ofSeconds(2);
    /**
     * Noted on work postponed because Slack was away: it was begun (its turn taken, most often; only the post is
     * missing), so the person's next message need not wait for it, and its late post is superseded when they have
     * been answered since.
     */
    private static final String BEGUN = "slack-away";

    /**
     * Work whose reply Slack perhaps posted (no answer in time) once already, by key: tried once more after the pause,
     * then left, so a slow Slack shows the reply at most twice.
     */
    private final Map<String, Boolean> perhapsPosted = new java.util.concurrent.ConcurrentHashMap<>();

    /** How one go at a piece of work ended. */
    private enum Ran {
        DONE, NOT_DONE, SLACK_AWAY,
        /** Put in its person's line behind what of theirs this process is doing: done there. */
        IN_LINE
    }

    private final LeasedQueue queue;
    private final Clock clock;
    private final SlackWorkers workers;
    private final DeadLetters deadLetters;
    private final SlackProperties properties;
    /** This process's name on the work it holds, by this process's id (see {@link Holder}). */
    private final Holder holder;
    private final String worker;
    private final Map<String, Consumer<Work>> kinds = new HashMap<>();
    private final Map<String, String> deadLetterKinds = new HashMap<>();
    private volatile Consumer<Work> whenParked = w -> { };
    /** Work this process is doing now: its leases are renewed, so slow work is not taken for a dead holder's. */
    private final java.util.Set<String> inHand = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Work recorded and acknowledged while every worker was busy and the queue full: held here (and under its lease
     * in the store, should the process die) and offered again as workers free, so the ack never waited for them.
     */
    private final Queue<Work> waiting = new ConcurrentLinkedQueue<>();
    /**
     * Per person, the work that came while a piece of theirs was with the workers, in the order it came: done by the
     * worker that does that piece, after it, so one person's messages are done in the order they came. Two workers
     * each taking one of two messages typed in quick succession raced, and the later was sometimes taken first (the
     * earlier then found late). Guarded by itself.
     */
    private final Map<String, java.util.ArrayDeque<Work>> cameAfter = new HashMap<>();
    /** Where the ack puts work (with the embedded store), or null: then the ack records it here itself. */
    private final SlackAckJournal journal;
    private volatile boolean running;
    /** Whether this process has started the inbox before: left work is taken up at the first start only. */
    private boolean startedBefore;
    /** Set by {@link #stop}: work a worker comes to from now on is handed back, not done. */
    private volatile boolean stopping;
    /** Work handed back by the workers while stopping, given back in the store once they are done. */
    private final Queue<String> handedBack = new ConcurrentLinkedQueue<>();
    /** How long a stop waits for the work the workers are doing (Kubernetes gives the pod 60 s in all). */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** Pieces a look for left work takes at a time. */
    static final int REDO_BATCH = 50;
    /** Batches of left work taken up at start, before the first request (see {@link #takeUpLeftWork}). */
    static final int TAKEN_UP_AT_START_BATCHES = 20;
    /** How long one look goes on beginning pieces while its batches are full. */
    static final Duration REDO_BUDGET = Duration.ofSeconds(30);
    /** When the leases of the work this process holds were last renewed ({@link System#nanoTime}). */
    private volatile long lastRenewal = System.nanoTime();

    /**
     * One piece of acknowledged work: its key (also the conversation's message id), kind and parameters, the Slack
     * event id it came with (null for a click, command or form), and whether it is being done {@code again} — taken up
     * after a crash, a stop or a failed attempt, when what it posts may already be in Slack.
     */
    record Work(String key, String kind, Map<String, String> params, String eventId, boolean again) {
        /** Work as it arrives, done for the first time. */
        Work(String key, String kind, Map<String, String> params, String eventId) {
            this(key, kind, params, eventId, false);
        }

        String get(String name) {
            return params.get(name);
        }

        /** How a dead letter names it: by its event id, as Slack's logs do, where it has one. */
        String deadLetterKey() {
            return eventId != null ? eventId : key;
        }
    }

    SlackInbox(MongoTemplate mongo, Clock clock, SlackWorkers slackWorkers, DeadLetters deadLetters, SlackProperties properties,
            StoreProperties store, MeterRegistry meters, se.foubot.store.ProcessBoot boot) {
        this.holder = new Holder("slack-inbox", boot);
        this.worker = holder.name();
        this.queue = new LeasedQueue(mongo, clock, COLLECTION);
        this.clock = clock;
        this.workers = slackWorkers;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.journal = properties.ackJournal() && store.embedded() ? new SlackAckJournal(store.dataDir()) : null;
        if (journal != null) {
            Gauge.builder("foubot.slack.ack.journal.pending", journal, SlackAckJournal::pending)
                    .description("Slack work acknowledged and in the ack journal, not yet recorded in slack_inbox").register(meters);
        }
    }

    /**
     * Moving work from the ack journal into the inbox begins once every handler is registered; what the process before
     * this one on the data directory held when it died is given back first, so it is answered now, not after its lease.
     */
    @Override
    public void start() {
        stopping = false;
        try {
            Holder.TakenBack back = holder.takeBackFrom(queue);
            if (back != null && back.count() > 0) {
                log.info("event=slack_work_taken_back count={} from={}", back.count(), back.from());
            }
            if (!startedBefore) {
                // a context paused and started again (tests do) has nothing left from before: what it handed over at its
                // stop is the looks', as another replica's would be
                startedBefore = true;
                takeUpLeftWork();
            }
        } catch (DataAccessException storeDown) {
            log.warn("event=slack_work_not_taken_back rule={} (done once its lease has run out)",
                    storeDown.getClass().getSimpleName());
        }
        // what the journal still held is younger than what was recorded, and older than anything Slack sends from now on
        if (journal != null) {
            journal.start(this::recordAll, this::refused);
        }
        running = true;
    }

    /**
     * Takes up the work left waiting (what the process before this one held when it died, just given back, and what is
     * due again), puts each piece in its person's line in the order it came, and does so before the first request can
     * come: left to the first look for left work, five seconds on, a message the person wrote after them was done first,
     * they were then taken as late ("kom fram först nu") or an intake went astray (helper 95: 40 people, a kill -9 in
     * the middle of their intakes, none got a task). At most {@link #REDO_BATCH} times {@value #TAKEN_UP_AT_START_BATCHES}
     * pieces; the rest is the looks'.
     */
    private void takeUpLeftWork() {
        List<Document> left = new ArrayList<>();
        try {
            for (int batch = 0; batch < TAKEN_UP_AT_START_BATCHES; batch++) {
                List<String> keys = queue.takeable(REDO_BATCH);
                for (String key : keys) {
                    Document item = queue.take(key, worker, clock.instant().plus(properties.workLease()));
                    if (item != null) {
                        left.add(item);
                    }
                }
                if (keys.size() < REDO_BATCH) {
                    break;
                }
            }
        } catch (DataAccessException storeDown) {
            // what was taken is done below; the rest waits for the looks
            log.warn("event=slack_work_not_taken_up taken={} rule={}", left.size(), storeDown.getClass().getSimpleName());
        }
        // by when Slack's delivery was recorded; the queue's own order (due time, then key) keeps ties as they were
        left.sort(java.util.Comparator.comparing(SlackInbox::receivedAt, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        for (Document item : left) {
            Work work = leftWork(item);
            log.info("event=slack_work_redone key={} kind={} attempt={}", work.key(), work.kind(), item.getInteger("attempts", 0) + 1);
            start(work);
        }
    }

    private static java.util.Date receivedAt(Document item) {
        return item.getDate("receivedAt") != null ? item.getDate("receivedAt") : item.getDate("createdAt");
    }

    /** Work as the store kept it, to be done again: what it posts may be in Slack already. */
    private static Work leftWork(Document item) {
        Map<String, String> params = new HashMap<>();
        item.get("params", Document.class).forEach((k, v) -> params.put(k, v == null ? null : v.toString()));
        return new Work(item.getString("_id"), item.getString("kind"), params, item.getString("eventId"), true);
    }

    /**
     * Hands the work this process holds over before it goes (a rolling update, a scale-down): what no worker has begun
     * is given back in the store at once, so another replica (or this one, restarted) takes it at its next look instead
     * of after the lease; what a worker is doing gets up to {@link #STOP_WAIT} to finish meanwhile. Runs after the web
     * server and Socket Mode have stopped taking Slack's requests (see {@link #getPhase}), while the store is open.
     */
    @Override
    public void stop() {
        stopping = true;
        if (journal != null) {
            journal.stop();
        }
        // first what waits, so that another replica need not wait for the work still running; said at once, as a kill
        // may end the wait below
        log.info("event=slack_work_handed_over count={}", handBack());
        // the workers are not shut down: a context may be stopped and started again (tests pause idle contexts)
        boolean finished = workers.awaitIdle(STOP_WAIT);
        int later = handBack(); // a piece a worker came to meanwhile handed itself back
        log.info("event=slack_work_stopped handed_over_later={} still_running={}", later, finished ? 0 : workers.getActiveCount());
        running = false;
    }

    /** Gives back in the store what this process holds and has not begun. @return how many */
    private int handBack() {
        List<String> back = new ArrayList<>();
        for (Runnable queued : workers.withdraw(r -> r instanceof Begin)) {
            back.add(((Begin) queued).work().key());
            back.addAll(behind(((Begin) queued).work()));
        }
        for (Work work = waiting.poll(); work != null; work = waiting.poll()) {
            back.add(work.key());
            back.addAll(behind(work));
        }
        for (String key = handedBack.poll(); key != null; key = handedBack.poll()) {
            back.add(key);
        }
        if (back.isEmpty()) {
            return 0;
        }
        back.forEach(inHand::remove);
        try {
            queue.release(back, worker);
            return back.size();
        } catch (RuntimeException storeDown) {
            log.warn("event=slack_work_not_handed_over count={} rule={} (done once their lease has run out)", back.size(),
                    storeDown.getClass().getSimpleName());
            return 0;
        }
    }

    /**
     * After the web server has stopped taking requests (it drains them first) and before the store closes; it starts
     * before the web server, so the journal is read before the first request.
     */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @PreDestroy
    void closeJournal() {
        if (journal != null) {
            journal.close();
        }
    }

    @Override
    public void ensure(MongoTemplate mongo) {
        queue.ensureIndexes(mongo);
        // a message is recorded under its post; its event id is unique too, so a redelivery is caught either way
        mongo.indexOps(COLLECTION).createIndex(new Index("eventId", Sort.Direction.ASC).unique().sparse().named("eventId_unique"));
        // done work (and its text) is kept as long as event ids are remembered, then deleted
        mongo.indexOps(COLLECTION).createIndex(new Index("sentAt", Sort.Direction.ASC).expire(properties.eventRetention())
                .named("sentAt_ttl"));
    }

    /**
     * What {@code kind} means; registered once, at start-up, by the handlers that receive it. Its failures count as
     * dead-letter kind {@code deadLetterKind}.
     */
    void on(String kind, String deadLetterKind, Consumer<Work> work) {
        kinds.put(kind, work);
        deadLetterKinds.put(kind, deadLetterKind);
    }

    /** What to do when work is parked after its attempts (tell the person). */
    void whenParked(Consumer<Work> tell) {
        this.whenParked = tell;
    }

    /**
     * Records the work, then starts it on a worker. Call before the ack.
     *
     * @return false when work under {@code key} was received before (a repeated delivery): nothing more to do
     * @throws DataAccessException when MongoDB cannot record it: then nothing may be acknowledged
     */
    boolean receive(String key, String kind, Map<String, String> params) {
        return receive(key, null, kind, params);
    }

    /**
     * As {@link #receive(String, String, Map)}, for a Slack event: {@code eventId} (when given) is unique as well. With
     * the ack journal the work is only put there (on disk) and recorded here shortly after, so a repeated delivery is
     * dropped then, not now: the answer is true.
     */
    boolean receive(String key, String eventId, String kind, Map<String, String> params) {
        Work work = new Work(key, kind, Map.copyOf(params), eventId);
        if (journal != null) {
            journal.put(work);
            return true;
        }
        if (!queue.enqueueTaken(key, item(work), worker, clock.instant().plus(properties.workLease()))) {
            log.debug("event=slack_work_repeated key={}", key);
            return false;
        }
        start(work);
        return true;
    }

    /** Records work moved from the ack journal, all in one insert; each piece once (a repeated one is dropped). */
    private void recordAll(List<Work> works) {
        Map<String, Document> items = new LinkedHashMap<>();
        Map<String, Work> byKey = new LinkedHashMap<>();
        for (Work work : works) {
            if (byKey.putIfAbsent(work.key(), work) == null) {
                items.put(work.key(), item(work));
            }
        }
        Set<String> recorded = queue.enqueueAllTaken(items, worker, clock.instant().plus(properties.workLease()));
        for (Map.Entry<String, Work> e : byKey.entrySet()) {
            if (recorded.contains(e.getKey())) {
                start(e.getValue());
            } else {
                log.debug("event=slack_work_repeated key={}", e.getKey());
            }
        }
    }

    /** Work the store would not record: parked as a dead letter where it can be, and the person told. */
    private void refused(Work work, RuntimeException e) {
        log.error("event=slack_work_unrecordable key={} kind={} rule={}", work.key(), work.kind(), e.getClass().getSimpleName());
        try {
            deadLetters.park(deadLetterKind(work), work.deadLetterKey(), e, SlackAckJournal.ATTEMPTS);
        } catch (RuntimeException notEvenThat) {
            log.warn("event=slack_work_not_parked key={} rule={}", work.key(), notEvenThat.getClass().getSimpleName());
        }
        whenParked.accept(work);
    }

    private Document item(Work work) {
        Document item = new Document("kind", work.kind()).append("params", new Document(work.params())).append("receivedAt",
                java.util.Date.from(clock.instant()));
        if (work.eventId() != null) {
            item.append("eventId", work.eventId());
        }
        return item;
    }

    /**
     * Hands recorded work to a worker, or lets it wait its turn when they are all busy. Either way this process holds
     * it from now on, and renews its lease ({@link #renewHeld}) until it is done or handed back: work queued behind busy
     * workers for longer than the lease would otherwise be taken up by a look for left work too, and answered twice.
     */
    private void start(Work work) {
        inHand.add(work.key());
        String person = work.params().get("user");
        if (person != null) {
            synchronized (cameAfter) {
                java.util.ArrayDeque<Work> behind = cameAfter.get(person);
                if (behind != null) {
                    behind.add(work);
                    return;
                }
                cameAfter.put(person, new java.util.ArrayDeque<>());
            }
        }
        if (!waiting.isEmpty() || !workers.offer(new Begin(work, this::runUnlessStopping))) {
            // recorded: waits its turn behind what waits already (and, should the process die, its lease)
            waiting.add(work);
            log.debug("event=slack_work_waiting key={} waiting={}", work.key(), waiting.size());
        }
    }

    /** Work given to the workers, which a stop can recognise in their queue and take back. */
    private record Begin(Work work, Consumer<Work> action) implements Runnable {
        @Override
        public void run() {
            action.accept(work);
        }
    }

    /**
     * Runs work a worker has come to, and then the same person's work that came after it, unless the process is
     * stopping: then it is handed back (see {@link #stop}).
     */
    private void runUnlessStopping(Work work) {
        Work next = work;
        try {
            for (; next != null; next = nextInLine(next)) {
                if (stopping) {
                    handedBack.add(next.key());
                } else {
                    run(next); // keeps its failures
                }
            }
        } finally {
            if (next != null) {
                // an Error ended the line: what waited behind goes back to the store for the look for left work, and
                // the line closes, so the person's next message is not queued behind a line nobody runs
                List<String> rest = behind(next);
                rest.forEach(inHand::remove);
                try {
                    queue.release(rest, worker);
                } catch (RuntimeException storeDown) {
                    log.warn("event=slack_work_not_handed_over count={} rule={} (done once their lease has run out)", rest.size(),
                            storeDown.getClass().getSimpleName());
                }
            }
        }
    }

    /** The person's work that came after {@code done}, next in line; null when none came (and their line ends). */
    private Work nextInLine(Work done) {
        String person = done.params().get("user");
        if (person == null) {
            return null;
        }
        synchronized (cameAfter) {
            java.util.ArrayDeque<Work> behind = cameAfter.get(person);
            Work next = behind == null ? null : behind.poll();
            if (next == null) {
                cameAfter.remove(person);
            }
            return next;
        }
    }

    /** The keys of the work that came after {@code head} and has not begun, taken out of the person's line, which ends. */
    private List<String> behind(Work head) {
        List<String> keys = new ArrayList<>();
        for (Work next = nextInLine(head); next != null; next = nextInLine(next)) {
            keys.add(next.key());
        }
        return keys;
    }

    /** Offers what waited for a worker again, oldest first, as long as the workers take it. @return how many were taken */
    @Scheduled(fixedDelayString = "PT0.2S", initialDelayString = "PT0.2S")
    int offerWaiting() {
        if (stopping) {
            return 0;
        }
        renewHeldWhenDue();
        int taken = 0;
        for (Work work = waiting.peek(); work != null; work = waiting.peek()) {
            Work next = work;
            if (!workers.offer(new Begin(next, this::runUnlessStopping))) {
                break;
            }
            waiting.remove(work);
            taken++;
        }
        return taken;
    }

    /**
     * Extends the lease on every piece this process holds — running, queued for a worker, waiting in memory — in one
     * write. Done four times a lease from the offering tick (every 0.2 s; a look for left work that runs long is on
     * another thread). @return how many were still held
     */
    int renewHeld() {
        lastRenewal = System.nanoTime();
        if (inHand.isEmpty()) {
            return 0;
        }
        return queue.renewAll(List.copyOf(inHand), worker, clock.instant().plus(properties.workLease()));
    }

    private void renewHeldWhenDue() {
        if (System.nanoTime() - lastRenewal >= properties.workLease().toNanos() / 4) {
            try {
                renewHeld();
            } catch (RuntimeException storeDown) {
                log.warn("event=slack_work_lease_not_renewed held={} rule={}", inHand.size(), storeDown.getClass().getSimpleName());
            }
        }
    }

    /**
     * Work whose process died, was handed over by a stopped one, or failed and waited its pause: taken and done again,
     * {@value #REDO_BATCH} at a time. A full batch done is followed by the next at once rather than after the look's
     * five seconds, for up to {@link #REDO_BUDGET} (a rolling update can hand over hundreds of messages, and each
     * waited five seconds a batch); the first piece that finds Slack away ends the look. The leases of the work in
     * hand are renewed meanwhile ({@link #renewHeld}).
     */
    @Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT5S")
    int redo() {
        int done = 0;
        long until = System.nanoTime() + REDO_BUDGET.toNanos();
        boolean more = true;
        while (more && !stopping && System.nanoTime() < until) {
            List<String> keys = queue.takeable(REDO_BATCH);
            more = keys.size() == REDO_BATCH;
            for (String key : keys) {
                if (stopping) {
                    return done; // nothing new is begun once a stop has handed the work over
                }
                if (System.nanoTime() >= until) {
                    return done; // Slack slow: the rest is still free, for the next look or another replica
                }
                Document item = queue.take(key, worker, clock.instant().plus(properties.workLease()));
                if (item == null) {
                    continue;
                }
                log.info("event=slack_work_redone key={} kind={} attempt={}", key, item.getString("kind"), item.getInteger("attempts", 0) + 1);
                Ran ran = runInLine(leftWork(item));
                if (ran == Ran.DONE) {
                    done++;
                } else if (ran == Ran.SLACK_AWAY) {
                    return done; // the rest waits for the next look rather than each sitting out Slack's retries here
                }
            }
        }
        return done;
    }

    /**
     * Left work a look took up (another replica's after its lease, or this one's after a pause), done in its person's
     * line as the work Slack sends is: behind what of theirs this process is doing now, or as the head of a line that
     * what they write meanwhile joins, handed on to a worker when it is done. Done beside their line, a message written
     * after the left one could be answered first, or take the turn the left one was to take.
     */
    private Ran runInLine(Work work) {
        String person = work.params().get("user");
        if (person != null) {
            synchronized (cameAfter) {
                java.util.ArrayDeque<Work> behind = cameAfter.get(person);
                if (behind != null) {
                    inHand.add(work.key());
                    behind.add(work);
                    return Ran.IN_LINE;
                }
                cameAfter.put(person, new java.util.ArrayDeque<>());
            }
        }
        try {
            return run(work);
        } finally {
            Work next = nextInLine(work);
            if (next != null && (!waiting.isEmpty() || !workers.offer(new Begin(next, this::runUnlessStopping)))) {
                waiting.add(next); // its line goes on from there, the rest of it behind it
            }
        }
    }

    /**
     * An earlier message of the same person still waiting: another replica's (alive, or dead and its lease not yet run
     * out), one free for the looks, or one a look put in this process's line behind this one. A person's line keeps
     * their messages in order within one process; across processes only the store can tell (helper 97: after a kill
     * -9, the next message of a person whose earlier one the dead process held was answered first, and the earlier one
     * then taken as late, in 4 of 10 intakes, 8 of 10 while a look was taking the left work up). Not one that waits out
     * Slack's absence after it was begun (see {@link #BEGUN}). Looked for only for a person's messages, each a read of
     * the waiting items; the store away, none is taken to wait (as before).
     */
    private Optional<String> earlierStillWaiting(Work work) {
        String person = work.params().get("user");
        BigDecimal mine = RecordOnceThenAck.MESSAGE.equals(work.kind()) ? postedAt(work.key()) : null;
        if (person == null || mine == null) {
            return Optional.empty();
        }
        try {
            for (Document other : queue.waitingWhere(Criteria.where("kind")
                    .is(RecordOnceThenAck.MESSAGE).and("params.user").is(person), LeasedQueue.POSTPONED)) {
                String key = other.getString("_id");
                BigDecimal at = postedAt(key);
                // this process's own too: within a line an earlier message is done before a later one begins, so one
                // still waiting was put in line behind it (a look's left work, helper 98) and goes first
                if (at != null && at.compareTo(mine) < 0 && !BEGUN.equals(other.getString(LeasedQueue.POSTPONED))) {
                    return Optional.of(key);
                }
            }
        } catch (DataAccessException storeDown) {
            log.debug("event=slack_earlier_unknown key={} rule={}", work.key(), storeDown.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    /** When Slack says a post was written, from its key ({@code post:CHANNEL:1763900000.000100}); null for other keys. */
    private static BigDecimal postedAt(String key) {
        int last = key == null || !key.startsWith("post:") ? -1 : key.lastIndexOf(':');
        try {
            return last < 0 ? null : new BigDecimal(key.substring(last + 1));
        } catch (NumberFormatException notATime) {
            return null;
        }
    }

    /** Gives the work back for a moment: the looks take it up again once the earlier message is done (or free). */
    private Ran waitForEarlier(Work work, String earlier) {
        if (work.again()) {
            log.debug("event=slack_work_waits_for_earlier key={} earlier={}", work.key(), earlier);
        } else {
            log.info("event=slack_work_waits_for_earlier key={} earlier={}", work.key(), earlier);
        }
        try {
            queue.postpone(work.key(), worker, clock.instant().plus(EARLIER_PAUSE));
        } catch (RuntimeException storeDown) {
            log.warn("event=slack_work_deferred key={} kind={} rule={}", work.key(), work.kind(), storeDown.getClass().getSimpleName());
        }
        inHand.remove(work.key());
        return Ran.NOT_DONE;
    }

    /**
     * Slack named when it takes the call again (a 429's Retry-After): the work is done again right then, and, unlike
     * work that waits out Slack's absence, it keeps its place in its writer's line — their next messages wait behind it
     * (their answers would go to the same held DM), so the answers come in the order the messages did and an earlier
     * one is never taken as late (helper 107: the greeting after the answer to a later question, "kom fram först nu").
     * Other people's work in the same round goes on.
     */
    private Ran waitForSlacksTime(Work work, Duration held) {
        try {
            queue.postpone(work.key(), worker, clock.instant().plus(held).plusSeconds(1));
            log.info("event=slack_work_held key={} kind={} retry_in_s={}", work.key(), work.kind(), held.toSeconds() + 1);
        } catch (RuntimeException storeDown) {
            log.warn("event=slack_work_deferred key={} kind={} rule={}", work.key(), work.kind(), storeDown.getClass().getSimpleName());
        }
        return Ran.NOT_DONE;
    }

    private String deadLetterKind(Work work) {
        return deadLetterKinds.getOrDefault(work.kind(), "slack-" + work.kind());
    }

    /**
     * Does the work: a bounded number of attempts, then it is parked as a dead letter and the person told. A store
     * outage counts no attempt: the item stays held, and is done again once the lease has run out.
     */
    private Ran run(Work work) {
        Optional<String> earlier = earlierStillWaiting(work);
        if (earlier.isPresent()) {
            return waitForEarlier(work, earlier.get());
        }
        Consumer<Work> handler = kinds.get(work.kind());
        inHand.add(work.key());
        try {
            DeadLetters.Outcome outcome = deadLetters.retryThenPark(deadLetterKind(work), work.deadLetterKey(), () -> {
                if (handler == null) {
                    throw new IllegalStateException("no handler for Slack work of kind " + work.kind());
                }
                handler.accept(work);
            });
            if (outcome == DeadLetters.Outcome.PARKED) {
                queue.markFailed(work.key(), worker, deadLetters.maxAttempts(), clock.instant(), true, "parked");
                whenParked.accept(work);
                return Ran.NOT_DONE;
            }
            queue.markSent(work.key(), worker, new Document());
            perhapsPosted.remove(work.key());
            return Ran.DONE;
        } catch (ServiceAway slackAway) {
            if (slackAway.getCause() instanceof SlackApi.SlackCallFailed failed && failed.perhapsPosted()
                    && perhapsPosted.put(work.key(), Boolean.TRUE) != null) {
                perhapsPosted.remove(work.key());
                log.warn("event=slack_reply_left key={} kind={} reason=\"no answer from Slack in time, twice: perhaps posted\"",
                        work.key(), work.kind());
                try {
                    queue.markSent(work.key(), worker, new Document());
                } catch (RuntimeException storeDown) {
                    log.warn("event=slack_work_deferred key={} kind={} rule={}", work.key(), work.kind(), storeDown.getClass().getSimpleName());
                }
                return Ran.SLACK_AWAY; // still too slow to answer: the rest of a redo round waits for the next
            }
            Optional<Duration> held = slackAway.getCause() instanceof SlackApi.SlackCallFailed failed ? failed.heldFor() : Optional.empty();
            if (held.isPresent()) {
                return waitForSlacksTime(work, held.get());
            }
            // done again after a pause (the turn is not taken twice; the same answer is posted), not after the lease
            try {
                queue.postpone(work.key(), worker, clock.instant().plus(SLACK_AWAY_PAUSE), BEGUN);
                log.warn("event=slack_work_postponed key={} kind={} retry_in_s={}", work.key(), work.kind(), SLACK_AWAY_PAUSE.toSeconds());
            } catch (RuntimeException storeDown) {
                log.warn("event=slack_work_deferred key={} kind={} rule={}", work.key(), work.kind(), storeDown.getClass().getSimpleName());
            }
            return Ran.SLACK_AWAY;
        } catch (RuntimeException outage) {
            log.warn("event=slack_work_deferred key={} kind={} rule={}", work.key(), work.kind(), outage.getClass().getSimpleName());
            return Ran.NOT_DONE;
        } finally {
            inHand.remove(work.key());
        }
    }
}

package se.foubot.tasks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.MeterRegistry;

import se.foubot.conversation.ChoiceOption;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.LogText;
import se.foubot.store.CarriedWrites;

/**
 * Support tasks: created from confirmed requests, then claimed, released, moved through their statuses
 * and re-categorised. Every change is one atomic update of the task's document in MongoDB, so of many
 * analysts clicking at once exactly one wins, whatever replica they reach.
 */
@Service
public class TaskService {

    private static final Logger log = LoggerFactory.getLogger(TaskService.class);
    private static final FindAndModifyOptions RETURN_NEW = FindAndModifyOptions.options().returnNew(true);

    /** How a claim ended. */
    public sealed interface ClaimResult permits Granted, AlreadyClaimed, NoSuchTask {
    }

    public record Granted(SupportTask task) implements ClaimResult {
    }

    public record AlreadyClaimed(SupportTask task) implements ClaimResult {
    }

    public record NoSuchTask() implements ClaimResult {
    }

    private static final int SOURCE_STRIPES = 64;

    private final Object[] sourceLocks = new Object[SOURCE_STRIPES];
    private final MongoTemplate mongo;
    private final ReferenceGenerator references;
    private final CategorySorter sorter;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ZoneId zone;
    private final MeterRegistry meters;
    private final NewTaskLimit limit;

    TaskService(MongoTemplate mongo, ReferenceGenerator references, CategorySorter sorter, ApplicationEventPublisher events,
            Clock clock, ZoneId zone, MeterRegistry meters, NewTaskLimit limit) {
        this.limit = limit;
        java.util.Arrays.setAll(sourceLocks, i -> new Object());
        this.mongo = mongo;
        this.references = references;
        this.sorter = sorter;
        this.events = events;
        this.clock = clock;
        this.zone = zone;
        this.meters = meters;
    }

    /** Whether {@code person} is at the limit of new tasks in {@code channel} now (nothing is taken). */
    public java.util.Optional<NewTaskLimitReached> newTaskLimitReached(String channel, String person) {
        return limit.reached(channel, person);
    }

    /**
     * Creates the task for a confirmed request, once per {@code sourceKey}; returns the existing one on a retry.
     *
     * @throws NewTaskLimitReached when the requester has started as many tasks in this channel as allowed in the
     *                             last hour (nothing is created)
     */
    public SupportTask create(String sourceKey, Requester requester, SupportRequest request, List<String> attachments) {
        return create(sourceKey, requester, request, attachments, false);
    }

    /**
     * As {@link #create}, for a conversation's outcome: the task and its audit line do not wait for the disk, since the
     * turn's own write, which the person's answer waits for, follows and carries them there ({@link CarriedWrites}).
     * One wait for the disk in a confirmation instead of three. Lost in a crash before that write, the task was never
     * told to anyone; taken to disk by another writer's commit meanwhile, it is found by its source when the turn is
     * taken again, as on any retry. Its card in the staff channel is posted only after a durable write of its own.
     */
    public SupportTask createInTurn(String sourceKey, Requester requester, SupportRequest request) {
        return create(sourceKey, requester, request, List.of(), true);
    }

    private SupportTask create(String sourceKey, Requester requester, SupportRequest request, List<String> attachments,
            boolean carried) {
        // one confirmation sent twice at once (a double click, two "ja") on this replica: the second waits and finds
        // the task, instead of taking a reference of its own and losing the race with it
        synchronized (sourceLocks[Math.floorMod(sourceKey.hashCode(), SOURCE_STRIPES)]) {
            return createOnce(sourceKey, requester, request, attachments, carried);
        }
    }

    private SupportTask createOnce(String sourceKey, Requester requester, SupportRequest request, List<String> attachments,
            boolean carried) {
        if (!carried) {
            SupportTask existing = bySource(sourceKey);
            if (existing != null) {
                return existing;
            }
        }
        boolean placeTakenBefore;
        try {
            placeTakenBefore = limit.take(requester.channel(), requester.person(), sourceKey);
        } catch (NewTaskLimitReached atLimit) {
            // a turn done again long after the task was made (its place in the window gone) is told the task, not the limit
            SupportTask existing = carried ? bySource(sourceKey) : null;
            if (existing != null) {
                return existing;
            }
            throw atLimit;
        }
        if (carried && placeTakenBefore) {
            // in a turn, the task is looked for only when its source has been here before (the outcome done again after
            // a crash between the task and the turn's write): one read fewer for every confirmation; a task made longer
            // ago than the limit's window is found by the insert's unique source below
            SupportTask existing = bySource(sourceKey);
            if (existing != null) {
                return existing;
            }
        }
        Instant now = clock.instant();
        CategorySorter.Sorting sorting = request.requestedCategory() != null && !request.requestedCategory().equals("vet-inte")
                ? new CategorySorter.Sorting(request.requestedCategory(), 1)
                : sorter.sort(request.concern());
        String category = sorting.needsTriage() ? "ovrigt" : sorting.category();
        Priority priority = Priority.from(request.neededBy(), LocalDate.ofInstant(now, zone));
        String reference = references.next();
        TaskEvent created = new TaskEvent(now, requester.person(), "created",
                (request.isQuestion() ? "Fråga till en FoU-utredare inkom via " : "Förfrågan inkom via ") + requester.channel()
                        + (sorting.needsTriage() ? " – behöver manuell sortering" : ""));
        SupportTask task = new SupportTask(reference, sourceKey, requester, request, category, sorting.score(),
                sorting.needsTriage(), priority, TaskStatus.NEW, null, null, null, null, false, null, List.of(created),
                attachments, now, now);
        try {
            // this insert's commit (or, carried, the caller's durable write after it) also takes the limit's place and the
            // reference counter to disk
            insert(task, carried);
        } catch (DuplicateKeyException e) {
            SupportTask stored = bySource(sourceKey);
            if (stored != null) {
                // the same confirmation, on another replica, stored it first; the reference taken here goes back unless
                // a later one was handed out meanwhile, so the numbers run on without a gap
                references.giveBack(reference);
            }
            return stored;
        }
        meters.counter("foubot.requests", "channel", requester.channel()).increment();
        log.info("event=task_created task={} kind={} district={} category={} triage={} priority={} channel={}", reference,
                request.kind(), request.district(), category, sorting.needsTriage(), priority, requester.channel());
        events.publishEvent(new TaskChanged(task, created, carried));
        return task;
    }

    private void insert(SupportTask task, boolean carried) {
        if (!carried) {
            mongo.insert(task);
            return;
        }
        Document doc = new Document();
        mongo.getConverter().write(task, doc);
        CarriedWrites.in(mongo, mongo.getCollectionName(SupportTask.class), c -> c.insertOne(doc));
    }

    /** The task; empty when there is none, or it cannot be read (changed by hand: logged {@code task_unreadable}). */
    public Optional<SupportTask> find(String reference) {
        return ReadableTasks.find(mongo, Query.query(Criteria.where("_id").is(reference))).stream().findFirst();
    }

    /**
     * Whether a change may be made to {@code reference}: it is there and can be read. Asked before the write, so that a
     * task changed by hand is refused as one that does not exist rather than changed and then failing (helper 114).
     */
    private boolean changeable(String reference) {
        return find(reference).isPresent();
    }

    /** Exactly one of any number of concurrent claims of an unclaimed task is granted. */
    public ClaimResult claim(String reference, String analyst) {
        TaskEvent event = event(analyst, "claimed", "tog uppdraget");
        Optional<SupportTask> current = find(reference);
        if (current.isEmpty()) {
            return new NoSuchTask();
        }
        if (current.get().anonymised()) {
            // kept as it is, whatever its status says (helper 116: one set back to "Ny" by hand was taken, then failed)
            return new AlreadyClaimed(current.get());
        }
        SupportTask task = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(reference).and("assignee").is(null).and("status").is(TaskStatus.NEW)),
                change(event).set("assignee", analyst).set("status", TaskStatus.CLAIMED).set("claimedAt", event.at()),
                RETURN_NEW, SupportTask.class);
        if (task != null) {
            meters.timer("foubot.tasks.time.to.claim").record(java.time.Duration.between(task.createdAt(), event.at()));
            log.info("event=task_claimed task={} analyst={}", reference, analyst);
            events.publishEvent(new TaskChanged(task, event));
            return new Granted(task);
        }
        return find(reference).<ClaimResult>map(AlreadyClaimed::new).orElse(new NoSuchTask());
    }

    /** Gives an open, claimed task back to the unclaimed pile. */
    public Optional<SupportTask> release(String reference, String analyst) {
        TaskEvent event = event(analyst, "released", "släppte uppdraget");
        return apply(reference, Query.query(Criteria.where("_id").is(reference).and("assignee").ne(null)
                        .and("status").ne(TaskStatus.DONE)),
                change(event).set("assignee", null).set("status", TaskStatus.NEW).set("claimedAt", null), event);
    }

    /** @return the task changed; empty when there is none, it is not taken, or it has {@code status} already */
    public Optional<SupportTask> setStatus(String reference, String analyst, TaskStatus status) {
        TaskEvent event = event(analyst, "status", "satte status: " + status.label().sv());
        Update update = change(event).set("status", status).set("closedAt", status == TaskStatus.DONE ? event.at() : null);
        // the status it has already is no change: no line in the thread, nothing to the requester, closedAt kept
        return apply(reference, Query.query(Criteria.where("_id").is(reference).and("assignee").ne(null)
                .and("status").ne(status)), update, event);
    }

    /**
     * @param category one of {@link TaskCategories}
     * @return the task changed; empty when there is none, or it has {@code category} already and needs no triage
     */
    public Optional<SupportTask> setCategory(String reference, String analyst, ChoiceOption category) {
        TaskEvent event = event(analyst, "category", "ändrade kategori till " + category.label().sv());
        // the category it has already is no change, unless choosing it confirms a task marked for manual triage
        return apply(reference, Query.query(Criteria.where("_id").is(reference).orOperator(Criteria.where("category").ne(category.id()),
                Criteria.where("needsTriage").is(true))), change(event).set("category", category.id()).set("needsTriage", false), event);
    }

    /** A line in the task's history that changes nothing else, e.g. a question to the requester and its answer. */
    public Optional<SupportTask> note(String reference, String actor, String kind, String text) {
        return note(reference, actor, kind, text, null);
    }

    public Optional<SupportTask> note(String reference, String actor, String kind, String text, String detail) {
        TaskEvent event = new TaskEvent(clock.instant(), actor, kind, text, detail);
        return apply(reference, Query.query(Criteria.where("_id").is(reference)), change(event), event);
    }

    /**
     * An analyst's question to the requester, as a line in the task's history (its words in {@code detail}); only on
     * a task someone has taken, as the card offers it.
     *
     * @return empty when there is no such task or nobody has taken it (nothing recorded)
     */
    public Optional<SupportTask> question(String reference, String analyst, GuardedText question) {
        TaskEvent event = new TaskEvent(clock.instant(), analyst, "question", "frågade beställaren: " + question.textOr(""),
                question.text());
        return apply(reference, Query.query(Criteria.where("_id").is(reference).and("status").ne(TaskStatus.NEW)), change(event), event);
    }

    /** A requester's mail about the task, once per mail (a mail processed again adds nothing). */
    public Optional<SupportTask> mailFromRequester(String reference, String sender, String mailKey, String text) {
        return mailOnce(reference, new TaskEvent(clock.instant(), sender, "mail:" + mailKey,
                "Beställaren svarade via e-post: " + text));
    }

    /** A mail about the task from someone copied on the request (proven), once per mail. */
    public Optional<SupportTask> mailFromCopied(String reference, String sender, String mailKey, String text) {
        return mailOnce(reference, new TaskEvent(clock.instant(), sender, "mail:" + mailKey,
                "Svar via e-post från " + sender + " (kopia på förfrågan): " + text));
    }

    /**
     * A mail about the task from someone who is neither the requester nor copied on the request: shown to the staff
     * as such, never as the requester's answer. Once per mail.
     */
    public Optional<SupportTask> mailFromThirdParty(String reference, String sender, String mailKey, String text) {
        return mailOnce(reference, new TaskEvent(clock.instant(), sender, "mail-third-party:" + mailKey,
                "E-post från " + sender + ", som inte är beställaren (tredje part): " + text));
    }

    private Optional<SupportTask> mailOnce(String reference, TaskEvent event) {
        return apply(reference, Query.query(Criteria.where("_id").is(reference).and("history.kind").ne(event.kind())), change(event),
                event);
    }

    /** The requester's answer to a question, once per conversation run (a retried turn adds nothing). */
    public Optional<SupportTask> answer(String reference, String requester, String runId, String text) {
        TaskEvent event = new TaskEvent(clock.instant(), requester, "answer:" + runId, "Beställaren svarade: " + text);
        if (!changeable(reference)) {
            // the answer must not be lost with the refused change: the turn fails and is kept in the dead letters, with
            // the requester told so, until the task is mended (helper 116)
            throw new IllegalStateException("task " + reference + " cannot be read: the requester's answer is not recorded");
        }
        return apply(reference, Query.query(Criteria.where("_id").is(reference).and("history.kind").ne(event.kind())), change(event),
                event);
    }

    /**
     * A question the requester will not answer ({@code why}, staff words): once per question (its run), and not after
     * its answer, so that the analyst who asked does not wait for an answer that is not coming.
     */
    public Optional<SupportTask> unanswered(String reference, String requester, String runId, String why) {
        TaskEvent event = new TaskEvent(clock.instant(), requester, "unanswered:" + runId, why);
        // an answer recorded already (sent at the same moment as an "avbryt" that won the conversation) stands
        return apply(reference, Query.query(Criteria.where("_id").is(reference).and("history.kind").nin(event.kind(), "answer:" + runId)),
                change(event), event);
    }

    /** @return true for the one replica that marks the task escalated first */
    public boolean markEscalated(String reference) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(reference).and("escalatedAt").is(null)
                .and("status").is(TaskStatus.NEW)), new Update().set("escalatedAt", clock.instant()), SupportTask.class)
                .getModifiedCount() == 1;
    }

    /** The newest tasks, at most {@code limit}, all or those with {@code status}. */
    public List<SupportTask> newest(TaskStatus status, int limit) {
        Query query = status == null ? new Query() : Query.query(Criteria.where("status").is(status));
        return readable(query.with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit));
    }

    public List<SupportTask> byRequester(String channel, String person) {
        return readable(Query.query(Criteria.where("requester.channel").is(channel).and("requester.person").is(person))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(20));
    }

    public List<SupportTask> openAssignedTo(String analyst) {
        return readable(Query.query(Criteria.where("assignee").is(analyst).and("status").ne(TaskStatus.DONE))
                .with(Sort.by("createdAt")));
    }

    public List<SupportTask> unclaimed() {
        return readable(Query.query(Criteria.where("status").is(TaskStatus.NEW)).with(Sort.by("createdAt")));
    }

    private List<SupportTask> readable(Query query) {
        return ReadableTasks.find(mongo, query);
    }

    /** The log's name for a kind of change: "mail-third-party:mid:…" is logged as task_mail_third_party. */
    static String eventName(String kind) {
        String name = kind.contains(":") ? kind.substring(0, kind.indexOf(':')) : kind;
        return name.replaceAll("[^A-Za-z0-9]+", "_");
    }

    private Optional<SupportTask> apply(String reference, Query query, Update update, TaskEvent event) {
        if (!changeable(reference)) {
            return Optional.empty();
        }
        // an anonymised task is kept as it is: no status, holder or category, and no new text in its history (helpers
        // 114, 115)
        query.addCriteria(Criteria.where("requester.person").ne(SupportTask.ANONYMISED));
        SupportTask task = mongo.findAndModify(query, update, RETURN_NEW, SupportTask.class);
        if (task != null) {
            log.info("event=task_{} task={} actor={}", eventName(event.kind()), task.reference(), LogText.clean(event.actor()));
            events.publishEvent(new TaskChanged(task, event));
        }
        return Optional.ofNullable(task);
    }

    private TaskEvent event(String actor, String kind, String text) {
        return new TaskEvent(clock.instant(), actor, kind, text);
    }

    /** Every change also marks the task's staff message as showing an older state ({@code tasks.slack.StaffPosts}). */
    private static Update change(TaskEvent event) {
        return new Update().push("history", event).set("updatedAt", event.at()).set("staffPostStale", true);
    }

    private SupportTask bySource(String sourceKey) {
        return mongo.findOne(Query.query(Criteria.where("sourceKey").is(sourceKey)), SupportTask.class);
    }
}

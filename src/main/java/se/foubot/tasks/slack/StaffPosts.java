package se.foubot.tasks.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import se.foubot.store.AfterEffectWrite;
import se.foubot.store.Holder;
import se.foubot.tasks.StaffPost;
import se.foubot.tasks.SupportTask;

/**
 * Which task has its message in the staff channel, and whose turn it is to post it: kept on the task's document, so
 * that of several replicas exactly one posts a task's first message and any of them updates a message that shows an
 * older state. (The task itself marks its message stale with every change it records.)
 */
@Component
public class StaffPosts {

    /** Where the ts of the bot's replies in a task's staff thread are kept (beside the task, not part of it). */
    static final String STAFF_REPLIES = "staffReplies";
    /** A digest of what the task's staff message shows now (beside the task): an update that would show the same is not made. */
    static final String STAFF_POST_SHOWS = "staffPostShows";
    /**
     * How many of the task's history entries its staff thread has been given (beside the task): a change whose line
     * Slack did not take (down, or the process killed) is written by the next sync or repost instead of being lost.
     */
    static final String THREAD_LINES = "staffThreadLines";

    /** Who holds a task's first-post turn: this process's name for it (see {@link #takeBackTurns}). */
    static final String POST_TURN_BY = "postTurnBy";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final AfterEffectWrite afterEffect = new AfterEffectWrite();
    private final Holder holder;

    StaffPosts(MongoTemplate mongo, Clock clock, se.foubot.store.ProcessBoot boot) {
        this.mongo = mongo;
        this.clock = clock;
        this.holder = new Holder("staff-post", boot);
    }

    /**
     * Gives back the first-post turns the process before this one on the data directory held when it stopped or died,
     * the first time it is called, so that their cards are posted now rather than when the turn runs out (helper 101: a
     * kill -9 right after tasks were made, their cards came five minutes late, after newer ones). A store that is away
     * throws, and the next call tries again. The predecessor may have posted a card and died before recording it: the
     * caller looks for it before posting again. @return the tasks whose turns were given back
     */
    public List<String> takeBackTurns() {
        String before = holder.predecessor();
        if (before == null) {
            return List.of();
        }
        Query held = Query.query(Criteria.where("staffPost").is(null).and(POST_TURN_BY).is(before));
        held.fields().include("_id");
        List<String> references = mongo.find(held, org.bson.Document.class, mongo.getCollectionName(SupportTask.class)).stream()
                .map(d -> d.getString("_id")).toList();
        if (!references.isEmpty()) {
            // the holder's name stays: whoever takes the turn next, this process or (if it dies first) another, looks
            // for the card before posting it (helper 108: killed again at once, the next one posted a second card)
            mongo.updateMulti(Query.query(Criteria.where("_id").in(references).and("staffPost").is(null).and(POST_TURN_BY).is(before)),
                    new Update().unset("postTurnUntil"), SupportTask.class);
        }
        holder.givenBack();
        return references;
    }

    /** A task's first-post turn, as {@link #takeFirstPostTurn} found it. */
    public enum FirstPostTurn {
        /** Another replica holds it, or the card is recorded: not this one's to post. */
        HELD,
        /** Taken, and nobody held it before: the card cannot be in the channel. */
        FIRST,
        /**
         * Taken after another holder that recorded no card — it died, was killed, gave the turn back after a failed
         * post, or had its turn taken back at a restart: the card may be in the channel, to be looked for first.
         */
        AFTER_ANOTHER;

        public boolean taken() {
            return this != HELD;
        }
    }

    /**
     * Lets one replica post the task's first staff message: taken by exactly one, for {@code turn} (longer than a post
     * with all its retries); left to run out if that replica dies. Whoever held it before stays named until the card is
     * recorded, so that a later taker, in this process or another, knows to look for the card.
     */
    public FirstPostTurn takeFirstPostTurn(String reference, Duration turn) {
        Instant now = clock.instant();
        Query free = Query.query(Criteria.where("_id").is(reference).and("staffPost").is(null)
                .orOperator(Criteria.where("postTurnUntil").is(null), Criteria.where("postTurnUntil").lt(now)));
        free.fields().include(POST_TURN_BY);
        org.bson.Document before = mongo.findAndModify(free, new Update().set("postTurnUntil", now.plus(turn)).set(POST_TURN_BY, holder.name()),
                org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(false), org.bson.Document.class,
                mongo.getCollectionName(SupportTask.class));
        return before == null ? FirstPostTurn.HELD : before.get(POST_TURN_BY) == null ? FirstPostTurn.FIRST : FirstPostTurn.AFTER_ANOTHER;
    }

    /**
     * The post failed: the next repost, on any replica, may try at once, and looks for the card first (Slack may have
     * kept a post whose answer was lost).
     */
    public void giveBackFirstPostTurn(String reference) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(reference).and("staffPost").is(null)),
                new Update().unset("postTurnUntil"), SupportTask.class);
    }

    /** Records the posted message; retried through a short MongoDB outage, since failing here would post it again. */
    public void markPosted(String reference, StaffPost post, String shows) {
        markPosted(reference, post, shows, null);
    }

    /**
     * As above; {@code historyShown}: how many of the task's history entries the message already shows, so that only
     * later ones are written into its thread (null: counted from the first change after it, as before lines were counted).
     */
    public void markPosted(String reference, StaffPost post, String shows, Integer historyShown) {
        Update update = new Update().set("staffPost", post).set("staffPostStale", false).set(STAFF_POST_SHOWS, shows).unset("postTurnUntil")
                .unset(POST_TURN_BY);
        if (historyShown != null) {
            update.set(THREAD_LINES, historyShown);
        }
        afterEffect.run(() -> mongo.updateFirst(Query.query(Criteria.where("_id").is(reference)), update, SupportTask.class));
    }

    /**
     * How many of the task's history entries its staff thread has been given (written, or passed over: the first post
     * shows them); null for a message posted before they were counted.
     */
    public Integer threadLines(String reference) {
        org.bson.Document task = besideTheTask(reference, THREAD_LINES);
        return task == null ? null : task.getInteger(THREAD_LINES);
    }

    /** The task's document with {@code field} alone (one kept beside the task, not part of it); null when there is none. */
    private org.bson.Document besideTheTask(String reference, String field) {
        Query query = Query.query(Criteria.where("_id").is(reference));
        query.fields().include(field);
        return mongo.findOne(query, org.bson.Document.class, mongo.getCollectionName(SupportTask.class));
    }

    /** Starts counting a message's thread lines at {@code from}, unless another replica has started meanwhile. */
    public void startThreadLines(String reference, int from) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(reference).and(THREAD_LINES).exists(false)),
                new Update().set(THREAD_LINES, from), SupportTask.class);
    }

    /**
     * Takes the history entry at {@code index} for this replica to write into the thread: true for exactly one of any
     * that try (two replicas' reposts find the same task), and the count moves past it.
     */
    public boolean takeThreadLine(String reference, int index) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(reference).and(THREAD_LINES).is(index)),
                new Update().set(THREAD_LINES, index + 1), SupportTask.class).getModifiedCount() == 1;
    }

    /** Slack did not take the line taken at {@code index}: the next sync or repost writes it. */
    public void giveBackThreadLine(String reference, int index) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(reference).and(THREAD_LINES).is(index + 1)),
                new Update().set(THREAD_LINES, index), SupportTask.class);
    }

    /** The digest of what the task's staff message was last recorded to show; null when none was recorded. */
    public String shows(String reference) {
        org.bson.Document task = besideTheTask(reference, STAFF_POST_SHOWS);
        return task == null ? null : task.getString(STAFF_POST_SHOWS);
    }

    /** Remembers a reply the bot wrote in the task's staff thread, so it can be deleted when the task's text goes. */
    public void markThreadReply(String reference, String ts) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(reference)), new Update().addToSet(STAFF_REPLIES, ts),
                SupportTask.class);
    }

    /**
     * The bot's replies in the staff thread that must go because retention took the task's text (they repeat it:
     * questions, answers, mail from the requester); empty while the task keeps its text.
     */
    public List<String> threadRepliesToDelete(String reference) {
        org.bson.Document task = mongo.findOne(Query.query(Criteria.where("_id").is(reference).and("anonymisedAt").exists(true)),
                org.bson.Document.class, mongo.getCollectionName(SupportTask.class));
        return task == null ? List.of() : task.getList(STAFF_REPLIES, String.class, List.of());
    }

    public void forgetThreadReply(String reference, String ts) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(reference)), new Update().pull(STAFF_REPLIES, ts), SupportTask.class);
    }

    /**
     * The staff message shows this version now ({@code shows}: its digest); unless the task changed again meanwhile, when
     * the next update shows that change.
     */
    public void markShown(String reference, Instant version, String shows) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(reference).and("updatedAt").is(version)),
                new Update().set("staffPostStale", false).set(STAFF_POST_SHOWS, shows), SupportTask.class);
    }

    /** Tasks whose staff message is missing or shows an older state. */
    public List<SupportTask> needingStaffPost() {
        return se.foubot.tasks.ReadableTasks.find(mongo, Query.query(new Criteria().orOperator(Criteria.where("staffPost").is(null),
                Criteria.where("staffPostStale").is(true))).limit(50));
    }
}

package se.foubot.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Conversation documents in MongoDB, written only over the revision they were read at.
 *
 * <p>Each document carries {@code rev} = "id#version", unique: a write names the exact revision it
 * replaces, so it is one indexed compare-and-set on a real MongoDB and on the embedded store alike (the
 * embedded store uses an index only when a query names exactly its keys, so {@code {_id, version}} would
 * scan every conversation).
 */
@Component
class ConversationStore {

    static final String COLLECTION = "conversations";
    static final String REV = "rev";
    /** Set by the sweep that told a run's outcome it ended unanswered (see {@link #toldUnanswered}). */
    static final String TOLD_UNANSWERED = "toldUnanswered";

    private static final Logger log = LoggerFactory.getLogger(ConversationStore.class);

    private final MongoTemplate mongo;
    private final RecentLanguages languages;
    private final UnreadableConversations unreadable;
    private final UnansweredTeller unanswered;

    ConversationStore(MongoTemplate mongo, RecentLanguages languages, Clock clock, UnansweredTeller unanswered) {
        this.mongo = mongo;
        this.languages = languages;
        this.unreadable = new UnreadableConversations(mongo, clock);
        this.unanswered = unanswered;
    }

    /**
     * The conversation as stored. One the bot cannot read (a document changed by hand, or by a version that wrote it
     * otherwise) is set aside ({@link UnreadableConversations}) and the conversation begins again, marked so that the
     * person is told ({@link UnreadableConversations#wasSetAside}); a message must not fail on it again and again.
     */
    Optional<ConversationState> find(String id) {
        for (int attempt = 1; ; attempt++) {
            // read by hand where it can be (ConversationDocument.read); through the template, so errors translate as before
            Document stored = mongo.execute(COLLECTION, c -> c.find(new Document("_id", id)).first());
            if (stored == null) {
                return Optional.empty();
            }
            ConversationState found;
            try {
                found = read(stored);
            } catch (RuntimeException e) {
                if (attempt >= 5) {
                    throw e;
                }
                found = setAside(id, stored, e).orElse(null);
                if (found == null) {
                    // another turn set it aside (or wrote it) first: read what is there now
                    continue;
                }
            }
            languages.saw(found);
            return Optional.of(found);
        }
    }

    /**
     * Keeps a copy of the unreadable {@code stored} and puts a new conversation in its place, marked; empty when the
     * document changed meanwhile.
     */
    private Optional<ConversationState> setAside(String id, Document stored, RuntimeException why) {
        String copy = unreadable.keep(id, stored, why);
        ConversationState fresh = unreadable.beginAgain(id, stored, copy);
        Document doc = document(fresh);
        doc.put(REV, rev(id, fresh.version()));
        // the revision as it stands, whatever its type, or its absence: a turn that wrote meanwhile is not overwritten
        Document at = new Document("_id", id).append(REV, stored.containsKey(REV) ? stored.get(REV) : new Document("$exists", false));
        if (mongo.getCollection(COLLECTION).replaceOne(at, doc).getMatchedCount() != 1) {
            return Optional.empty();
        }
        log.warn("event=conversation_unreadable_set_aside conversation={} copy={} error={} hint=\"begun again; the person is told "
                + "at their next message\"", id, copy, why.getClass().getSimpleName());
        // an analyst waiting for an answer in it would otherwise wait for ever: the run cannot go on
        unanswered.tellLost(fresh.key(), fresh.language(), UnreadableConversations.runsIn(stored));
        return Optional.of(fresh);
    }

    private ConversationState read(Document stored) {
        return writable(stored, java.util.Objects.requireNonNullElseGet(ConversationDocument.read(stored),
                () -> mongo.getConverter().read(ConversationState.class, stored)));
    }

    /**
     * {@code state} if the bot can go on with it: its revision is the one its next write names, its key is its id, and
     * its lists and maps hold what their types say — the converter fills them with whatever the document had, which
     * failed later (a lost race fifty times over, a cast), out of the set-aside's reach (helper 109).
     */
    private static ConversationState writable(Document stored, ConversationState state) {
        if (!rev(state.id(), state.version()).equals(stored.get(REV)) || state.channel() == null || state.person() == null
                || !(state.channel() + ":" + state.person()).equals(state.id())) {
            throw new IllegalStateException("a conversation whose revision or key is not its own");
        }
        onlyStrings(state.answers().keySet(), state.answers().values(), state.history(), state.context().keySet(),
                state.context().values());
        for (Object answered : state.answered()) {
            if (!(answered instanceof ConversationState.Answered a) || !a.choices().stream().allMatch(ReplyChoice.class::isInstance)) {
                throw new IllegalStateException("a conversation whose answers are not answers");
            }
        }
        ConversationState.Paused paused = state.paused();
        if (paused != null) {
            onlyStrings(paused.answers().keySet(), paused.answers().values(), paused.history(), paused.context().keySet(),
                    paused.context().values());
        }
        return state;
    }

    @SafeVarargs
    private static void onlyStrings(java.util.Collection<? extends Object>... collections) {
        for (java.util.Collection<? extends Object> values : collections) {
            for (Object value : values) {
                if (value != null && !(value instanceof String)) {
                    throw new IllegalStateException("a conversation holding a " + value.getClass().getSimpleName() + " for a text");
                }
            }
        }
    }

    /**
     * Writes {@code next} if the stored document is still at {@code next.version() - 1} (absent for a new one).
     *
     * @return false when another turn wrote first; the caller computes its turn again
     */
    boolean save(ConversationState next) {
        boolean written = write(next);
        if (written) {
            languages.saw(next);
        }
        return written;
    }

    /**
     * As {@link #save}, for a claim before an outcome runs: not waiting for the disk, since the outcome's writes and the
     * turn's own after it carry it there ({@link se.foubot.store.CarriedWrites}); lost in a crash before them, it
     * claimed nothing that happened.
     */
    boolean claim(ConversationState next) {
        return write(next, true);
    }

    private boolean write(ConversationState next) {
        return write(next, false);
    }

    private boolean write(ConversationState next, boolean carried) {
        Document doc = document(next);
        doc.put(REV, rev(next.id(), next.version()));
        long expected = next.version() - 1;
        if (expected < 0) {
            try {
                mongo.getCollection(COLLECTION).insertOne(doc);
                return true;
            } catch (RuntimeException e) {
                if (isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        }
        Document at = Query.query(Criteria.where(REV).is(rev(next.id(), expected))).getQueryObject();
        return (carried ? se.foubot.store.CarriedWrites.in(mongo, COLLECTION, c -> c.replaceOne(at, doc))
                : mongo.getCollection(COLLECTION).replaceOne(at, doc)).getMatchedCount() == 1;
    }

    /** The state as stored: written by hand where it can be, by the converter where a map key needs its rules. */
    private Document document(ConversationState state) {
        Document doc = ConversationDocument.of(state);
        if (doc == null) {
            doc = new Document();
            mongo.getConverter().write(state, doc);
        }
        return doc;
    }

    /**
     * Conversations in a run of one of {@code flowIds} untouched since before {@code idleSince}, that a sweep has not
     * told about yet ({@link #toldUnanswered}), at most {@code limit}.
     */
    List<ConversationState> idleIn(Set<String> flowIds, Instant idleSince, int limit) {
        if (flowIds.isEmpty()) {
            return List.of();
        }
        Query q = Query.query(Criteria.where("flowId").in(flowIds).and("updatedAt").lt(idleSince).and(TOLD_UNANSWERED).exists(false))
                .limit(limit);
        List<ConversationState> idle = new java.util.ArrayList<>();
        for (Document stored : mongo.find(q, Document.class, COLLECTION)) {
            try {
                idle.add(read(stored));
            } catch (RuntimeException e) {
                // set aside now, so that the sweep does not meet it again; the new conversation is in no flow
                if (stored.get("_id") instanceof String id && id.contains(":")) {
                    setAside(id, stored, e);
                }
            }
        }
        return idle;
    }

    /**
     * Marks the conversation's run as told to have ended unanswered, if the conversation is still at the revision
     * read; outside the state (the next turn's write drops it, and that turn ends the run itself).
     */
    void toldUnanswered(ConversationState state) {
        mongo.updateFirst(Query.query(Criteria.where(REV).is(rev(state.id(), state.version()))),
                new Update().set(TOLD_UNANSWERED, state.runId()), COLLECTION);
    }

    static String rev(String id, long version) {
        return id + "#" + version;
    }

    private boolean isDuplicateKey(RuntimeException e) {
        return mongo.getExceptionTranslator().translateExceptionIfPossible(e) instanceof DuplicateKeyException;
    }
}

package se.foubot.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.privacy.Sha256;

/**
 * Conversation documents the bot cannot read — changed by hand in the store, or written otherwise by some other
 * version — kept aside in {@value #COLLECTION} for an operator to look at, while the person's conversation begins
 * again. Without this, every message of that person failed on the same document until it was parked in the dead
 * letters, and they heard nothing.
 */
final class UnreadableConversations {

    static final String COLLECTION = "conversations_set_aside";
    /** In a conversation's context, until the person has been told: the copy of what could not be read. */
    static final String MARK = "setAsideUnreadable";

    private final MongoTemplate mongo;
    private final Clock clock;

    UnreadableConversations(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * Stores a copy of {@code stored}, named by its content, so that two replicas setting aside the same document keep
     * one copy. @return the copy's id
     */
    String keep(String id, Document stored, RuntimeException why) {
        String copyId = id + "@" + HexFormat.of().formatHex(Sha256.of(stored.toJson().getBytes(StandardCharsets.UTF_8)), 0, 8);
        Document copy = new Document("_id", copyId).append("conversation", id).append("setAsideAt", Date.from(clock.instant()))
                .append("error", why.getClass().getName()).append("document", stored);
        try {
            mongo.getCollection(COLLECTION).insertOne(copy);
        } catch (RuntimeException e) {
            if (!(mongo.getExceptionTranslator().translateExceptionIfPossible(e) instanceof DuplicateKeyException)) {
                throw e;
            }
        }
        return copyId;
    }

    /** The conversation begun again in the place of {@code stored}, in its language where that can be read, marked. */
    ConversationState beginAgain(String id, Document stored, String copyId) {
        int colon = id.indexOf(':');
        ConversationKey key = new ConversationKey(id.substring(0, colon), id.substring(colon + 1));
        Instant now = clock.instant();
        return ConversationState.fresh(key, now).withLanguage(language(stored)).withContext(MARK, copyId).written(now);
    }

    /** Whether {@code state} was begun again in the place of a document that could not be read, and not yet said so. */
    static boolean wasSetAside(ConversationState state) {
        return state != null && state.context().containsKey(MARK);
    }

    /**
     * The runs {@code stored} was in — its flow and the one it had set aside — as far as their flow, run and context
     * can still be read, so that whoever waits for their answers can be told they ended.
     */
    static List<UnansweredTeller.LostRun> runsIn(Document stored) {
        List<UnansweredTeller.LostRun> runs = new ArrayList<>();
        run(stored).ifPresent(runs::add);
        if (stored.get("paused") instanceof Document paused) {
            run(paused).ifPresent(runs::add);
        }
        return runs;
    }

    private static Optional<UnansweredTeller.LostRun> run(Document d) {
        if (!(d.get("flowId") instanceof String flow) || !(d.get("runId") instanceof String run)) {
            return Optional.empty();
        }
        Map<String, String> context = new LinkedHashMap<>();
        if (d.get("context") instanceof Document c) {
            c.forEach((name, value) -> {
                if (value instanceof String text) {
                    context.put(name, text);
                }
            });
        }
        return Optional.of(new UnansweredTeller.LostRun(flow, run, context));
    }

    private static Language language(Document stored) {
        // in any case: a hand that wrote "en" meant English (helper 109)
        if (stored.get("language") instanceof String name) {
            for (Language l : Language.values()) {
                if (l.name().equalsIgnoreCase(name.strip())) {
                    return l;
                }
            }
        }
        return Language.SV;
    }
}

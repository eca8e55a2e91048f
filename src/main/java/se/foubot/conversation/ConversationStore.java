package se.foubot.conversation;

import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Conversation documents in MongoDB, written only over the version they were read at. */
@Component
class ConversationStore {

    private final MongoTemplate mongo;

    ConversationStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<ConversationState> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ConversationState.class));
    }

    /**
     * Writes {@code next} if the stored document is still at {@code next.version() - 1} (absent for a new one).
     *
     * @return false when another turn wrote first; the caller computes its turn again
     */
    boolean save(ConversationState next) {
        long expected = next.version() - 1;
        if (expected < 0) {
            try {
                mongo.insert(next);
                return true;
            } catch (DuplicateKeyException e) {
                return false;
            }
        }
        Query sameVersion = Query.query(Criteria.where("_id").is(next.id()).and("version").is(expected));
        return mongo.replace(sameVersion, next).getMatchedCount() == 1;
    }
}

package se.foubot.conversation;

import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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

    private final MongoTemplate mongo;

    ConversationStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<ConversationState> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ConversationState.class, COLLECTION));
    }

    /**
     * Writes {@code next} if the stored document is still at {@code next.version() - 1} (absent for a new one).
     *
     * @return false when another turn wrote first; the caller computes its turn again
     */
    boolean save(ConversationState next) {
        Document doc = new Document();
        mongo.getConverter().write(next, doc);
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
        return mongo.getCollection(COLLECTION)
                .replaceOne(Query.query(Criteria.where(REV).is(rev(next.id(), expected))).getQueryObject(), doc)
                .getMatchedCount() == 1;
    }

    static String rev(String id, long version) {
        return id + "#" + version;
    }

    private boolean isDuplicateKey(RuntimeException e) {
        return mongo.getExceptionTranslator().translateExceptionIfPossible(e) instanceof DuplicateKeyException;
    }
}

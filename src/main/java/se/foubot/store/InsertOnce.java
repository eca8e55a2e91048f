package se.foubot.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;

/**
 * Inserts many documents keyed once-only in one unordered command, so they share one commit to disk: a document
 * whose key is there already is passed over (stored before: not an error), the others are stored.
 */
public final class InsertOnce {

    private InsertOnce() {
    }

    /**
     * @return the positions in {@code documents} of those stored before (their key was taken); any other failure is
     *         thrown as the template's own writes throw it (a store away: a {@code DataAccessException})
     */
    public static Set<Integer> insertAll(MongoTemplate mongo, String collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return Set.of();
        }
        return mongo.execute(collection, c -> {
            try {
                c.insertMany(documents, new InsertManyOptions().ordered(false));
                return Set.of();
            } catch (MongoBulkWriteException e) {
                Set<Integer> storedBefore = new HashSet<>();
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    storedBefore.add(error.getIndex());
                }
                return storedBefore;
            }
        });
    }
}

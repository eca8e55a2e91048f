package se.foubot.store;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.privacy.LogText;

/**
 * Reads what a query finds one document at a time: one changed by hand so that it cannot be read (a date written as
 * "15:00" or as a list) is left out and logged, instead of failing the whole list — every later staff card, a
 * person's status, a reminder round — with it (helpers 111 and 112).
 */
public final class ReadableDocuments {

    private static final Logger log = LoggerFactory.getLogger(ReadableDocuments.class);

    private ReadableDocuments() {
    }

    /** @param event the log's name for one left out, e.g. {@code task_unreadable} */
    public static <T> List<T> find(MongoTemplate mongo, Query query, Class<T> type, String collection, String event) {
        return find(mongo, query, type, collection, event, (stored, read) -> true);
    }

    /**
     * As {@link #find(MongoTemplate, Query, Class, String, String)}, leaving out also what reads but is not whole:
     * {@code whole} is given the stored document and what it read as (a field the mapping let through as null, a list
     * the store would refuse to add to).
     */
    public static <T> List<T> find(MongoTemplate mongo, Query query, Class<T> type, String collection, String event,
            java.util.function.BiPredicate<Document, T> whole) {
        List<T> read = new ArrayList<>();
        for (Document stored : mongo.find(query, Document.class, collection)) {
            try {
                T one = mongo.getConverter().read(type, stored);
                if (!whole.test(stored, one)) {
                    throw new IllegalStateException("a document that is not whole");
                }
                read.add(one);
            } catch (RuntimeException unreadable) {
                log.warn("event={} id={} error={} hint=\"left out until mended in {}\"", event,
                        LogText.clean(String.valueOf(stored.get("_id"))), unreadable.getClass().getSimpleName(), collection);
            }
        }
        return read;
    }
}

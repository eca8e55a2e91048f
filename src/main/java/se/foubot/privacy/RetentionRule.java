package se.foubot.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.schema.JsonSchemaObject;

/**
 * What happens to one collection's data, and when: a feature declares one rule (or more) for every collection it
 * writes, and the retention job runs them. Every action is an idempotent delete or update, so replicas may run it
 * side by side.
 *
 * @param collection the MongoDB collection
 * @param what       what is deleted or anonymised, and when, in words (for the operator and the record of processing)
 * @param period     how long the data is kept; null for a collection that holds no personal data
 * @param action     what one run does; returns how many documents it changed or deleted
 */
public record RetentionRule(String collection, String what, Duration period, Action action) {

    private static final Logger log = LoggerFactory.getLogger(RetentionRule.class);

    /** Where an anonymise rule notes when it first found a document without its date. */
    public static final String UNDATED_SINCE = "retentionUndatedSince";

    /** One run of a rule: the cutoff is now minus the period. */
    public interface Action {
        long run(MongoTemplate mongo, Instant cutoff, Instant now);
    }

    public RetentionRule {
        Objects.requireNonNull(collection);
        Objects.requireNonNull(what);
        Objects.requireNonNull(action);
    }

    /**
     * Deletes the documents whose {@code dateField} is older than the period (and that match {@code also}). Every
     * such document is written with its date, so one whose date is missing or not a date was changed by hand: it is
     * given the time of the run, so that it goes one period after the job first found it instead of never.
     */
    public static RetentionRule delete(String collection, String what, Duration period, String dateField, Criteria also) {
        return new RetentionRule(collection, what, period, (mongo, cutoff, now) -> {
            dateTheUndated(mongo, collection, dateField, also, now);
            return removeOlder(mongo, collection, dateField, also, cutoff);
        });
    }

    /**
     * As {@link #delete}, for a date that is the thing's own and that people see (a meeting's end), not a record's
     * bookkeeping: one that is missing or broken is never rewritten, so such a document is kept until it is mended.
     */
    public static RetentionRule deleteAfterItsOwnDate(String collection, String what, Duration period, String dateField, Criteria also) {
        return new RetentionRule(collection, what, period, (mongo, cutoff, now) -> removeOlder(mongo, collection, dateField, also, cutoff));
    }

    private static long removeOlder(MongoTemplate mongo, String collection, String dateField, Criteria also, Instant cutoff) {
        return mongo.remove(Query.query(older(dateField, cutoff, also)), collection).getDeletedCount();
    }

    private static void dateTheUndated(MongoTemplate mongo, String collection, String dateField, Criteria also, Instant now) {
        long dated = mongo.updateMulti(Query.query(also == null ? undated(dateField)
                : new Criteria().andOperator(undated(dateField), also)),
                new Update().set(dateField, Date.from(now)), collection).getModifiedCount();
        if (dated > 0) {
            log.warn("event=retention_date_missing collection={} field={} documents={} counted_from={}", collection, dateField,
                    dated, now);
        }
    }

    /**
     * Applies {@code change} to the documents whose {@code dateField} is older than the period and that match
     * {@code also}; {@code change} is given the time of the run and must make them stop matching {@code also} (e.g. by removing the text it looks for), so a
     * second run changes nothing. The date here is one people read (when a task was closed, a mail sent), so one that
     * is missing or broken by hand is not rewritten: the run that finds it notes its own time in
     * {@value #UNDATED_SINCE}, and the document is anonymised one period after that instead of never.
     */
    public static RetentionRule anonymise(String collection, String what, Duration period, String dateField, Criteria also,
            Function<Instant, Update> change) {
        return new RetentionRule(collection, what, period, (mongo, cutoff, now) -> {
            noteTheUndated(mongo, collection, dateField, also, now);
            Criteria undatedLongEnough = new Criteria().andOperator(undatedEvent(dateField, now),
                    Criteria.where(UNDATED_SINCE).lt(Date.from(cutoff)));
            Criteria dated = new Criteria().andOperator(Criteria.where(dateField).lt(Date.from(cutoff)),
                    Criteria.where(dateField).not().type(JsonSchemaObject.Type.ARRAY));
            Criteria due = new Criteria().orOperator(dated, undatedLongEnough);
            return mongo.updateMulti(Query.query(also == null ? due : new Criteria().andOperator(due, also)), change.apply(now),
                    collection).getModifiedCount();
        });
    }

    private static void noteTheUndated(MongoTemplate mongo, String collection, String dateField, Criteria also, Instant now) {
        // a note broken by hand too is noted again, or the document would never be due
        Criteria unnoted = new Criteria().andOperator(undatedEvent(dateField, now), undatedEvent(UNDATED_SINCE, now));
        long noted = mongo.updateMulti(Query.query(also == null ? unnoted : new Criteria().andOperator(unnoted, also)),
                new Update().set(UNDATED_SINCE, Date.from(now)), collection).getModifiedCount();
        if (noted > 0) {
            log.warn("event=retention_date_missing collection={} field={} documents={} counted_from={} noted_in={}", collection,
                    dateField, noted, now, UNDATED_SINCE);
        }
    }

    /**
     * A field that holds no date: missing, not a date, or a list (which a date query would read by any one of its
     * elements: helper 113). A date to come is one (a sign-in link's expiry).
     */
    private static Criteria undated(String dateField) {
        return new Criteria().orOperator(Criteria.where(dateField).not().type(JsonSchemaObject.Type.DATE),
                Criteria.where(dateField).type(JsonSchemaObject.Type.ARRAY));
    }

    /** As {@link #undated(String)}, for the date of something that happened (a task closed): one more than a day to come is none. */
    private static Criteria undatedEvent(String dateField, Instant now) {
        return new Criteria().orOperator(undated(dateField), Criteria.where(dateField).gt(Date.from(now.plus(Duration.ofDays(1)))));
    }

    /** A collection that holds no personal data (counters, leases): kept, and said why. */
    public static RetentionRule noPersonalData(String collection, String why) {
        return new RetentionRule(collection, why, null, (mongo, cutoff, now) -> 0);
    }

    private static Criteria older(String dateField, Instant cutoff, Criteria also) {
        Criteria date = Criteria.where(dateField).lt(Date.from(cutoff));
        return also == null ? date : new Criteria().andOperator(date, also);
    }
}

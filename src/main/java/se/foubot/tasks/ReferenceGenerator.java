package se.foubot.tasks;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import se.foubot.store.CarriedWrites;

/**
 * Hands out references like FOU-2026-0042: a sequence per calendar year (Stockholm time) kept in one
 * MongoDB counter document and incremented atomically, so concurrent requests and replicas never share
 * a number and a number is never reused.
 */
@Component
public class ReferenceGenerator {

    static final String COLLECTION = "counters";
    /** What {@link #next} hands out: a year and a sequence of at least four digits. */
    private static final Pattern FORM = Pattern.compile("FOU-(\\d{4})-(\\d{4,9})");
    private static final Logger log = LoggerFactory.getLogger(ReferenceGenerator.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId zone;

    ReferenceGenerator(MongoTemplate mongo, Clock clock, ZoneId zone) {
        this.mongo = mongo;
        this.clock = clock;
        this.zone = zone;
    }

    /** Whether {@code text} has the form of a reference this bot hands out (whether or not one was handed out). */
    public static boolean hasTheForm(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /**
     * The next reference. The counter's write is carried ({@link CarriedWrites}): the caller's next write, the task
     * with this reference, takes it to disk; a crash before that loses a number nobody was given.
     */
    public String next() {
        int year = LocalDate.now(clock.withZone(zone)).getYear();
        String counter = "support-request-" + year;
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        Document doc;
        try {
            doc = CarriedWrites.in(mongo, COLLECTION, c -> c.findOneAndUpdate(Filters.eq("_id", counter), Updates.inc("seq", 1L), options));
        } catch (DuplicateKeyException e) {
            // two first requests of a year raced to create the counter; now it exists
            doc = CarriedWrites.in(mongo, COLLECTION, c -> c.findOneAndUpdate(Filters.eq("_id", counter), Updates.inc("seq", 1L), options));
        }
        long seq = ((Number) doc.get("seq")).longValue();
        return reference(year, seq);
    }

    /**
     * "FOU-2026-0042": the number zero-padded to four digits, longer past 9999. Not {@code String.format}: parsing the
     * pattern was a third of this class's CPU in the conversation benchmark's confirmations.
     */
    static String reference(int year, long seq) {
        String digits = Long.toString(seq);
        return "FOU-" + year + "-" + "0000".substring(Math.min(4, digits.length())) + digits;
    }

    /**
     * Gives back {@code reference}, which {@link #next} handed out and no task got, if it is still the last handed out
     * (the counter has not moved since): the next request gets it, and the references run on without a gap. A later
     * one handed out meanwhile leaves the gap. @return whether it was given back
     */
    public boolean giveBack(String reference) {
        Matcher m = FORM.matcher(reference);
        if (!m.matches()) {
            return false;
        }
        long seq = Long.parseLong(m.group(2));
        boolean back = mongo.getCollection(COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", "support-request-" + m.group(1)), Filters.eq("seq", seq)), Updates.inc("seq", -1L))
                .getModifiedCount() == 1;
        log.info("event=reference_unused reference={} given_back={}", reference, back);
        return back;
    }
}

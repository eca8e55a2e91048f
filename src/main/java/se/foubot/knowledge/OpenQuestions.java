package se.foubot.knowledge;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * Questions the knowledge base could not answer for certain, kept with the topics offered, so that the person's
 * choice (a button, a number typed in the terminal or written in a reply mail) finds its question, and "Fråga en
 * FoU-utredare" hands on the person's own words. Deleted with the conversations (FOUBOT_RETENTION_CONVERSATIONS).
 */
@Component
class OpenQuestions {

    static final String COLLECTION = "knowledge_questions";

    /** A question kept: who asked, their words (guarded), in which language, and what was offered, in order. */
    record Open(String id, Recipient from, String text, Language language, List<String> offered, String reference) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final OutsideTextGuard guard;

    OpenQuestions(MongoTemplate mongo, Clock clock, OutsideTextGuard guard) {
        this.mongo = mongo;
        this.clock = clock;
        this.guard = guard;
    }

    /**
     * A question's id goes out in the value of its "Fråga en FoU-utredare" button and comes back through the privacy
     * guard like anything a person sends; a random UUID holds ten digits that pass for a personnummer about once in
     * ten thousand (…-198112189876), and that click would be refused. Such an id is drawn again.
     */
    static String idNoGuardRefuses(Supplier<String> draw, OutsideTextGuard guard) {
        String id = draw.get();
        while (guard.check(id).identityNumberRemoved()) {
            id = draw.get();
        }
        return id;
    }

    /** Keeps the question; its words have passed the privacy guard. */
    Open open(Recipient from, GuardedText words, Language language, List<String> offered) {
        String id = idNoGuardRefuses(() -> UUID.randomUUID().toString(), guard);
        mongo.insert(new Document("_id", id).append("channel", from.channel()).append("person", from.address())
                .append("text", words.textOr("")).append("language", language.name()).append("offered", offered)
                .append("at", Date.from(clock.instant())), COLLECTION);
        return new Open(id, from, words.textOr(""), language, offered, null);
    }

    Optional<Open> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(OpenQuestions::open);
    }

    /** The person's newest question of the last {@code within}: what a number typed in a chat chooses from. */
    Optional<Open> latest(Recipient from, Duration within) {
        Query q = Query.query(Criteria.where("channel").is(from.channel()).and("person").is(from.address())
                .and("at").gte(Date.from(clock.instant().minus(within)))).with(Sort.by(Sort.Direction.DESC, "at")).limit(1);
        return Optional.ofNullable(mongo.findOne(q, Document.class, COLLECTION)).map(OpenQuestions::open);
    }

    /** Records the task the question became; false when it was recorded before (a second click got there first). */
    boolean handedOver(String id, String reference) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("reference").exists(false)),
                new Update().set("reference", reference), COLLECTION).getModifiedCount() == 1;
    }

    private static Open open(Document d) {
        return new Open(d.getString("_id"), new Recipient(d.getString("channel"), d.getString("person")), d.getString("text"),
                Language.valueOf(d.getString("language")), d.getList("offered", String.class, List.of()), d.getString("reference"));
    }
}

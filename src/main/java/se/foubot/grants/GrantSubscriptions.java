package se.foubot.grants;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import se.foubot.privacy.LogText;
import se.foubot.store.StoreIndexes;

/** Who wants grant reminders, for which programmes. Every change is one atomic upsert or update. */
@Component
public class GrantSubscriptions implements StoreIndexes {

    private static final Logger log = LoggerFactory.getLogger(GrantSubscriptions.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    GrantSubscriptions(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void ensure(MongoTemplate mongo) {
        mongo.indexOps(Subscriber.COLLECTION).createIndex(new Index("token", Sort.Direction.ASC).unique().named("token_unique"));
    }

    /**
     * Subscribes (or re-subscribes, or changes the programmes of) a contact. @return the subscriber; {@code created}
     * tells whether it was new or came back
     */
    public Subscriber subscribe(String channel, String address, String email, String district, List<String> programmes,
            String language, String source) {
        String id = Subscriber.id(channel, address);
        Instant now = clock.instant();
        Subscriber before = mongo.findById(id, Subscriber.class);
        Update update = new Update().set("channel", channel).set("address", address.strip()).set("programmes", programmes)
                .set("active", true).set("language", language).unset("unsubscribedAt")
                .setOnInsert("token", token()).setOnInsert("source", source);
        if (email != null) {
            update.set("email", email.strip().toLowerCase());
        }
        if (district != null) {
            update.set("district", district);
        }
        if (before == null || !before.active()) {
            update.set("subscribedAt", now);
        }
        Subscriber after = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), Subscriber.class);
        log.info("event=grant_subscribed subscriber={} programmes={} source={}", LogText.clean(id), programmes, source);
        return after;
    }

    /** @return true when the contact was subscribed and is not now */
    public boolean unsubscribe(String channel, String address) {
        return stop(Query.query(Criteria.where("_id").is(Subscriber.id(channel, address)).and("active").is(true)));
    }

    /** Also stops a Slack subscriber who gets the reminders at {@code email}. */
    public boolean unsubscribeEmail(String email) {
        boolean any = unsubscribe("email", email);
        List<Subscriber> viaSlack = mongo.find(Query.query(Criteria.where("email").is(email.strip().toLowerCase()).and("active").is(true)),
                Subscriber.class);
        for (Subscriber s : viaSlack) {
            any |= stop(Query.query(Criteria.where("_id").is(s.id()).and("active").is(true)));
        }
        return any;
    }

    public boolean unsubscribeByToken(String token) {
        return stop(Query.query(Criteria.where("token").is(token).and("active").is(true)));
    }

    private boolean stop(Query query) {
        Subscriber s = mongo.findAndModify(query, new Update().set("active", false).set("unsubscribedAt", clock.instant()), Subscriber.class);
        if (s != null) {
            log.info("event=grant_unsubscribed subscriber={}", LogText.clean(s.id()));
        }
        return s != null;
    }

    public Optional<Subscriber> find(String channel, String address) {
        return Optional.ofNullable(mongo.findById(Subscriber.id(channel, address), Subscriber.class));
    }

    public Optional<Subscriber> byToken(String token) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("token").is(token)), Subscriber.class));
    }

    /** Active subscribers of any of {@code programmes} who subscribed by {@code since}. */
    public List<Subscriber> activeFor(List<String> programmes, Instant since) {
        return mongo.find(Query.query(Criteria.where("active").is(true).and("programmes").in(programmes)
                .and("subscribedAt").lte(since)), Subscriber.class);
    }

    public long countActive(List<String> programmes, Instant since) {
        return mongo.count(Query.query(Criteria.where("active").is(true).and("programmes").in(programmes)
                .and("subscribedAt").lte(since)), Subscriber.class);
    }

    public List<Subscriber> all() {
        return mongo.findAll(Subscriber.class);
    }

    private String token() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

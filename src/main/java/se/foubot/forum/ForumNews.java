package se.foubot.forum;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Who asked to hear of newly planned meetings. Every change is one atomic upsert or update. */
@Component
public class ForumNews {

    private static final Logger log = LoggerFactory.getLogger(ForumNews.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    ForumNews(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Subscribes (or subscribes again) the person; {@code email} is where the news goes when known. */
    public ForumNewsSubscriber subscribe(String channel, String address, String email, String language) {
        String id = ForumNewsSubscriber.id(channel, address);
        Update update = new Update().set("channel", channel).set("address", address.strip()).set("active", true)
                .set("language", language).set("subscribedAt", clock.instant()).unset("unsubscribedAt");
        if (email != null) {
            update.set("email", email.strip().toLowerCase());
        }
        ForumNewsSubscriber after = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), ForumNewsSubscriber.class);
        log.info("event=forum_news_subscribed subscriber={}", id);
        return after;
    }

    /** @return true when the person was subscribed and is not now */
    public boolean unsubscribe(String channel, String address) {
        return stop(Query.query(Criteria.where("_id").is(ForumNewsSubscriber.id(channel, address)).and("active").is(true)));
    }

    /** Stops whoever hears at {@code email}: a mail subscriber, or a Slack one whose news goes there. */
    public boolean unsubscribeEmail(String email) {
        boolean any = unsubscribe("email", email);
        for (ForumNewsSubscriber s : mongo.find(Query.query(Criteria.where("email").is(email.strip().toLowerCase())
                .and("active").is(true)), ForumNewsSubscriber.class)) {
            any |= stop(Query.query(Criteria.where("_id").is(s.id()).and("active").is(true)));
        }
        return any;
    }

    private boolean stop(Query query) {
        ForumNewsSubscriber s = mongo.findAndModify(query, new Update().set("active", false).set("unsubscribedAt", clock.instant()),
                ForumNewsSubscriber.class);
        if (s != null) {
            log.info("event=forum_news_unsubscribed subscriber={}", s.id());
        }
        return s != null;
    }

    public Optional<ForumNewsSubscriber> find(String channel, String address) {
        return Optional.ofNullable(mongo.findById(ForumNewsSubscriber.id(channel, address), ForumNewsSubscriber.class));
    }

    public List<ForumNewsSubscriber> active() {
        return mongo.find(Query.query(Criteria.where("active").is(true)), ForumNewsSubscriber.class);
    }
}

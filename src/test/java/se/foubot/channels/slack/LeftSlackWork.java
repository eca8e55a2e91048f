package se.foubot.channels.slack;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** What a process killed while it held a person's Slack message leaves behind, and what Slack was then sent. */
final class LeftSlackWork {

    private LeftSlackWork() {
    }

    /** The inbox item a process leaves in {@code slack_inbox} when it is killed holding {@code user}'s message. */
    static void leftByADeadProcess(MongoTemplate mongo, Instant now, String key, String user, String text) {
        leftByADeadProcess(mongo, now, key, user, text, "slack-inbox-dead");
    }

    /** As above, held by {@code holder}. */
    static void leftByADeadProcess(MongoTemplate mongo, Instant now, String key, String user, String text, String holder) {
        leftByADeadProcess(mongo, now, key, holder, "message",
                new Document("user", user).append("text", text).append("channel", "D" + user));
    }

    /** As above, a post with files (and perhaps words) in {@code user}'s DM. */
    static void postWithFilesLeftByADeadProcess(MongoTemplate mongo, Instant now, String key, String user, String text) {
        leftByADeadProcess(mongo, now, key, "slack-inbox-dead", "message", new Document("user", user).append("text", text)
                .append("channel", "D" + user).append(RecordOnceThenAck.FILES, "true"));
    }

    /** As above, for a {@code /fou} command's work ({@code /fou text}), held by a dead process. */
    static void commandLeftByADeadProcess(MongoTemplate mongo, Instant now, String key, String user, String text) {
        leftByADeadProcess(mongo, now, key, "slack-inbox-dead", "command", new Document("user", user).append("text", text));
    }

    /** As above, a click's recorded work of {@code kind} (a feature's, such as "forum-register"), held by a dead process. */
    static void actionLeftByADeadProcess(MongoTemplate mongo, Instant now, String key, String kind, Document params) {
        leftByADeadProcess(mongo, now, key, "slack-inbox-dead", kind, params);
    }

    private static void leftByADeadProcess(MongoTemplate mongo, Instant now, String key, String holder, String kind, Document params) {
        mongo.remove(Query.query(Criteria.where("_id").is(key)), SlackInbox.COLLECTION);
        mongo.insert(new Document("_id", key).append("slot", key + "#" + holder).append("status", "pending")
                .append("waiting", key).append("attempts", 0).append("nextAttemptAt", Date.from(now)).append("createdAt", Date.from(now))
                .append("leaseUntil", Date.from(now.plus(Duration.ofMinutes(2)))).append("kind", kind).append("params", params),
                SlackInbox.COLLECTION);
    }

    /** The texts posted to {@code user}'s DM channel, in order. */
    static List<String> answersTo(FakeSlackApi slack, String user) {
        return slack.calls("chat.postMessage", c -> c.param("channel").equals("D" + user)).stream().map(c -> c.param("text")).toList();
    }
}

package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/**
 * Slack work the bot acknowledged and then did not finish — the process was killed between the ack and the work, or
 * in the middle of it — is done once its holder's lease has run out, and done again it takes the conversation's turn
 * once and posts the same answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.slack.work-lease=2m"})
@Import(TestClockConfiguration.class)
class SlackWorkAfterACrashTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();

    @Autowired
    SlackInbox inbox;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void slackSettings(DynamicPropertyRegistry registry) {
        registry.add("foubot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("foubot.slack.api-url", SLACK::url);
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    /** The inbox item a process leaves behind when it is killed while it holds a person's message. */
    private void leftByADeadProcess(String key, String user, String text) {
        mongo.remove(Query.query(Criteria.where("_id").is(key)), SlackInbox.COLLECTION);
        mongo.insert(new Document("_id", key).append("slot", key + "#slack-inbox-dead").append("status", "pending")
                .append("waiting", key).append("attempts", 0).append("nextAttemptAt", Date.from(clock.instant())).append("createdAt", Date.from(clock.instant()))
                .append("leaseUntil", Date.from(clock.instant().plus(Duration.ofMinutes(2)))).append("kind", "message")
                .append("params", new Document("user", user).append("text", text).append("channel", "D" + user)), SlackInbox.COLLECTION);
    }

    private static List<String> answersTo(String user) {
        return SLACK.calls("chat.postMessage", c -> c.param("channel").equals("D" + user)).stream().map(c -> c.param("text")).toList();
    }

    private long conversationVersion(String user) {
        return mongo.findById("slack:" + user, Document.class, "conversations").get("version", Number.class).longValue();
    }

    @Test
    void aMessageAcknowledgedByAProcessThatDiedIsAnsweredOnceItsLeaseHasRunOut() {
        leftByADeadProcess("post:DUCRASH:1763900000.000001", "UCRASH", "stöd");

        inbox.redo();
        assertThat(answersTo("UCRASH")).as("held by the dead process until its lease runs out").isEmpty();

        clock.advance(Duration.ofMinutes(3));
        inbox.redo();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UCRASH")).isNotEmpty());
        inbox.redo();
        assertThat(answersTo("UCRASH")).singleElement().satisfies(text -> assertThat(text).contains("Vilken förvaltning"));
    }

    @Test
    void workDoneAgainAfterItsTurnWasTakenTakesNoSecondTurnAndPostsTheSameAnswer() {
        leftByADeadProcess("post:DUAGAIN:1763900000.000002", "UAGAIN", "stöd");
        clock.advance(Duration.ofMinutes(3));
        inbox.redo();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UAGAIN")).hasSize(1));
        long version = conversationVersion("UAGAIN");

        // killed after the turn was saved and before the work was marked done: the item is back, held by the dead
        leftByADeadProcess("post:DUAGAIN:1763900000.000002", "UAGAIN", "stöd");
        clock.advance(Duration.ofMinutes(3));
        inbox.redo();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UAGAIN")).hasSize(2));
        assertThat(conversationVersion("UAGAIN")).isEqualTo(version);
        assertThat(answersTo("UAGAIN")).hasSize(2).allSatisfy(text -> assertThat(text).contains("Vilken förvaltning"));
        assertThat(answersTo("UAGAIN").get(0)).isEqualTo(answersTo("UAGAIN").get(1));
    }
}

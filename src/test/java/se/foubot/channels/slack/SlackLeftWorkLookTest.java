package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/**
 * The look for left work — what a killed process left, or a stopped one handed over — does more than one batch when
 * there is more: after a rolling update hundreds of messages can be waiting, and each batch used to wait for the next
 * look. The bot's own scheduled looks are off here, so that the one look the test makes is the only one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.scheduling.enabled=false"})
@Import(TestClockConfiguration.class)
class SlackLeftWorkLookTest {

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

    private void leftByADeadProcess(String key, String user, String text) {
        mongo.insert(new Document("_id", key).append("slot", key + "#slack-inbox-dead").append("status", "pending")
                .append("waiting", key).append("attempts", 0).append("nextAttemptAt", Date.from(clock.instant()))
                .append("createdAt", Date.from(clock.instant())).append("leaseUntil", Date.from(clock.instant().plus(Duration.ofMinutes(2))))
                .append("kind", "message").append("params", new Document("user", user).append("text", text).append("channel", "D" + user)),
                SlackInbox.COLLECTION);
    }

    private static List<String> answersTo(String user) {
        return SLACK.calls("chat.postMessage", c -> c.param("channel").equals("D" + user)).stream().map(c -> c.param("text")).toList();
    }

    @Test
    void moreMessagesLeftBehindThanABatchAreAllAnsweredOnceInOneLook() {
        int left = 2 * SlackInbox.REDO_BATCH + 10;
        for (int i = 0; i < left; i++) {
            leftByADeadProcess("post:DUMANY" + i + ":1763900000.000003", "UMANY" + i, "stöd");
        }
        clock.advance(Duration.ofMinutes(3));

        assertThat(inbox.redo()).as("one look, its batches one after another").isEqualTo(left);

        for (int i = 0; i < left; i++) {
            assertThat(answersTo("UMANY" + i)).as("UMANY%d", i).singleElement()
                    .satisfies(text -> assertThat(text).contains("Vilken förvaltning"));
        }
        assertThat(inbox.redo()).as("nothing left for the next look").isZero();
    }

    @Test
    void aLookEndsAtTheFirstPieceThatFindsSlackAwayAndTheRestWaitsForTheNext() {
        int left = SlackInbox.REDO_BATCH + 5;
        for (int i = 0; i < left; i++) {
            leftByADeadProcess("post:DUAWAY" + i + ":1763900000.000004", "UAWAY" + i, "stöd");
        }
        clock.advance(Duration.ofMinutes(3));
        SLACK.outage(500);
        try {
            assertThat(inbox.redo()).isZero();
        } finally {
            SLACK.endOutage();
        }
        long postponed = mongo.getCollection(SlackInbox.COLLECTION).countDocuments(new Document("_id", new Document("$regex", "^post:DUAWAY"))
                .append("nextAttemptAt", new Document("$gt", Date.from(clock.instant()))));
        assertThat(postponed).as("only the piece that found Slack away waits its pause; the others were not begun").isEqualTo(1);

        clock.advance(Duration.ofMinutes(3));
        assertThat(inbox.redo()).isEqualTo(left);
        for (int i = 0; i < left; i++) {
            assertThat(answersTo("UAWAY" + i)).as("UAWAY%d", i).singleElement();
        }
    }
}

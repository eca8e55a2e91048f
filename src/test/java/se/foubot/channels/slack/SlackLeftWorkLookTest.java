package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static se.foubot.channels.slack.LeftSlackWork.answersTo;
import static se.foubot.channels.slack.LeftSlackWork.leftByADeadProcess;

import java.time.Duration;
import java.util.Date;

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
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.scheduling.enabled=false",
                // the piece that finds Slack away goes through its five tries first: a tenth of the usual wait apart
                "foubot.slack.api-retry-wait=50ms"})
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

    @Test
    void moreMessagesLeftBehindThanABatchAreAllAnsweredOnceInOneLook() {
        int left = 2 * SlackInbox.REDO_BATCH + 10;
        for (int i = 0; i < left; i++) {
            leftByADeadProcess(mongo, clock.instant(), "post:DUMANY" + i + ":1763900000.000003", "UMANY" + i, "stöd");
        }
        clock.advance(Duration.ofMinutes(3));

        assertThat(inbox.redo()).as("one look, its batches one after another").isEqualTo(left);

        for (int i = 0; i < left; i++) {
            assertThat(answersTo(SLACK, "UMANY" + i)).as("UMANY%d", i).singleElement()
                    .satisfies(text -> assertThat(text).contains("Vilken förvaltning"));
        }
        assertThat(inbox.redo()).as("nothing left for the next look").isZero();
    }

    @Test
    void aLookEndsAtTheFirstPieceThatFindsSlackAwayAndTheRestWaitsForTheNext() {
        int left = SlackInbox.REDO_BATCH + 5;
        for (int i = 0; i < left; i++) {
            leftByADeadProcess(mongo, clock.instant(), "post:DUAWAY" + i + ":1763900000.000004", "UAWAY" + i, "stöd");
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
            assertThat(answersTo(SLACK, "UAWAY" + i)).as("UAWAY%d", i).singleElement();
        }
    }
}

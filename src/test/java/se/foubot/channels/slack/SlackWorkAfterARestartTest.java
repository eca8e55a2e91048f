package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.support.KilledProcessDataDirectory;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/**
 * The bot started again on the data directory of a process that was killed ({@code kill -9}) holding people's Slack
 * messages does them at once, not after their lease: the killed process's id is in {@code process-boot}, and its lock
 * on that file went with it. Work another holder leased (another replica, alive or not) still waits for its lease.
 * <p>
 * The tests share one start: the one about a message sent right after it comes first, and the others begin once what
 * the start took up is done, since they hold Slack's answers and move the clock (a left message whose post was held by
 * another test, or whose lease ran out as the clock jumped three minutes, was then still in hand, and a CI run on a
 * loaded machine saw the order test's answers stop at the first).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "foubot.slack.work-lease=2m")
@Import(TestClockConfiguration.class)
class SlackWorkAfterARestartTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();
    /** The killed process's id, as it wrote it to the data directory. */
    private static final String KILLED = "0123456789ab";
    private static final Path DATA_DIR = Path.of("target", "test-data", UUID.randomUUID().toString());

    @Autowired
    SlackInbox inbox;

    @Autowired
    MutableClock clock;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void aDataDirectoryAKilledProcessLeft(DynamicPropertyRegistry registry) throws IOException {
        KilledProcessDataDirectory.prepare(DATA_DIR, KILLED, bots -> {
            LeftSlackWork.leftByADeadProcess(bots, TestClockConfiguration.START, "post:DUBOOT:1763900000.000003",
                    "UBOOT", "stöd", "slack-inbox-" + KILLED);
            LeftSlackWork.leftByADeadProcess(bots, TestClockConfiguration.START, "post:DUREPLICA:1763900000.000004",
                    "UREPLICA", "stöd", "slack-inbox-another-replica");
            // a person in the middle of an intake: two messages acknowledged and not yet done when the process died
            LeftSlackWork.leftByADeadProcess(bots, TestClockConfiguration.START, "post:DUORDER:1763900000.000010",
                    "UORDER", "jag behöver stöd", "slack-inbox-" + KILLED);
            LeftSlackWork.leftByADeadProcess(bots, TestClockConfiguration.START, "post:DUORDER:1763900000.000011",
                    "UORDER", "Bromma", "slack-inbox-" + KILLED);
        });
        registry.add("foubot.store.data-dir", DATA_DIR::toString);
        registry.add("foubot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("foubot.slack.api-url", SLACK::url);
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    /**
     * Helper 95: the first look for left work came five seconds after the start, and a message written after the left
     * ones was done before them — taken as the answer they had given, and they were then late ("kom fram först nu").
     */
    /** What the start took up from the killed process is done (each marked sent), before a test holds Slack or moves the clock. */
    private void theStartsLeftWorkIsDone() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(java.util.stream.Stream.of(
                "post:DUBOOT:1763900000.000003", "post:DUORDER:1763900000.000010", "post:DUORDER:1763900000.000011")
                .map(key -> mongo.findById(key, org.bson.Document.class, SlackInbox.COLLECTION).getString("status")))
                .containsOnly(se.foubot.store.LeasedQueue.SENT));
    }

    @Test
    @Order(1)
    void messagesTheKilledProcessLeftAreDoneBeforeOneTheirWriterSendsRightAfterTheStart() {
        // no look for left work is asked for: what the start took up must be done first on its own
        assertThat(inbox.receive("post:DUORDER:1763900000.000020", "EvOrderAfterStart", RecordOnceThenAck.MESSAGE,
                java.util.Map.of("user", "UORDER", "channel", "DUORDER", "text", "verksamhetsutvecklare"))).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(LeftSlackWork.answersTo(SLACK, "UORDER")).hasSize(3));
        java.util.List<String> answers = LeftSlackWork.answersTo(SLACK, "UORDER");
        assertThat(answers.get(0)).contains("Vilken förvaltning");
        assertThat(answers).noneMatch(text -> text.contains("kom fram först nu")).noneMatch(text -> text.contains("vilken förvaltning du menar"));
        assertThat(answers.get(2)).doesNotContain("Vilken förvaltning");
    }

    /**
     * Another replica died holding a person's message; a look here takes it up after its lease, and Slack is slow to
     * take the answer. What the person writes meanwhile waits behind it, as it would behind their own work here: done
     * beside it, the later message could be answered first or take the turn the left one was to take.
     */
    @Test
    void anotherReplicasLeftMessageIsDoneInItsWritersLineSoWhatTheyWriteMeanwhileWaits() throws Exception {
        theStartsLeftWorkIsDone();
        // its lease ran out a minute ago (the other test's replica still holds its own until two minutes after the start)
        LeftSlackWork.leftByADeadProcess(mongo, clock.instant().minus(Duration.ofMinutes(3)), "post:DULINE:1763900000.000030",
                "ULINE", "jag behöver stöd", "slack-inbox-a-replica-that-died");
        SLACK.holdPosts();
        java.util.concurrent.CompletableFuture<Integer> look;
        try {
            look = java.util.concurrent.CompletableFuture.supplyAsync(inbox::redo);
            await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.postsHeld() == 1);
            assertThat(inbox.receive("post:DULINE:1763900000.000031", "EvLineMeanwhile", RecordOnceThenAck.MESSAGE,
                    java.util.Map.of("user", "ULINE", "channel", "DULINE", "text", "Bromma"))).isTrue();
            // a worker would come to it at once; in the line it waits for the left message's answer
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> SLACK.postsHeld() == 1);
        } finally {
            SLACK.letPostsGo();
        }
        look.get(10, java.util.concurrent.TimeUnit.SECONDS); // this look, or the scheduled one beside it, took it up
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(LeftSlackWork.answersTo(SLACK, "ULINE")).hasSize(2));
        java.util.List<String> answers = LeftSlackWork.answersTo(SLACK, "ULINE");
        assertThat(answers.get(0)).contains("Vilken förvaltning");
        assertThat(answers.get(1)).doesNotContain("Vilken förvaltning").doesNotContain("kom fram först nu");
    }

    /**
     * Helper 97: another replica holds a person's message (alive and slow, or killed and its lease not yet run out) when
     * the person's next one comes here. Done at once, it was answered first and the earlier one then taken as late
     * ("kom fram först nu"): 4 of 10 intakes after a kill -9. It waits, and is done after the earlier one.
     */
    @Test
    void aMessageWaitsForItsWritersEarlierOneThatAnotherProcessStillHolds() {
        theStartsLeftWorkIsDone();
        String earlier = "post:DUWAIT:1763900000.000040";
        String later = "post:DUWAIT:1763900000.000041";
        LeftSlackWork.leftByADeadProcess(mongo, clock.instant(), earlier, "UWAIT", "jag behöver stöd", "slack-inbox-a-replica-that-died");
        assertThat(inbox.receive(later, "EvWaitLater", RecordOnceThenAck.MESSAGE,
                java.util.Map.of("user", "UWAIT", "channel", "DUWAIT", "text", "Bromma"))).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.findById(later, org.bson.Document.class,
                SlackInbox.COLLECTION).getString("slot")).endsWith("#free"));
        assertThat(LeftSlackWork.answersTo(SLACK, "UWAIT")).as("nothing answered before the earlier message").isEmpty();

        // the replica was dead: its lease runs out, and a look takes the earlier message up, then the later one
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(earlier)),
                new org.springframework.data.mongodb.core.query.Update().set("leaseUntil",
                        java.util.Date.from(clock.instant().minusSeconds(1))), SlackInbox.COLLECTION);
        clock.advance(SlackInbox.EARLIER_PAUSE.plusSeconds(1));
        inbox.redo();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(LeftSlackWork.answersTo(SLACK, "UWAIT")).hasSize(2));
        java.util.List<String> answers = LeftSlackWork.answersTo(SLACK, "UWAIT");
        assertThat(answers.get(0)).contains("Vilken förvaltning");
        assertThat(answers.get(1)).doesNotContain("Vilken förvaltning").doesNotContain("kom fram först nu");
    }

    /**
     * Helper 98: a look put another replica's left message in its person's line here behind a later message of theirs
     * that waited there, and the later one was answered first. The later one now finds the earlier one waiting and
     * gives way.
     */
    @Test
    void aLeftMessageALookPutsInLineBehindALaterOneIsStillDoneFirst() throws Exception {
        theStartsLeftWorkIsDone();
        SLACK.holdPosts();
        java.util.concurrent.CompletableFuture<Integer> look;
        try {
            assertThat(inbox.receive("post:DUBEHIND:1763900000.000050", "EvBehind1", RecordOnceThenAck.MESSAGE,
                    java.util.Map.of("user", "UBEHIND", "channel", "DUBEHIND", "text", "jag behöver stöd"))).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.postsHeld() == 1);
            assertThat(inbox.receive("post:DUBEHIND:1763900000.000052", "EvBehind3", RecordOnceThenAck.MESSAGE,
                    java.util.Map.of("user", "UBEHIND", "channel", "DUBEHIND", "text", "verksamhetsutvecklare"))).isTrue();
            // written between the two, held by a replica that died a while ago
            LeftSlackWork.leftByADeadProcess(mongo, clock.instant().minus(Duration.ofMinutes(3)), "post:DUBEHIND:1763900000.000051",
                    "UBEHIND", "Bromma", "slack-inbox-a-replica-that-died");
            look = java.util.concurrent.CompletableFuture.supplyAsync(inbox::redo);
            look.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            SLACK.letPostsGo();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(LeftSlackWork.answersTo(SLACK, "UBEHIND")).hasSize(2));
        clock.advance(SlackInbox.EARLIER_PAUSE.plusSeconds(1));
        inbox.redo(); // the later message, given back for the earlier one, is taken up
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(LeftSlackWork.answersTo(SLACK, "UBEHIND")).hasSize(3));
        java.util.List<String> answers = LeftSlackWork.answersTo(SLACK, "UBEHIND");
        assertThat(answers.get(0)).contains("Vilken förvaltning");
        assertThat(answers.get(1)).contains("Vilken roll");
        assertThat(answers).noneMatch(text -> text.contains("kom fram först nu")).noneMatch(text -> text.contains("vilken förvaltning du menar"));
    }

    @Test
    void theKilledProcesssMessagesAreAnsweredAtStartAndAnotherHoldersAfterItsLease() {
        theStartsLeftWorkIsDone();
        inbox.redo();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(LeftSlackWork.answersTo(SLACK, "UBOOT"))
                .singleElement().satisfies(text -> assertThat(text).contains("Vilken förvaltning")));
        assertThat(LeftSlackWork.answersTo(SLACK, "UREPLICA")).isEmpty();

        clock.advance(Duration.ofMinutes(3));
        inbox.redo();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(LeftSlackWork.answersTo(SLACK, "UREPLICA")).hasSize(1));
        assertThat(LeftSlackWork.answersTo(SLACK, "UBOOT")).hasSize(1);
    }
}

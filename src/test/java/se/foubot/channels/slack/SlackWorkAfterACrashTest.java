package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.store.LeasedQueue;
import se.foubot.support.MutableClock;
import se.foubot.support.OwnThreads;
import se.foubot.support.TestClockConfiguration;

/**
 * Slack work the bot acknowledged and then did not finish — the process was killed between the ack and the work, or
 * in the middle of it — is done once its holder's lease has run out, and done again it takes the conversation's turn
 * once and posts the same answer. A process that is stopped instead hands over what it has not begun at once. Two
 * workers and room for two more in their queue, so that work also waits in memory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.slack.work-lease=2m", "foubot.slack.workers=2",
                "foubot.slack.work-queue=2", "foubot.slack.api-retry-wait=5ms"})
@Import(TestClockConfiguration.class)
@DirtiesContext // one test stops the inbox and starts it again
class SlackWorkAfterACrashTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();
    private static final String KIND = "held-in-test";

    @Autowired
    SlackInbox inbox;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Autowired
    se.foubot.knowledgegaps.KnowledgeGapService gaps;

    @Autowired
    se.foubot.privacy.OutsideTextGuard guard;

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
        LeftSlackWork.leftByADeadProcess(mongo, clock.instant(), key, user, text);
    }

    /** {@code user}'s message left by a dead process, and taken up once its lease has run out. */
    private void takenUpAfterACrash(String key, String user, String text) {
        leftByADeadProcess(key, user, text);
        clock.advance(Duration.ofMinutes(3));
        inbox.redo();
    }

    /** As {@link #takenUpAfterACrash}, {@code /fou text}. */
    private void commandTakenUpAfterACrash(String key, String user, String text) {
        LeftSlackWork.commandLeftByADeadProcess(mongo, clock.instant(), key, user, text);
        clock.advance(Duration.ofMinutes(3));
        inbox.redo();
    }

    private static List<String> answersTo(String user) {
        return LeftSlackWork.answersTo(SLACK, user);
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
    void workDoneAgainAfterItsAnswerWasPostedTakesNoSecondTurnAndPostsNothingMore() throws Exception {
        takenUpAfterACrash("post:DUAGAIN:1763900000.000002", "UAGAIN", "stöd");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UAGAIN")).hasSize(1));
        long version = conversationVersion("UAGAIN");

        // killed after the answer was posted and before the work was marked done: the item is back, held by the dead
        takenUpAfterACrash("post:DUAGAIN:1763900000.000002", "UAGAIN", "stöd");

        // the DM shows the answer (its metadata names the message): it is not posted again
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("conversations.history",
                c -> c.param("channel").equals("DUAGAIN")).isEmpty());
        Thread.sleep(300);
        assertThat(conversationVersion("UAGAIN")).isEqualTo(version);
        assertThat(answersTo("UAGAIN")).singleElement().satisfies(text -> assertThat(text).contains("Vilken förvaltning"));
        assertThat(SLACK.calls("chat.postMessage", c -> c.param("channel").equals("DUAGAIN")).get(0).param("metadata"))
                .contains("post:DUAGAIN:1763900000.000002");
    }

    @Test
    void workDoneAgainAfterItsTurnWasTakenButBeforeItsAnswerWasPostedPostsTheSameAnswer() {
        takenUpAfterACrash("post:DUNOTPOSTED:1763900000.000005", "UNOTPOSTED", "stöd");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UNOTPOSTED")).hasSize(1));
        long version = conversationVersion("UNOTPOSTED");

        // killed after the turn was saved and before its answer reached Slack: the DM does not show it
        SLACK.forgetPostsTo("DUNOTPOSTED");
        takenUpAfterACrash("post:DUNOTPOSTED:1763900000.000005", "UNOTPOSTED", "stöd");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UNOTPOSTED")).hasSize(2));
        assertThat(conversationVersion("UNOTPOSTED")).isEqualTo(version);
        assertThat(answersTo("UNOTPOSTED").get(0)).isEqualTo(answersTo("UNOTPOSTED").get(1)).contains("Vilken förvaltning");
    }

    @Test
    void aHelpAnswerShownBeforeACrashIsNotPostedAgainWhenItsMessageIsDoneAgain() {
        takenUpAfterACrash("post:DUHELPED:1763900000.000006", "UHELPED", "hjälp");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UHELPED")).hasSize(1));

        // killed after the list was posted and before the work was marked done; the list takes no turn to remember.
        // Both times the work is taken up after a crash, so both times the DM is looked at first
        takenUpAfterACrash("post:DUHELPED:1763900000.000006", "UHELPED", "hjälp");

        await().atMost(Duration.ofSeconds(10)).until(() -> isDone("post:DUHELPED:1763900000.000006"));
        assertThat(SLACK.calls("conversations.history", c -> c.param("channel").equals("DUHELPED"))).as("looked for in the DM").hasSize(2);
        assertThat(answersTo("UHELPED")).hasSize(1);
    }

    @Test
    void aHelpAnswerThatNeverReachedSlackIsPostedWhenItsMessageIsDoneAgain() {
        takenUpAfterACrash("post:DUHELPLOST:1763900000.000007", "UHELPLOST", "hjälp");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UHELPLOST")).hasSize(1));

        SLACK.forgetPostsTo("DUHELPLOST");
        takenUpAfterACrash("post:DUHELPLOST:1763900000.000007", "UHELPLOST", "hjälp");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UHELPLOST")).hasSize(2));
        assertThat(answersTo("UHELPLOST").get(1)).isEqualTo(answersTo("UHELPLOST").get(0));
    }

    @Test
    void aCommandsAnswerShownBeforeACrashIsLookedForInThePersonsDmAndNotPostedAgain() {
        commandTakenUpAfterACrash("action:command-before-crash", "UCOMMANDED", "hjälp");
        // a command's answer is posted to the person (their user id), which Slack shows in their DM with the bot
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(postsTo("UCOMMANDED")).hasSize(1));

        commandTakenUpAfterACrash("action:command-before-crash", "UCOMMANDED", "hjälp");

        await().atMost(Duration.ofSeconds(10)).until(() -> isDone("action:command-before-crash"));
        // both times taken up after a crash, so both times looked for first
        assertThat(SLACK.calls("conversations.open", c -> c.param("users").equals("UCOMMANDED"))).hasSize(2);
        assertThat(SLACK.calls("conversations.history", c -> c.param("channel").equals("DUCOMMANDED"))).hasSize(2);
        assertThat(postsTo("UCOMMANDED")).hasSize(1);
    }

    @Test
    void aCommandThatBeganAFlowDoneAgainAfterItsAnswerWasShownDoesNotBeginItAgainUnderTheLaterAnswers() {
        gaps.open(2027, guard.check(""), java.time.LocalDate.of(2026, 12, 18), se.foubot.messaging.Recipient.slack("UKOORD"),
                se.foubot.conversation.Language.SV);
        String round = gaps.openRound().orElseThrow().id();
        commandTakenUpAfterACrash("action:begun-before-crash", "UBEGUN", "kunskapslucka " + round);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(postsTo("UBEGUN")).hasSize(1));
        // the person answers the flow's first question meanwhile
        takenUpAfterACrash("post:DUBEGUN:1763900000.000011", "UBEGUN", "Bromma");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UBEGUN")).hasSize(1));
        long version = conversationVersion("UBEGUN");

        // helper 121: Slack took the command's answer but said 500, and the command, done again, began the flow anew
        commandTakenUpAfterACrash("action:begun-before-crash", "UBEGUN", "kunskapslucka " + round);
        await().atMost(Duration.ofSeconds(10)).until(() -> isDone("action:begun-before-crash"));
        assertThat(conversationVersion("UBEGUN")).as("no turn taken again").isEqualTo(version);
        assertThat(postsTo("UBEGUN")).hasSize(1);
    }

    @Test
    void theNoticeThatFilesAreNotReadIsGivenOnceWhenItsPostIsDoneAgain() {
        for (int crash = 0; crash < 2; crash++) {
            LeftSlackWork.postWithFilesLeftByADeadProcess(mongo, clock.instant(), "post:DUFILES:1763900000.000008", "UFILES", "");
            clock.advance(Duration.ofMinutes(3));
            inbox.redo();
            await().atMost(Duration.ofSeconds(10)).until(() -> isDone("post:DUFILES:1763900000.000008"));
        }
        assertThat(SLACK.calls("conversations.history", c -> c.param("channel").equals("DUFILES"))).hasSize(2);
        assertThat(answersTo("UFILES")).singleElement().satisfies(text -> assertThat(text).contains("filer"));
    }

    @Test
    void anAnswerFarBackInABusyDmIsFoundOnALaterPageOfItsHistory() {
        takenUpAfterACrash("post:DUBUSY:1763900000.000009", "UBUSY", "hjälp");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UBUSY")).hasSize(1));
        SLACK.personWrites("DUBUSY", 250); // three pages of a hundred, the bot's answer on the last

        takenUpAfterACrash("post:DUBUSY:1763900000.000009", "UBUSY", "hjälp");

        await().atMost(Duration.ofSeconds(10)).until(() -> isDone("post:DUBUSY:1763900000.000009"));
        assertThat(answersTo("UBUSY")).hasSize(1);
        assertThat(SLACK.calls("conversations.history", c -> c.param("channel").equals("DUBUSY") && "200".equals(c.param("cursor"))))
                .as("read to the third page").isNotEmpty();
    }

    @Test
    void anAnswerDoneAgainWhileTheDmCannotBeReadWaitsAndIsNotPostedOnceTheDmShowsIt() {
        takenUpAfterACrash("post:DUUNREAD:1763900000.000010", "UUNREAD", "hjälp");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(answersTo("UUNREAD")).hasSize(1));

        SLACK.failNext("conversations.history", 500, 3); // every attempt of the look: server errors,
        SLACK.failNext("conversations.history", 200, 2); // and a proxy's page the SDK cannot read
        takenUpAfterACrash("post:DUUNREAD:1763900000.000010", "UUNREAD", "hjälp");
        // Slack away: not posted blind, the work waits its pause as when a post fails
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById("post:DUUNREAD:1763900000.000010", Document.class,
                SlackInbox.COLLECTION).getString("slot").endsWith("#free"));
        assertThat(answersTo("UUNREAD")).hasSize(1);

        clock.advance(SlackInbox.SLACK_AWAY_PAUSE.plusSeconds(1));
        inbox.redo();
        await().atMost(Duration.ofSeconds(10)).until(() -> isDone("post:DUUNREAD:1763900000.000010"));
        assertThat(answersTo("UUNREAD")).hasSize(1);
    }

    /**
     * Found by black-box testers: a register click done again after a kill -9 between its answer and the record of having
     * answered said "Du är redan anmäld … – inget mer behövs" under the "Du är anmäld …" it had given. Its answer is
     * marked as the click's, as a conversation's is, and the click done again while the DM shows that answer is not
     * done a second time; one whose answer never reached Slack is answered.
     */
    @Test
    void aForumClickDoneAgainAfterItsAnswerWasShownIsNotAnsweredASecondTime(@Autowired se.foubot.forum.ForumService forum) {
        var guard = new se.foubot.privacy.OutsideTextGuard();
        java.time.LocalDate day = java.time.LocalDate.of(2027, 8, 18);
        String meeting = ((se.foubot.forum.ForumService.Saved) forum.create(new se.foubot.forum.MeetingPlan(guard.check("Forum efter krasch"),
                day, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(12, 0), guard.check("Lokal Krasch"), guard.check(null), 10,
                day.minusDays(13), guard.check(null), guard.check(null)), se.foubot.messaging.Recipient.slack("UKOORD"))).meeting().id();
        String key = "action:forum-register:UREDO:1763900000.123456.abcdef";
        Runnable killedAndTakenUp = () -> {
            LeftSlackWork.actionLeftByADeadProcess(mongo, clock.instant(), key, "forum-register",
                    new Document("user", "UREDO").append("meeting", meeting));
            clock.advance(Duration.ofMinutes(3));
            inbox.redo();
            await().atMost(Duration.ofSeconds(10)).until(() -> isDone(key));
        };

        killedAndTakenUp.run();
        assertThat(postsTo("UREDO")).singleElement().satisfies(text -> assertThat(text).contains("Du är anmäld till ”Forum efter krasch”"));
        assertThat(SLACK.calls("chat.postMessage", c -> c.param("channel").equals("UREDO")).get(0).param("metadata")).contains(key);

        // killed after the answer was posted and before the work was marked done
        killedAndTakenUp.run();
        assertThat(SLACK.calls("conversations.history", c -> c.param("channel").equals("DUREDO"))).as("looked for in the DM").hasSize(2);
        assertThat(postsTo("UREDO")).as("not answered again").hasSize(1);

        // killed before the answer reached Slack: the click done again answers
        SLACK.forgetPostsTo("DUREDO");
        killedAndTakenUp.run();
        assertThat(postsTo("UREDO")).hasSize(2);
        assertThat(postsTo("UREDO").get(1)).contains("Forum efter krasch");
        assertThat(forum.find(meeting).orElseThrow().seats()).isEqualTo(1);
    }

    private static List<String> postsTo(String channel) {
        return SLACK.calls("chat.postMessage", c -> c.param("channel").equals(channel)).stream().map(c -> c.param("text")).toList();
    }

    private boolean isDone(String key) {
        Document item = mongo.findById(key, Document.class, SlackInbox.COLLECTION);
        return item == null || !"pending".equals(item.getString("status"));
    }

    /**
     * Receives {@code keys} as work that waits at {@code gate} once begun (noted in {@code begun}): with two workers and
     * room for two in their queue, two run, two are queued and the rest wait in memory — all recorded and held here.
     */
    private void twoRunningAtTheGateTwoQueuedTheRestWaiting(List<String> keys, AtomicReference<CountDownLatch> gate, List<String> begun) {
        inbox.on(KIND, "slack-test", work -> {
            begun.add(work.key());
            try {
                gate.get().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (String key : keys) {
            inbox.receive(key, KIND, Map.of("n", key));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> begun.size() == 2 && keys.stream().allMatch(k -> item(k) != null));
    }

    private Document item(String key) {
        return mongo.findById(key, Document.class, SlackInbox.COLLECTION);
    }

    /**
     * A process that is stopped (a rolling update, a scale-down) hands the work it holds over: what no worker has
     * begun is free in the store at once — while the work that is running still runs — for another replica, instead
     * of waiting out this process's lease; what a worker is doing is finished first. A look for left work that is
     * under way when the stop comes begins nothing more.
     */
    @Test
    void aStoppedProcessHandsWorkNotBegunOverAtOnceAndFinishesWorkBegun() throws Exception {
        AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(1));
        List<String> begun = new CopyOnWriteArrayList<>();
        List<String> keys = List.of("stop:1", "stop:2", "stop:3", "stop:4", "stop:5", "stop:6", "stop:7");
        twoRunningAtTheGateTwoQueuedTheRestWaiting(keys, gate, begun);
        assertThat(keys).allSatisfy(k -> assertThat(item(k).getDate("leaseUntil")).as(k + " held under the lease").isNotNull());
        List<String> notBegun = keys.stream().filter(k -> !begun.contains(k)).toList();
        LeasedQueue anotherReplica = new LeasedQueue(mongo, clock, SlackInbox.COLLECTION);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(inbox::stop, OwnThreads.EACH);
        // at once, while the two running pieces still run: another replica's look (no lease has run out) finds the rest
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(anotherReplica.takeable(50)).containsAll(notBegun));
        assertThat(stopping).as("the running work is waited for, not abandoned").isNotDone();
        gate.get().countDown();
        stopping.get(SlackInbox.STOP_WAIT.toSeconds() + 5, TimeUnit.SECONDS);

        assertThat(begun).as("nothing begun once the stop was under way").hasSize(2);
        assertThat(begun).allSatisfy(k -> assertThat(item(k).getString("status")).as(k + " finished").isEqualTo(LeasedQueue.SENT));
        assertThat(notBegun).allSatisfy(k -> {
            assertThat(item(k).getString("status")).isEqualTo(LeasedQueue.PENDING);
            assertThat(item(k).get("leaseUntil")).as(k + " no longer held").isNull();
        });

        // started again (a paused context), a look for left work begins one piece; a stop comes while it runs
        inbox.start();
        gate.set(new CountDownLatch(1));
        CompletableFuture<Integer> look = CompletableFuture.supplyAsync(inbox::redo, OwnThreads.EACH);
        await().atMost(Duration.ofSeconds(10)).until(() -> begun.size() == 3);
        inbox.stop();
        gate.get().countDown();
        look.get(10, TimeUnit.SECONDS);
        assertThat(begun).as("the look began nothing after the stop").hasSize(3);
        assertThat(anotherReplica.takeable(50)).as("the rest still there for another replica").hasSize(notBegun.size() - 1);

        // started again, the same process takes the rest up itself
        inbox.start();
        inbox.redo();
        await().atMost(Duration.ofSeconds(10)).until(() -> notBegun.stream().allMatch(k -> LeasedQueue.SENT.equals(item(k).getString("status"))));
        assertThat(Set.copyOf(begun)).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(begun).hasSameSizeAs(keys);
    }

    /**
     * Work this process holds and has not begun — in the workers' queue or waiting in memory behind busy workers — keeps
     * its lease for as long as it waits: a look for left work (here, or on another replica) must not take it up and
     * answer it a second time when Slack is slow and the wait outlasts the lease.
     */
    @Test
    void workQueuedBehindBusyWorkersLongerThanTheLeaseIsNotTakenUpTwice() throws Exception {
        AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(1));
        List<String> begun = new CopyOnWriteArrayList<>();
        List<String> keys = List.of("slow:1", "slow:2", "slow:3", "slow:4", "slow:5", "slow:6", "slow:7");
        twoRunningAtTheGateTwoQueuedTheRestWaiting(keys, gate, begun);
        LeasedQueue anotherReplica = new LeasedQueue(mongo, clock, SlackInbox.COLLECTION);

        clock.advance(Duration.ofMinutes(1));
        assertThat(inbox.renewHeld()).as("every piece held, begun or not").isEqualTo(keys.size());
        clock.advance(Duration.ofSeconds(90)); // past the lease they were recorded with
        assertThat(anotherReplica.takeable(50)).as("none free for a look").doesNotContainAnyElementsOf(keys);
        inbox.redo();

        gate.get().countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> keys.stream().allMatch(k -> LeasedQueue.SENT.equals(item(k).getString("status"))));
        assertThat(begun).as("each done once").hasSameSizeAs(keys).containsExactlyInAnyOrderElementsOf(keys);
    }
}

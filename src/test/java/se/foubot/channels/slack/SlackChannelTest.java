package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.support.OwnThreads;
import se.foubot.support.TestClockConfiguration;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.TaskStatus;

/**
 * Slack end to end: signed HTTP requests into /slack/events, the bot's calls recorded by a local fake of the
 * Slack Web API, the real engine and embedded store between them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.slack.repost-interval=1s",
                // a Slack that answers late is tried here: the read timeout short, so the test waits for it twice briefly
                "foubot.slack.api-timeout=3s",
                // Slack answering 500 is tried here often: each of its five tries a tenth of the usual wait apart
                "foubot.slack.api-retry-wait=50ms",
                "foubot.slack.channel-messages-per-second=200", "foubot.slack.channel-burst=50",
                "foubot.admin.token=slack-channel-admin", "foubot.dead-letters.retry-delay=50ms"})
@Import(TestClockConfiguration.class)
class SlackChannelTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();
    static final String STAFF_CHANNEL = "C0STAFF";
    static final List<String> ANALYSTS = java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "UANALYST" + i).toList();

    @LocalServerPort
    int port;

    @Autowired
    TaskService tasks;

    @Autowired
    se.foubot.tasks.slack.EscalationJob escalation;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    se.foubot.support.MutableClock clock;

    @Autowired
    org.springframework.context.ApplicationContext bot;

    SlackRequests slack;


    @DynamicPropertySource
    static void slackSettings(DynamicPropertyRegistry registry) {
        registry.add("foubot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("foubot.slack.signing-secret", () -> SlackRequests.SECRET);
        registry.add("foubot.slack.api-url", SLACK::url);
        registry.add("foubot.slack.staff-channel", () -> STAFF_CHANNEL);
        registry.add("foubot.slack.staff-users", () -> String.join(",", ANALYSTS));
        registry.add("foubot.slack.coordinator", () -> "UCOORD");
        registry.add("foubot.slack.staff-usergroup", () -> "S0FOUUTRED");
        // Socket Mode on as well: the fake cannot open a WebSocket, so the bot must carry on over HTTP
        registry.add("foubot.slack.app-token", () -> "xapp-test-token");
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    @BeforeEach
    void setUp() {
        slack = new SlackRequests(port, clock);
    }

    private static List<FakeSlackApi.Call> postsTo(String channel) {
        return SLACK.calls("chat.postMessage", c -> c.param("channel").equals(channel));
    }

    private static String lastTextTo(String channel) {
        List<FakeSlackApi.Call> posts = postsTo(channel);
        return posts.isEmpty() ? "" : posts.get(posts.size() - 1).param("text");
    }

    /** Clicks the button labelled {@code label} on the bot's last message to {@code channel}, as Slack sends the click. */
    private void clickLast(String user, String channel, String label) throws Exception {
        List<FakeSlackApi.Call> posts = postsTo(channel);
        slack.clickPosted(user, channel, "1." + posts.size(), posts.get(posts.size() - 1).param("blocks"), label);
    }

    /** Writes each of {@code messages} to the bot in a DM, each once the bot has answered the one before. */
    private void sayInTurn(String user, String eventPrefix, String... messages) throws Exception {
        for (int i = 0; i < messages.length; i++) {
            slack.dm(eventPrefix + i, user, messages[i]);
            awaitReply("D" + user, i + 1, "");
        }
    }

    /** Until every message and click Slack sent has been handled (and its reply, if any, posted). */
    private void awaitSlackWorkDone() {
        var mongo = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.getCollection(SlackInbox.COLLECTION)
                .countDocuments(new org.bson.Document("status", se.foubot.store.LeasedQueue.PENDING)) == 0);
    }

    private static void awaitReply(String channel, int count, String contains) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(postsTo(channel)).hasSizeGreaterThanOrEqualTo(count);
            assertThat(lastTextTo(channel)).contains(contains);
        });
    }

    @Test
    void forgedStaleOrUnsignedRequestsGet401AndNothingIsProcessed() throws Exception {
        String body = SlackRequests.eventEnvelope("EvForged", SlackRequests.dm("UFORGER", "stöd"));
        long now = clock.instant().getEpochSecond();
        assertThat(slack.send(body, "application/json", now, null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(slack.send(body, "application/json", now, SlackRequests.sign("wrong-secret", now, body), Map.of())
                .statusCode()).isEqualTo(401);
        long stale = now - 6 * 60;
        assertThat(slack.send(body, "application/json", stale, SlackRequests.sign(SlackRequests.SECRET, stale, body),
                Map.of()).statusCode()).isEqualTo(401);
        String tampered = body.replace("stöd", "hej");
        assertThat(slack.send(tampered, "application/json", now, SlackRequests.sign(SlackRequests.SECRET, now, body),
                Map.of()).statusCode()).isEqualTo(401);
        Thread.sleep(300);
        assertThat(postsTo("DUFORGER")).isEmpty();
    }

    @Test
    void aDirectMessageStartsTheIntakeAndChoicesComeAsButtons() throws Exception {
        assertThat(slack.dm("EvStart1", "UDIST1", "Hej, jag behöver stöd").statusCode()).isEqualTo(200);
        awaitReply("DUDIST1", 1, "Vilken förvaltning arbetar du på?");
        String blocks = postsTo("DUDIST1").get(0).param("blocks");
        assertThat(blocks).contains("\"action_id\":\"answer-0\"").contains("Hägersten-Älvsjö");
    }

    @Test
    void aMessageDeliveredOnlyAfterALaterOneWasAnsweredIsNotTakenAsTheAnswerToTheQuestionAskedSince() throws Exception {
        String user = "UDIST91";
        slack.event("EvLate0", post(user, "jag behöver stöd", "1763900300.000100"));
        awaitReply("D" + user, 1, "Vilken förvaltning");
        // "Bromma" was written first, but its delivery was lost; the person wrote "Farsta", which was answered, and
        // Slack's retry of "Bromma" comes a minute later under an event id of its own
        slack.event("EvLate2", post(user, "Farsta", "1763900320.000300"));
        awaitReply("D" + user, 2, "");
        String questionAfterFarsta = lastTextTo("D" + user);
        slack.signed(SlackRequests.eventEnvelope("EvLate1", post(user, "Bromma", "1763900310.000200")), "application/json",
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_error"));

        awaitReply("D" + user, 3, "kom fram först nu");
        assertThat(lastTextTo("D" + user)).contains("”Bromma”").doesNotContain(questionAfterFarsta);
        var conversation = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class)
                .findById("slack:" + user, org.bson.Document.class, "conversations");
        assertThat(conversation.get("answers", org.bson.Document.class)).containsExactlyEntriesOf(Map.of("district", "farsta"));
        assertThat(conversation.getString("stepId")).isEqualTo("role");
        // the conversation goes on at the question asked after "Farsta"
        slack.event("EvLate3", post(user, "tillbaka", "1763900330.000400"));
        awaitReply("D" + user, 4, "Vilken förvaltning");
    }

    @Test
    void aMessageStampedLaterThanItsDeliveryIsRefusedAndCannotShutItsPersonOut() throws Exception {
        String user = "UDIST92";
        long tenYears = java.time.Instant.now().plus(Duration.ofDays(3650)).getEpochSecond();
        assertThat(slack.event("EvFuture1", post(user, "jag behöver stöd", tenYears + ".000100")).statusCode()).isEqualTo(400);
        String inAThread = "{\"type\":\"message\",\"channel\":\"D" + user + "\",\"channel_type\":\"im\",\"user\":\"" + user
                + "\",\"text\":\"stöd\",\"ts\":\"1763900000.000100\",\"thread_ts\":\"" + tenYears + ".000100\"}";
        assertThat(slack.event("EvFuture2", inAThread).statusCode()).isEqualTo(400);
        // written now, it is answered as any first message
        slack.dm("EvFuture3", user, "jag behöver stöd");
        awaitReply("D" + user, 1, "Vilken förvaltning");
        slack.dm("EvFuture4", user, "Farsta");
        awaitReply("D" + user, 2, "Vilken roll");
    }

    @Test
    void twoAnswersTypedInQuickSuccessionAreTakenInTheOrderTheyCameByEveryPerson() throws Exception {
        List<String> people = IntStream.range(0, 12).mapToObj(i -> "UQUICK" + i).toList();
        for (String user : people) {
            slack.dm("EvQuick0" + user, user, "jag behöver stöd");
        }
        for (String user : people) {
            awaitReply("D" + user, 1, "Vilken förvaltning");
        }
        // each person answers two questions at once; the second message is sent as soon as the first is acknowledged
        ExecutorService typists = Executors.newFixedThreadPool(people.size());
        List<Future<?>> typed = new ArrayList<>();
        for (String user : people) {
            typed.add(typists.submit(() -> {
                slack.dm("EvQuick1" + user, user, "Bromma");
                return slack.dm("EvQuick2" + user, user, "Chef");
            }));
        }
        for (Future<?> t : typed) {
            t.get();
        }
        typists.shutdown();
        var mongo = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
        for (String user : people) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(mongo.findById("slack:" + user,
                    org.bson.Document.class, "conversations").get("answers", org.bson.Document.class))
                    .as(user).containsEntry("district", "bromma").containsEntry("role", "chef"));
            assertThat(postsTo("D" + user)).as(user).noneMatch(p -> p.param("text").contains("kom fram först nu")
                    || p.param("text").contains("Jag vet inte"));
        }
    }

    /** A DM from {@code user} written at Slack's {@code ts}. */
    private static String post(String user, String text, String ts) {
        return "{\"type\":\"message\",\"channel\":\"D" + user + "\",\"channel_type\":\"im\",\"user\":\"" + user
                + "\",\"text\":\"" + text + "\",\"ts\":\"" + ts + "\",\"event_ts\":\"" + ts + "\"}";
    }

    @Test
    void aRepeatedDeliveryOfOneEventIsProcessedOnce() throws Exception {
        slack.dm("EvTwice", "UDIST2", "stöd");
        slack.signed(SlackRequests.eventEnvelope("EvTwice", SlackRequests.dm("UDIST2", "stöd")), "application/json",
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
        awaitReply("DUDIST2", 1, "Vilken förvaltning");
        Thread.sleep(500);
        assertThat(postsTo("DUDIST2")).hasSize(1);
    }

    @Test
    void onePostDeliveredUnderTwoEventIdsIsAnsweredOnce() throws Exception {
        String post = "{\"type\":\"message\",\"channel\":\"DUDIST16\",\"channel_type\":\"im\",\"user\":\"UDIST16\","
                + "\"text\":\"jag behöver stöd\",\"ts\":\"1763900000.161616\",\"event_ts\":\"1763900000.161616\"}";
        assertThat(slack.event("EvPostOnce1", post).statusCode()).isEqualTo(200);
        assertThat(slack.event("EvPostOnce2", post).statusCode()).isEqualTo(200);
        awaitReply("DUDIST16", 1, "Vilken förvaltning");
        Thread.sleep(500);
        assertThat(postsTo("DUDIST16")).hasSize(1);
    }

    @Test
    void anAppMentionAndAMessageForTheSamePostMakeOneAnswer() throws Exception {
        String text = "<@" + FakeSlackApi.BOT_USER + "> jag behöver stöd";
        String message = "{\"type\":\"message\",\"channel\":\"DUDIST17\",\"channel_type\":\"im\",\"user\":\"UDIST17\","
                + "\"text\":" + SlackRequests.json(text) + ",\"ts\":\"1763900000.171717\",\"event_ts\":\"1763900000.171717\"}";
        String mention = "{\"type\":\"app_mention\",\"channel\":\"DUDIST17\",\"user\":\"UDIST17\",\"text\":"
                + SlackRequests.json(text) + ",\"ts\":\"1763900000.171717\",\"event_ts\":\"1763900000.171717\"}";
        slack.event("EvBothKinds1", message);
        slack.event("EvBothKinds2", mention);
        awaitReply("DUDIST17", 1, "Vilken förvaltning");
        Thread.sleep(500);
        assertThat(postsTo("DUDIST17")).hasSize(1);
    }

    @Test
    void aMessageWhoseHandlingThrowsIsTriedABoundedNumberOfTimesThenParkedAndThePersonIsToldPolitely() throws Exception {
        // a DM event without a user (as some integrations post): the conversation cannot be found, so handling throws
        String noUser = "{\"type\":\"message\",\"channel\":\"DPOISON1\",\"channel_type\":\"im\",\"text\":\"stöd\","
                + "\"ts\":\"1763900000.909090\",\"event_ts\":\"1763900000.909090\"}";
        assertThat(slack.event("EvPoison1", noUser).statusCode()).isEqualTo(200);
        awaitReply("DPOISON1", 1, "Förlåt, det du skickade gick inte att behandla");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(se.foubot.support.Http.get(port, "/api/dead-letters",
                "slack-channel-admin").body()).contains("\"kind\":\"slack-event\"").contains("\"key\":\"EvPoison1\"")
                .contains("\"status\":\"PARKED\"").doesNotContain("stöd"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(postsTo(STAFF_CHANNEL))
                .anySatisfy(c -> assertThat(c.param("text")).contains("har lagts åt sidan")));
        assertThat(meters.counter("foubot.dead.letters", "kind", "slack-event").count()).isEqualTo(1);

        // Slack's retry of it is not tried again, and the person is not told twice
        slack.signed(SlackRequests.eventEnvelope("EvPoison1", noUser), "application/json", Map.of("X-Slack-Retry-Num", "1"));
        Thread.sleep(500);
        assertThat(postsTo("DPOISON1")).hasSize(1);
    }

    @Test
    void messagesFromBotsAreIgnored() throws Exception {
        String fromBot = "{\"type\":\"message\",\"channel\":\"DUDIST3\",\"channel_type\":\"im\",\"user\":\"UDIST3\","
                + "\"bot_id\":\"B0OTHER\",\"text\":\"stöd\",\"ts\":\"1.1\"}";
        assertThat(slack.event("EvBot", fromBot).statusCode()).isEqualTo(200);
        Thread.sleep(500);
        assertThat(postsTo("DUDIST3")).isEmpty();
    }

    @Test
    void anAnswerSlackCouldNotPostJustThenIsPostedOnceWhenItCan() throws Exception {
        // Slack's passing refusals: "temporarily unavailable", "the request timed out" — not a refusal of the post
        SLACK.refuseNext("chat.postMessage", "service_unavailable", 1);
        SLACK.refuseNext("chat.postMessage", "request_timeout", 1);
        slack.dm("EvPassing1", "UPASS1", "stöd");
        awaitReply("DUPASS1", 1, "Vilken förvaltning");
        Thread.sleep(300);
        assertThat(postsTo("DUPASS1")).hasSize(1);
    }

    @Test
    void anotherIntegrationsPostWithoutAUserIsAcknowledgedAndIgnored() throws Exception {
        // as Slack sends another app's post (a build server's) in a channel the bot is in: no user, a bot_id
        String integration = "{\"type\":\"message\",\"subtype\":\"bot_message\",\"text\":\"Deploy done\",\"ts\":\"1.2\","
                + "\"username\":\"Jenkins\",\"bot_id\":\"B0JENK\",\"channel\":\"" + STAFF_CHANNEL + "\",\"event_ts\":\"1.2\","
                + "\"channel_type\":\"channel\"}";
        double deadLettersBefore = meters.counter("foubot.dead.letters", "kind", "slack-event").count();
        assertThat(slack.event("EvJenkins", integration).statusCode()).isEqualTo(200);
        String profileOnly = "{\"type\":\"message\",\"text\":\"Nattens körning klar\",\"ts\":\"1.3\",\"bot_id\":\"B0JENK\","
                + "\"bot_profile\":{\"id\":\"B0JENK\",\"name\":\"Jenkins\"},\"channel\":\"" + STAFF_CHANNEL + "\",\"channel_type\":\"channel\"}";
        assertThat(slack.event("EvJenkins2", profileOnly).statusCode()).isEqualTo(200);
        Thread.sleep(500);
        assertThat(SLACK.calls("chat.postMessage", c -> true)).noneSatisfy(c -> assertThat(c.param("text")).isEqualTo("Deploy done"));
        assertThat(meters.counter("foubot.dead.letters", "kind", "slack-event").count()).isEqualTo(deadLettersBefore);
    }

    @Test
    void aRequestAnsweredByButtonsAndTextBecomesATaskInTheStaffChannel() throws Exception {
        String user = "UDIST4";
        String dm = "D" + user;
        slack.dm("EvI1", user, "stöd");
        awaitReply(dm, 1, "Vilken förvaltning");
        clickLast(user, dm, "Hägersten-Älvsjö");
        awaitReply(dm, 2, "Vilken roll");
        clickLast(user, dm, "Verksamhetsutvecklare");
        awaitReply(dm, 3, "Beskriv kort");
        slack.dm("EvI2", user, "Vi vill ta fram en uppföljningsmall för vårt nya arbetssätt.");
        awaitReply(dm, 4, "Hör förfrågan till");
        clickLast(user, dm, "Nej");
        awaitReply(dm, 5, "Vilken typ av stöd");
        slack.dm("EvI3", user, "vet inte");
        awaitReply(dm, 6, "När behöver");
        slack.dm("EvI4", user, "hoppa över");
        awaitReply(dm, 7, "e-postadress");
        slack.dm("EvI5", user, "anna@stockholm.se");
        awaitReply(dm, 8, "Sammanfattning");
        clickLast(user, dm, "Ja, skicka");
        awaitReply(dm, 9, "registrerad med referensen FOU-");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(postsTo(STAFF_CHANNEL))
                .anySatisfy(c -> assertThat(c.param("blocks")).contains("Hägersten-Älvsjö").contains("Uppföljning")
                        .contains("task-claim").contains("@UDIST4")));
        SupportTask task = tasks.byRequester("slack", user).get(0);
        assertThat(task.category()).as("sorted from the text, the person did not know").isEqualTo("uppfoljning");
        assertThat(task.status()).isEqualTo(TaskStatus.NEW);

        slack.command(user, "status");
        awaitReply(user, 1, task.reference());
    }

    @Test
    void aButtonOfAQuestionThePersonHasLeftIsNotTakenAsTheAnswerToTheQuestionAskedNow() throws Exception {
        String user = "UDIST41";
        String dm = "D" + user;
        slack.dm("EvOld1", user, "stöd");
        awaitReply(dm, 1, "Vilken förvaltning");
        String districts = postsTo(dm).get(0).param("blocks");
        slack.clickPosted(user, dm, "1.1", districts, "Bromma");
        awaitReply(dm, 2, "Vilken roll");
        String roles = postsTo(dm).get(1).param("blocks");

        // the district's buttons, clicked while the role is asked: "Farsta" is no role, but "ja" or a number would be
        // taken as one; either way the person meant the earlier question
        slack.clickPosted(user, dm, "1.1", districts, "Farsta");
        awaitReply(dm, 3, "Den knappen hör till en tidigare fråga, så jag tog den inte som svar.");
        assertThat(lastTextTo(dm)).contains("Vilken roll");
        // the role's buttons from its first asking still answer it
        slack.clickPosted(user, dm, "1.2", roles, "Verksamhetsutvecklare");
        awaitReply(dm, 4, "Beskriv kort");
        slack.dm("EvOld2", user, "Vi vill ta fram en uppföljningsmall för vårt nya arbetssätt.");
        awaitReply(dm, 5, "Hör förfrågan till");
        String yesNo = postsTo(dm).get(4).param("blocks");
        slack.clickPosted(user, dm, "1.3", yesNo, "Nej");
        awaitReply(dm, 6, "Vilken typ av stöd");
        // the same "Nej" again (a double click): it was the answer, its reply is on the screen, and nothing more is said
        slack.clickPosted(user, dm, "1.3", yesNo, "Nej");
        awaitSlackWorkDone();
        assertThat(postsTo(dm)).hasSize(6);
        // "Ja" of the yes/no question, clicked at the next: it must not become an answer there
        slack.clickPosted(user, dm, "1.3", yesNo, "Ja");
        awaitReply(dm, 7, "tidigare fråga");
        slack.dm("EvOld3", user, "uppföljning");
        awaitReply(dm, 8, "När behöver");
        slack.dm("EvOld4", user, "ingen brådska");
        awaitReply(dm, 9, "e-postadress");
        slack.dm("EvOld5", user, "anna@stockholm.se");
        awaitReply(dm, 10, "Sammanfattning");
        assertThat(lastTextTo(dm)).contains("Roll: Verksamhetsutvecklare").contains("Förvaltning: Bromma")
                .contains("Del av utvecklingsarbete: nej");
        String summary = postsTo(dm).get(9).param("blocks");
        slack.clickPosted(user, dm, "1.4", summary, "Ja, skicka");
        awaitReply(dm, 11, "registrerad med referensen FOU-");
        // "Ja, skicka" again (a double click): the reference is on the screen, and nothing more is said
        slack.clickPosted(user, dm, "1.4", summary, "Ja, skicka");
        awaitSlackWorkDone();
        assertThat(postsTo(dm)).hasSize(11);

        // the summary's other button once the request is sent: nothing is sent or cancelled
        slack.clickPosted(user, dm, "1.4", summary, "Avbryt");
        awaitReply(dm, 12, "Den knappen hör till ett samtal som redan är avslutat, så den ändrar ingenting.");
        // a role's button, whose value reads as words too ("verksamhetsutvecklare"), is not a question to the knowledge base
        slack.clickPosted(user, dm, "1.2", roles, "Verksamhetsutvecklare");
        awaitReply(dm, 13, "Den knappen hör till ett samtal som redan är avslutat");
        assertThat(tasks.byRequester("slack", user)).hasSize(1);

        // a button whose block names no question (posted before buttons named theirs) answers no question asked now
        slack.dm("EvOld6", user, "stöd");
        awaitReply(dm, 14, "Vilken förvaltning");
        slack.click(user, dm, "1.1", "answer-0", "bromma", false);
        awaitReply(dm, 15, "Den knappen hör till en tidigare fråga");
        assertThat(lastTextTo(dm)).contains("Vilken förvaltning");
        // and outside a conversation it is not read as words either
        slack.dm("EvOld7", user, "avbryt");
        awaitReply(dm, 16, "avbrutit");
        slack.click(user, dm, "1.1", "answer-3", "chef", false);
        awaitReply(dm, 17, "Den knappen hör till ett samtal som redan är avslutat");
        assertThat(lastTextTo(dm)).doesNotContain("Fråga en FoU-utredare");
    }

    @Test
    void aGuessesJaAndNejAnswerOnlyTheGuessWhileTheStepsListStillAnswersTheStep() throws Exception {
        String user = "UDIST45";
        String dm = "D" + user;
        sayInTurn(user, "EvGuess", "stöd", "bromma", "controller", "Vi vill ta fram en uppföljningsmall för vårt nya arbetssätt.", "nej");
        awaitReply(dm, 5, "Vilken typ av stöd");
        String categories = postsTo(dm).get(4).param("blocks");
        slack.dm("EvGuess5", user, "enkät");
        awaitReply(dm, 6, "Jag tolkar det som");
        String guess = postsTo(dm).get(5).param("blocks");
        slack.clickPosted(user, dm, "1.6", guess, "Nej");
        awaitReply(dm, 7, "Vilken typ av stöd");
        // "Nej" again (a double click) says nothing; the guess's "Ja", once it was answered, is an earlier question's
        slack.clickPosted(user, dm, "1.6", guess, "Nej");
        awaitSlackWorkDone();
        assertThat(postsTo(dm)).hasSize(7);
        slack.clickPosted(user, dm, "1.6", guess, "Ja");
        awaitReply(dm, 8, "Den knappen hör till en tidigare fråga");
        // while a newer guess waits, the earlier guess's "Ja" is refused and the waiting guess asked again
        slack.dm("EvGuess6", user, "Vi vill utvärdera om vår nya metod i hemtjänsten fungerar bättre än den gamla");
        awaitReply(dm, 9, "Jag tolkar det som");
        slack.clickPosted(user, dm, "1.6", guess, "Ja");
        awaitReply(dm, 10, "Den knappen hör till en tidigare fråga");
        assertThat(lastTextTo(dm)).contains("Jag tolkar det som");
        // the step's own list, posted before the guesses, answers the step
        slack.clickPosted(user, dm, "1.5", categories, "Analys och användning av resultat");
        awaitReply(dm, 11, "När behöver");
    }

    @Test
    void aConfirmationAndACancelSentAtTheSameMomentNeverSendTheRequestWhileSayingItWasCancelled() throws Exception {
        for (int round = 0; round < 4; round++) {
            String user = "URACE" + round;
            String dm = "D" + user;
            sayInTurn(user, "EvRace" + round + "-", "stöd", "bromma", "controller", "Vi vill ha hjälp att analysera vår brukarenkät.",
                    "nej", "analys", "hoppa över", "race@stockholm.se");
            awaitReply(dm, 8, "Sammanfattning");
            String summary = postsTo(dm).get(7).param("blocks");
            int round0 = round;
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            var send = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    together.await();
                    slack.clickPosted(user, dm, "1.9", summary, "Ja, skicka");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, OwnThreads.EACH);
            var cancel = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    together.await();
                    slack.dm("EvRaceCancel" + round0, user, "avbryt");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, OwnThreads.EACH);
            send.get();
            cancel.get();
            awaitSlackWorkDone();
            // one of the two shows (the answer may still be on its way to Slack when the work is recorded done)
            await("round " + round + ": neither sent nor cancelled").atMost(Duration.ofSeconds(10)).until(() ->
                    !tasks.byRequester("slack", user).isEmpty() || postsTo(dm).stream().anyMatch(c -> c.param("text").contains("Inget skickades")));
            Thread.sleep(300);
            boolean sent = !tasks.byRequester("slack", user).isEmpty();
            boolean toldCancelled = postsTo(dm).stream().anyMatch(c -> c.param("text").contains("Inget skickades"));
            assertThat(sent && toldCancelled).as("round %d: a request sent, and the person told it was cancelled", round).isFalse();
        }
    }

    @Test
    void aSummaryWhoseLongAnswerPassesOneBlocksLimitShowsEveryLineInBlocksSlackTakes() throws Exception {
        String user = "UDIST42";
        String dm = "D" + user;
        slack.dm("EvLong1", user, "stöd");
        awaitReply(dm, 1, "Vilken förvaltning");
        slack.dm("EvLong2", user, "bromma");
        awaitReply(dm, 2, "Vilken roll");
        slack.dm("EvLong3", user, "controller");
        awaitReply(dm, 3, "Beskriv kort");
        // 1,920 characters typed, 4,080 once escaped for Slack: more than one section block takes (3,000)
        slack.dm("EvLong4", user, "R&amp;D &lt;b&gt; ".repeat(240).strip());
        awaitReply(dm, 4, "Hör förfrågan till");
        slack.dm("EvLong5", user, "nej");
        awaitReply(dm, 5, "Vilken typ av stöd");
        slack.dm("EvLong6", user, "analys");
        awaitReply(dm, 6, "När behöver");
        slack.dm("EvLong7", user, "hoppa över");
        awaitReply(dm, 7, "e-postadress");
        slack.dm("EvLong8", user, "anna@stockholm.se");
        awaitReply(dm, 8, "Sammanfattning");

        tools.jackson.databind.JsonNode blocks = new tools.jackson.databind.ObjectMapper().readTree(postsTo(dm).get(7).param("blocks"));
        StringBuilder shown = new StringBuilder();
        for (tools.jackson.databind.JsonNode block : blocks) {
            String text = block.path("text").path("text").asString("");
            assertThat(text.length()).as("a section's text, as Slack counts it").isLessThanOrEqualTo(3000);
            assertThat(text.replaceAll("&(amp|lt|gt);", "")).as("no entity cut in two").doesNotContain("&");
            shown.append(text).append('\n');
        }
        assertThat(shown.toString()).contains("6. Behövs senast: –").contains("7. E-post: anna@stockholm.se")
                .contains("Stämmer det?").as("the typed text whole, as typed").contains("R&amp;D &lt;b&gt; R&amp;D");
        assertThat(shown.toString().split("R&amp;D", -1)).hasSize(241);
    }

    private SupportTask newTask(String requester, String concern) {
        SupportTask task = tasks.create("src-" + requester + "-" + System.nanoTime(),
                new Requester("slack", requester, Map.of(se.foubot.channels.slack.SlackText.ADDRESS_CHANNEL, "D" + requester)),
                new SupportRequest("bromma", "chef", concern, null, "analys", null, requester.toLowerCase() + "@stockholm.se", "sv"),
                List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> tasks.find(task.reference()).orElseThrow().staffPost() != null);
        return tasks.find(task.reference()).orElseThrow();
    }

    /** A new task of {@code requester}'s, claimed by {@code analyst}, the requester told so. */
    private SupportTask claimedTask(String requester, String analyst, String concern) throws Exception {
        SupportTask task = newTask(requester, concern);
        slack.click(analyst, STAFF_CHANNEL, task.staffPost().ts(), "task-claim", task.reference(), false);
        awaitReply("D" + requester, 1, "har tagits av");
        return task;
    }

    @Test
    void ofTwentyAnalystsClickingClaimAtOnceExactlyOneGetsTheTask() throws Exception {
        SupportTask task = newTask("UDIST5", "Hjälp att analysera resultaten av brukarenkäten.");
        String ts = task.staffPost().ts();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> clicks = new ArrayList<>();
        for (String analyst : ANALYSTS) {
            clicks.add(pool.submit(() -> {
                gate.await();
                return slack.click(analyst, STAFF_CHANNEL, ts, "task-claim", task.reference(), false);
            }));
        }
        gate.countDown();
        for (Future<HttpResponse<String>> click : clicks) {
            assertThat(click.get().statusCode()).isEqualTo(200);
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                SLACK.calls("chat.postEphemeral", c -> c.param("text").contains(task.reference() + " är redan taget av")))
                .hasSize(19));
        SupportTask claimed = tasks.find(task.reference()).orElseThrow();
        assertThat(claimed.assignee()).isIn(ANALYSTS);
        assertThat(claimed.status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(claimed.history()).filteredOn(e -> e.kind().equals("claimed")).hasSize(1);
        awaitReply("DUDIST5", 1, "har tagits av <@" + claimed.assignee() + ">");
        assertThat(meters.timer("foubot.tasks.time.to.claim").count()).isPositive();
        assertThat(meters.counter("foubot.requests", "channel", "slack").count()).isPositive();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.calls("chat.update",
                c -> c.param("ts").equals(ts) && c.param("blocks").contains("task-release"))).isNotEmpty());
        // the thread line goes out after the card's update (its own piece of work): waited for, then counted once
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.calls("chat.postMessage",
                c -> ts.equals(c.param("thread_ts")) && c.param("text").contains("tog uppdraget"))).isNotEmpty());
        Thread.sleep(300);
        assertThat(SLACK.calls("chat.postMessage", c -> ts.equals(c.param("thread_ts")) && c.param("text").contains("tog uppdraget")))
                .hasSize(1);

        // the winner clicks again: told it is already theirs, not that it is taken by themselves
        slack.click(claimed.assignee(), STAFF_CHANNEL, ts, "task-claim", task.reference(), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.calls("chat.postEphemeral",
                c -> c.param("user").equals(claimed.assignee()) && c.param("text").contains("Du har redan tagit det här ärendet")))
                .hasSize(1));
        assertThat(SLACK.calls("chat.postEphemeral", c -> c.param("text").contains("redan taget av <@" + claimed.assignee() + ">")
                && c.param("user").equals(claimed.assignee()))).isEmpty();
    }

    @Test
    void aClaimWhileSlackIsAwayReachesTheThreadAndTheRequesterOnceSlackIsBack() throws Exception {
        SupportTask task = newTask("UDIST48", "Hjälp att följa upp hemtjänstens nya rutin.");
        String ts = task.staffPost().ts();
        // Slack answers 500 to every try of the card's update and of the requester's notice (five tries each)
        SLACK.failNext("chat.update", 500, 5);
        SLACK.failNext("chat.postMessage", 500, 5);
        try {
            assertThat(slack.click("UANALYST15", STAFF_CHANNEL, ts, "task-claim", task.reference(), false).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> "UANALYST15".equals(tasks.find(task.reference()).orElseThrow().assignee()));
            await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.calls("chat.update", c -> ts.equals(c.param("ts"))).size() > 0
                    || !SLACK.calls("chat.postMessage", c -> ts.equals(c.param("thread_ts"))).isEmpty());
        } finally {
            SLACK.clearFailures();
        }
        // the repost writes the line Slack did not take, once
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                SLACK.calls("chat.postMessage", c -> ts.equals(c.param("thread_ts")) && c.param("text").contains("tog uppdraget"))).hasSize(1));
        // the requester's notice waits in the Slack outbox for its next attempt (half a minute later), then goes out once
        clock.advance(Duration.ofMinutes(1));
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(postsTo("DUDIST48")).singleElement()
                    .satisfies(c -> assertThat(c.param("text")).contains("har tagits av <@UANALYST15>")));
            Thread.sleep(1500);
            assertThat(SLACK.calls("chat.postMessage", c -> ts.equals(c.param("thread_ts")) && c.param("text").contains("tog uppdraget")))
                    .hasSize(1);
            assertThat(postsTo("DUDIST48")).hasSize(1);
        } finally {
            clock.set(TestClockConfiguration.START);
        }
    }

    /** Helper 111: the card deleted in Slack; the update refused ("message_not_found") held up every card after it. */
    @Test
    void aCardDeletedInSlackIsPostedAgainWhenItsTaskChanges() throws Exception {
        SupportTask task = newTask("UDIST94", "Stöd att planera en utvärdering.");
        String deleted = task.staffPost().ts();
        SLACK.refuseNext("chat.update", "message_not_found", 1);
        slack.click("UANALYST16", STAFF_CHANNEL, deleted, "task-claim", task.reference(), false);
        awaitReply("DUDIST94", 1, "har tagits av");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(tasks.find(task.reference()).orElseThrow().staffPost().ts()).isNotEqualTo(deleted);
            assertThat(SLACK.calls("chat.postMessage", c -> STAFF_CHANNEL.equals(c.param("channel")) && c.param("metadata") != null
                    && c.param("metadata").contains("staff-card:" + task.reference()))).as("the card, and the one in its place")
                    .hasSize(2).last().satisfies(c -> assertThat(c.param("text")).endsWith("– Tagen"));
        });
    }

    @Test
    void someoneWhoIsNotStaffCannotClaimAndNothingChanges() throws Exception {
        SupportTask task = newTask("UDIST6", "Stöd med implementering av en ny metod.");
        slack.click("UOUTSIDER", STAFF_CHANNEL, task.staffPost().ts(), "task-claim", task.reference(), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.calls("chat.postEphemeral",
                c -> c.param("user").equals("UOUTSIDER") && c.param("text").contains("Bara FoU-utredare"))).hasSize(1));
        assertThat(tasks.find(task.reference()).orElseThrow().status()).isEqualTo(TaskStatus.NEW);
    }

    @Test
    void statusChangesUpdateTheMessageAndReachTheRequester() throws Exception {
        SupportTask task = newTask("UDIST7", "Vi behöver en utvärderingsplan.");
        String ts = task.staffPost().ts();
        slack.click("UANALYST3", STAFF_CHANNEL, ts, "task-claim", task.reference(), false);
        awaitReply("DUDIST7", 1, "har tagits av <@UANALYST3>");
        slack.click("UANALYST3", STAFF_CHANNEL, ts, "task-status", task.reference() + "|WAITING", true);
        awaitReply("DUDIST7", 2, "Väntar på förvaltningen");
        slack.click("UANALYST3", STAFF_CHANNEL, ts, "task-category", task.reference() + "|utvardering", true);
        slack.click("UANALYST3", STAFF_CHANNEL, ts, "task-status", task.reference() + "|DONE", true);
        awaitReply("DUDIST7", 3, "är klar");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            SupportTask done = tasks.find(task.reference()).orElseThrow();
            assertThat(done.status()).isEqualTo(TaskStatus.DONE);
            assertThat(done.closedAt()).isNotNull();
            assertThat(done.category()).isEqualTo("utvardering");
            assertThat(SLACK.calls("chat.update", c -> c.param("ts").equals(ts) && c.param("blocks").contains("Klar")))
                    .isNotEmpty();
        });
    }

    @Test
    void aChoiceTheCardDoesNotOfferIsRefusedAtOnceWithoutEchoingItChangingTheTaskOrParkingADeadLetter() throws Exception {
        var mongo = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
        long deadLetters = mongo.getCollection("dead_letters").countDocuments();
        SupportTask task = newTask("UDIST22", "Vi vill ha hjälp med en enkät.");
        String ts = task.staffPost().ts();
        String ref = task.reference();
        slack.click("UANALYST7", STAFF_CHANNEL, ts, "task-claim", ref, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> "UANALYST7".equals(tasks.find(ref).orElseThrow().assignee()));
        // only someone holding the signing secret can send these: the card offers none of them
        List<String[]> forged = List.of(new String[] {"task-category", ref + "|junk"}, new String[] {"task-status", ref + "|BOGUS"},
                new String[] {"task-status", ref}, new String[] {"task-status", ref + "|NEW"}, new String[] {"task-status", ref + "|CLAIMED"},
                new String[] {"task-status", "<!channel> ZQXECHO|DONE"}, new String[] {"task-claim", "<!channel> ZQXECHO"},
                new String[] {"task-release", "ZQXECHO".repeat(5000)});
        for (String[] click : forged) {
            slack.click("UANALYST7", STAFF_CHANNEL, ts, click[0], click[1], click[0].equals("task-status") || click[0].equals("task-category"));
        }
        // a button with no value at all
        assertThat(slack.interactive("{\"type\":\"block_actions\",\"team\":{\"id\":\"T0FOU\"},\"user\":{\"id\":\"UANALYST7\"},"
                + "\"api_app_id\":\"A0FOU\",\"token\":\"x\",\"trigger_id\":\"t\",\"container\":{\"type\":\"message\",\"message_ts\":\""
                + ts + "\",\"channel_id\":\"" + STAFF_CHANNEL + "\"},\"actions\":[{\"type\":\"button\",\"action_id\":\"task-claim\","
                + "\"block_id\":\"b\",\"action_ts\":\"1.2\"}]}").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.calls("chat.postEphemeral",
                c -> c.param("user").equals("UANALYST7") && c.param("text").contains("Det valet finns inte på uppdragskortet")))
                .hasSize(forged.size() + 1));
        assertThat(SLACK.calls("chat.postEphemeral", c -> c.param("text").contains("ZQXECHO"))).as("nothing repeated back").isEmpty();
        SupportTask after = tasks.find(ref).orElseThrow();
        assertThat(after.status()).isEqualTo(TaskStatus.CLAIMED);
        assertThat(after.category()).isEqualTo(task.category());
        assertThat(mongo.getCollection("dead_letters").countDocuments()).as("nothing parked").isEqualTo(deadLetters);

        // a reference of the right form that is no task's
        slack.click("UANALYST7", STAFF_CHANNEL, ts, "task-status", "FOU-2026-9999|DONE", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postEphemeral",
                c -> c.param("user").equals("UANALYST7") && c.param("text").contains("Uppdraget FOU-2026-9999 finns inte")).isEmpty());

        // the status it has already, chosen again: the requester is told once, and the analyst why nothing changed
        slack.click("UANALYST7", STAFF_CHANNEL, ts, "task-status", ref + "|DONE", true);
        awaitReply("DUDIST22", 2, "är klar");
        java.time.Instant closedAt = tasks.find(ref).orElseThrow().closedAt();
        slack.click("UANALYST7", STAFF_CHANNEL, ts, "task-status", ref + "|DONE", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postEphemeral",
                c -> c.param("user").equals("UANALYST7") && c.param("text").contains(ref + " har redan status: Klar")).isEmpty());
        assertThat(postsTo("DUDIST22")).as("told once that it is done").hasSize(2);
        assertThat(tasks.find(ref).orElseThrow().closedAt()).isEqualTo(closedAt);
    }

    @Test
    void anAnalystsQuestionReachesTheRequesterAndTheAnswerComesBackToTheThread() throws Exception {
        SupportTask task = newTask("UDIST8", "Hjälp med förändringsteorin i vår LUM-ansökan.");
        String ts = task.staffPost().ts();
        slack.click("UANALYST4", STAFF_CHANNEL, ts, "task-claim", task.reference(), false);
        slack.click("UANALYST4", STAFF_CHANNEL, ts, "task-ask", task.reference(), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("views.open").isEmpty());
        String submission = "{\"type\":\"view_submission\",\"team\":{\"id\":\"T0FOU\"},\"user\":{\"id\":\"UANALYST4\"},"
                + "\"api_app_id\":\"A0FOU\",\"token\":\"x\",\"trigger_id\":\"t\",\"view\":{\"id\":\"V1\",\"type\":\"modal\","
                + "\"callback_id\":\"ask-requester\",\"private_metadata\":\"" + task.reference() + "\",\"state\":{\"values\":"
                + "{\"question\":{\"text\":{\"type\":\"plain_text_input\",\"value\":\"Hur många deltagare har projektet?\"}}}}}}";
        assertThat(slack.interactive(submission).statusCode()).isEqualTo(200);
        awaitReply("DUDIST8", 2, "Hur många deltagare har projektet?");
        // the same submission again (a replay, or a proxy that retried it): the modal was sent once, so it asks nothing
        assertThat(slack.interactive(submission).statusCode()).isEqualTo(200);
        // and under another analyst's id (a forged copy): the modal was one, so it asks nothing either
        assertThat(slack.interactive(submission.replace("\"user\":{\"id\":\"UANALYST4\"}", "\"user\":{\"id\":\"UANALYST5\"}"))
                .statusCode()).isEqualTo(200);
        // as Slack's client sends "Ungefär 40 deltagare & ledare. @channel": its & escaped, the broadcast as markup
        slack.dm("EvAnswer1", "UDIST8", "Ungefär 40 deltagare &amp; ledare. <!channel>");
        awaitReply("DUDIST8", 3, "Ditt svar är skickat");
        // shown as written: the requester's words notify nobody in the staff channel, and the & is escaped once, not twice
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.calls("chat.postMessage",
                c -> ts.equals(c.param("thread_ts")) && c.param("text").equals("Beställaren svarade: Ungefär 40 deltagare &amp; ledare. @channel")))
                .hasSize(1));
        assertThat(postsTo("DUDIST8")).filteredOn(c -> c.param("text").contains("Hur många deltagare")).as("asked once").hasSize(1);
        assertThat(SLACK.calls("chat.postMessage", c -> ts.equals(c.param("thread_ts"))
                && c.param("text").contains("frågade beställaren"))).as("one line in the thread").hasSize(1);

        // a question of only spaces, or longer than the field allows (Slack's client holds that limit, a forged one need not)
        for (String question : new String[] {"   ", "\u00a0\u00a0", "\u200b", " \u2003\t\u00a0", "x".repeat(2001)}) {
            var refused = slack.interactive(submission.replace("\"id\":\"V1\"", "\"id\":\"V4\"")
                    .replace("Hur många deltagare har projektet?", question));
            assertThat(refused.body()).contains("\"response_action\":\"errors\"")
                    .contains(question.length() > 2000 ? "Frågan får vara högst 2\u00a0000 tecken." : "Skriv en fråga.");
        }

        // a modal for a task that is not there closes as if sent: the analyst is told in their DM that it was not
        String nowhere = submission.replace("\"id\":\"V1\"", "\"id\":\"V2\"").replace(task.reference(), "FOU-2026-9998");
        assertThat(slack.interactive(nowhere).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage", c -> c.param("channel").equals("UANALYST4")
                && c.param("text").contains("Frågan skickades inte: uppdraget FOU-2026-9998 finns inte.")).isEmpty());

        // the card offers the question once someone has taken the task; a forged one before that asks nobody
        SupportTask untaken = newTask("UDIST32", "Hjälp att läsa en rapport.");
        String early = submission.replace("\"id\":\"V1\"", "\"id\":\"V5\"").replace(task.reference(), untaken.reference());
        assertThat(slack.interactive(early).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage", c -> c.param("channel").equals("UANALYST4")
                && c.param("text").equals("Frågan skickades inte: " + untaken.reference() + " är inte taget av någon. Ta uppdraget först."))
                .isEmpty());
        // and someone who is not an analyst is told so, in their DM, instead of nothing
        String outsider = submission.replace("\"id\":\"V1\"", "\"id\":\"V6\"").replace("UANALYST4", "UDIST33");
        assertThat(slack.interactive(outsider).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage", c -> c.param("channel").equals("UDIST33")
                && c.param("text").equals("Bara FoU-utredare kan ta och ändra uppdrag.")).isEmpty());
        assertThat(postsTo("DUDIST32")).as("asked nothing").isEmpty();
        assertThat(tasks.find(untaken.reference()).orElseThrow().history()).extracting(e -> e.kind()).doesNotContain("question");
        assertThat(postsTo("DUDIST8")).filteredOn(c -> c.param("text").contains("Hur många deltagare")).as("still asked once").hasSize(1);
    }

    @Test
    void aRequesterWhoSwitchedToEnglishAfterTheirRequestIsToldInEnglishWhenItIsTaken() throws Exception {
        SupportTask task = newTask("UDIST34", "Stöd med en enkät.");
        slack.dm("EvEnglish1", "UDIST34", "english");
        awaitReply("DUDIST34", 1, "let's talk in English");
        slack.click("UANALYST10", STAFF_CHANNEL, task.staffPost().ts(), "task-claim", task.reference(), false);
        awaitReply("DUDIST34", 2, "Your request " + task.reference() + " has been taken by");
    }

    @Test
    void aRequesterInTheMiddleOfANewRequestAnswersAnAnalystsQuestionAndThenGoesOnWhereTheyWere() throws Exception {
        SupportTask task = newTask("UDIST31", "Stöd att tolka enkätsvaren från hemtjänsten.");
        String ts = task.staffPost().ts();
        String dm = "DUDIST31";
        slack.dm("EvAside1", "UDIST31", "stöd");
        awaitReply(dm, 1, "Vilken förvaltning");
        clickLast("UDIST31", dm, "Hägersten-Älvsjö");
        awaitReply(dm, 2, "Vilken roll");

        slack.click("UANALYST9", STAFF_CHANNEL, ts, "task-claim", task.reference(), false);
        awaitReply(dm, 3, "har tagits av <@UANALYST9>");
        String submission = "{\"type\":\"view_submission\",\"team\":{\"id\":\"T0FOU\"},\"user\":{\"id\":\"UANALYST9\"},"
                + "\"api_app_id\":\"A0FOU\",\"token\":\"x\",\"trigger_id\":\"t\",\"view\":{\"id\":\"VASIDE1\",\"type\":\"modal\","
                + "\"callback_id\":\"ask-requester\",\"private_metadata\":\"" + task.reference() + "\",\"state\":{\"values\":"
                + "{\"question\":{\"text\":{\"type\":\"plain_text_input\",\"value\":\"Gäller det alla tre enheterna?\"}}}}}}";
        assertThat(slack.interactive(submission).statusCode()).isEqualTo(200);
        awaitReply(dm, 4, "Gäller det alla tre enheterna?");
        assertThat(lastTextTo(dm)).startsWith("(Din påbörjade konversation – Stödförfrågan till FoU – väntar så länge.")
                .doesNotContain("avbröts");

        slack.dm("EvAside2", "UDIST31", "Ja, alla tre.");
        awaitReply(dm, 5, "Vilken roll");
        assertThat(lastTextTo(dm)).startsWith("Tack! Ditt svar är skickat till FoU-utredaren")
                .contains("Nu fortsätter vi där du slutade – Stödförfrågan till FoU.");
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage",
                c -> ts.equals(c.param("thread_ts")) && c.param("text").equals("Beställaren svarade: Ja, alla tre.")).isEmpty());

        // the intake goes on with what was answered before the question
        clickLast("UDIST31", dm, "Verksamhetsutvecklare");
        awaitReply(dm, 6, "Beskriv kort");

        // a question the requester cancels: the intake goes on, and the thread hears there will be no answer
        String marked = "Budget <@UEVIL1> <!channel> & <https://e.example|x>?";
        assertThat(slack.interactive(submission.replace("VASIDE1", "VASIDE2").replace("Gäller det alla tre enheterna?",
                marked.replace("\"", "\\\""))).statusCode()).isEqualTo(200);
        // the analyst's words reach the requester as written, in the message and in its notification text alike (a
        // "<@U…>" typed in the modal mentions nobody); the bot's own mention of the analyst stays a mention
        awaitReply(dm, 7, "Budget &lt;@UEVIL1&gt; &lt;!channel&gt; &amp; &lt;https://e.example|x&gt;?");
        assertThat(lastTextTo(dm)).contains("<@UANALYST9> på FoU har en fråga");
        // the blocks as JSON, whose encoder writes <, > and & as \\u escapes
        assertThat(postsTo(dm).get(postsTo(dm).size() - 1).param("blocks").replace("\\u003c", "<").replace("\\u003e", ">")
                .replace("\\u0026", "&")).contains("&lt;@UEVIL1&gt; &lt;!channel&gt; &amp; &lt;https://e.example|x&gt;").contains("<@UANALYST9> på FoU")
                .doesNotContain("<@UEVIL1>");
        slack.dm("EvAside3", "UDIST31", "avbryt");
        awaitReply(dm, 8, "Beskriv kort");
        assertThat(lastTextTo(dm)).startsWith("Okej, jag har avbrutit frågan från FoU. Inget svar skickades.");
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage",
                c -> ts.equals(c.param("thread_ts")) && c.param("text").equals("Beställaren avbröt frågan ”Budget &lt;@UEVIL1&gt; &lt;!channel&gt; &amp; &lt;https://e.example|x&gt;?” utan att svara.")).isEmpty());
    }

    /**
     * A claimed task's analyst asks its requester {@code question}, and then the requester's conversation is changed by
     * hand ({@code set}). @return the task's staff card, whose thread hears what becomes of the question
     */
    private String askedThenChangedByHand(String requester, String analyst, String concern, String question,
            org.bson.Document set) throws Exception {
        SupportTask task = claimedTask(requester, analyst, concern);
        assertThat(slack.interactive(SlackRequests.viewSubmission(analyst, "ask-requester", task.reference(),
                Map.of("question/text", "{\"type\":\"plain_text_input\",\"value\":" + SlackRequests.json(question) + "}")))
                .statusCode()).isEqualTo(200);
        awaitReply("D" + requester, 2, question);
        bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class).getCollection("conversations").updateOne(
                new org.bson.Document("_id", "slack:" + requester), new org.bson.Document("$set", set));
        return task.staffPost().ts();
    }

    private static void awaitThreadLine(String ts, String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage", c -> ts.equals(c.param("thread_ts"))
                && c.param("text").equals(text)).isEmpty());
    }

    @Test
    void aQuestionWhoseConversationCannotBeReadAnyMoreIsSaidToBeUnansweredInTheThread() throws Exception {
        // an operator's hand in the database: the question's conversation no longer reads
        String ts = askedThenChangedByHand("UDIST93", "UANALYST16", "Stöd att sammanställa en enkät.", "Hur många svarade?",
                new org.bson.Document("answers", 7));

        slack.dm("EvBroken1", "UDIST93", "Ett tjugotal.");
        awaitReply("DUDIST93", 3, "Jag kunde inte läsa vår tidigare konversation");
        awaitThreadLine(ts, "Frågan ”Hur många svarade?” blev obesvarad: beställarens konversation kunde inte läsas och började om.");
    }

    @Test
    void aQuestionWhoseFlowIsGoneIsSaidToBeUnansweredInTheThread() throws Exception {
        // a new version that renamed the question's flow file (here: the name changed by hand)
        String ts = askedThenChangedByHand("UDIST95", "UANALYST17", "Stöd att följa upp en ny rutin.", "Hur många berörs?",
                new org.bson.Document("flowId", "task-question-old"));

        slack.dm("EvGone1", "UDIST95", "Ungefär 40 personer.");
        awaitReply("DUDIST95", 3, "Frågorna i det vi höll på med finns inte längre");
        // helper 112: the analyst was never told
        awaitThreadLine(ts, "Frågan ”Hur många berörs?” blev obesvarad: botens frågor hade ändrats, så beställarens konversation "
                + "avslutades utan svar.");

        // helper 114: renamed to a flow that exists (the intake), the answer began a new intake and the analyst waited
        String other = askedThenChangedByHand("UDIST96", "UANALYST18", "Stöd att följa upp en ny rutin.", "Hur många deltar?",
                new org.bson.Document("flowId", "intake"));
        slack.dm("EvGone2", "UDIST96", "Ungefär 12.");
        awaitReply("DUDIST96", 3, "Frågorna i det vi höll på med finns inte längre");
        assertThat(lastTextTo("DUDIST96")).doesNotContain("förvaltning");
        awaitThreadLine(other, "Frågan ”Hur många deltar?” blev obesvarad: botens frågor hade ändrats, så beställarens konversation "
                + "avslutades utan svar.");
    }

    @Test
    void aQuestionReplacedByANewerOneIsSaidToBeUnansweredInTheThreadBeforeTheNewerIsSaidToBeAsked() throws Exception {
        SupportTask task = claimedTask("UDIST43", "UANALYST11", "Stöd att följa upp ett nytt arbetssätt.");
        String ts = task.staffPost().ts();
        for (String[] question : new String[][] {{"VREPL1", "Hur många enheter?"}, {"VREPL2", "Vilken månad börjar ni?"}}) {
            assertThat(slack.interactive(SlackRequests.viewSubmission("UANALYST11", "ask-requester", task.reference(),
                    Map.of("question/text", "{\"type\":\"plain_text_input\",\"value\":" + SlackRequests.json(question[1]) + "}")))
                    .statusCode()).isEqualTo(200);
            awaitReply("DUDIST43", question[0].equals("VREPL1") ? 2 : 3, question[1]);
        }
        // a knowledge topic's button while the question is open: answered, and the question is the analyst's, not the bot's
        slack.click("UDIST43", "DUDIST43", "1.1", "answer-0", "kunskap:ansokans-innehall", false);
        awaitReply("DUDIST43", 4, "Frågan från FoU väntar fortfarande på ditt svar: skriv det när du vill, eller skriv ”avbryt”.");
        assertThat(lastTextTo("DUDIST43")).doesNotContain("min senaste fråga");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> thread = SLACK.calls("chat.postMessage", c -> ts.equals(c.param("thread_ts"))).stream()
                    .map(c -> c.param("text")).filter(t -> t.contains("Hur många enheter?") || t.contains("Vilken månad")).toList();
            assertThat(thread).containsExactly("<@UANALYST11> frågade beställaren: Hur många enheter?",
                    "Frågan ”Hur många enheter?” blev obesvarad: en nyare fråga till beställaren ersatte den.",
                    "<@UANALYST11> frågade beställaren: Vilken månad börjar ni?");
        });
    }

    @Test
    void twoAnalystsAskingOneRequesterAtOnceNeverHaveAQuestionSaidUnansweredBeforeItIsSaidAsked() throws Exception {
        SupportTask task = claimedTask("UDIST44", "UANALYST12", "Stöd att tolka en enkät.");
        String ts = task.staffPost().ts();
        List<String> asked = new java.util.ArrayList<>();
        for (int round = 0; round < 3; round++) {
            List<java.util.concurrent.CompletableFuture<Integer>> both = new java.util.ArrayList<>();
            for (String analyst : List.of("UANALYST12", "UANALYST13")) {
                String question = "Fråga " + round + " från " + analyst + "?";
                asked.add(question);
                String body = SlackRequests.viewSubmission(analyst, "ask-requester", task.reference(),
                        Map.of("question/text", SlackRequests.input(question)));
                both.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return slack.interactive(body).statusCode();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, OwnThreads.EACH));
            }
            for (var sent : both) {
                assertThat(sent.get()).isEqualTo(200);
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> thread = SLACK.calls("chat.postMessage", c -> ts.equals(c.param("thread_ts"))).stream().map(c -> c.param("text"))
                    .toList();
            for (String question : asked) {
                int said = indexContaining(thread, "frågade beställaren: " + question);
                assertThat(said).as("asked: " + question).isNotNegative();
                int unanswered = indexContaining(thread, "Frågan ”" + question + "” blev obesvarad");
                assertThat(unanswered == -1 || unanswered > said).as("unanswered, if at all, after asked: " + question + " in " + thread)
                        .isTrue();
            }
            // each question but the last one to reach the requester was replaced by a newer one
            assertThat(thread.stream().filter(t -> t.contains("blev obesvarad: en nyare fråga")).count()).isEqualTo(asked.size() - 1L);
        });
    }

    private static int indexContaining(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void whenRetentionAnonymisesAClosedTaskItsStaffPostLosesTheTextAndTheBotsThreadRepliesAreDeleted() throws Exception {
        SupportTask task = newTask("UDIST12", "Stöd med uppföljningen av Familjecentralen Tensta.");
        String ts = task.staffPost().ts();
        slack.click("UANALYST6", STAFF_CHANNEL, ts, "task-claim", task.reference(), false);
        // the status list is on the card only once the claim has taken effect: two clicks at once may be worked in
        // either order, and a status set on a task nobody has taken is refused
        await().atMost(Duration.ofSeconds(20)).until(() -> "UANALYST6".equals(tasks.find(task.reference()).orElseThrow().assignee()));
        slack.click("UANALYST6", STAFF_CHANNEL, ts, "task-status", task.reference() + "|DONE", true);
        await().atMost(Duration.ofSeconds(20)).until(() -> SLACK.calls("chat.postMessage", c -> ts.equals(c.param("thread_ts"))).size() >= 2
                && tasks.find(task.reference()).orElseThrow().status() == TaskStatus.DONE);
        var mongo = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
        // each reply's ts is recorded just after Slack answers the post
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mongo.findById(task.reference(),
                org.bson.Document.class, "support_tasks").getList("staffReplies", String.class, List.of()))
                .hasSize(SLACK.calls("chat.postMessage", c -> ts.equals(c.param("thread_ts"))).size()));
        List<String> replies = mongo.findById(task.reference(), org.bson.Document.class, "support_tasks")
                .getList("staffReplies", String.class);
        assertThat(replies).hasSizeGreaterThanOrEqualTo(2).doesNotContain(ts);

        clock.set(TestClockConfiguration.START.plus(Duration.ofDays(800)));
        try {
            bot.getBean(se.foubot.privacy.RetentionJob.class).run();
        } finally {
            clock.set(TestClockConfiguration.START);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(SLACK.calls("chat.delete", c -> STAFF_CHANNEL.equals(c.param("channel"))).stream().map(c -> c.param("ts")))
                    .containsAll(replies).doesNotContain(ts);
            assertThat(mongo.findById(task.reference(), org.bson.Document.class, "support_tasks").getList("staffReplies", String.class))
                    .isEmpty();
            List<FakeSlackApi.Call> updates = SLACK.calls("chat.update", c -> ts.equals(c.param("ts")));
            // every menu would be refused, so the card offers none and says why (helper 115)
            assertThat(updates.get(updates.size() - 1).param("blocks")).doesNotContain("Familjecentralen").contains("gallrad")
                    .contains("kan inte ändras längre").doesNotContain("\"actions\"").doesNotContain("task-status")
                    .doesNotContain("task-category");
            // recorded just after Slack took the update
            assertThat(tasks.find(task.reference()).orElseThrow().staffPostStale()).isFalse();
        });
    }

    @Test
    void theHomeTabShowsAnalystsTheirTasksAndDistrictStaffTheirRequests() throws Exception {
        newTask("UDIST9", "Kartlägga kunskapsluckor inför utbildning.");
        slack.event("EvHome1", "{\"type\":\"app_home_opened\",\"user\":\"UANALYST9\",\"channel\":\"D1\",\"tab\":\"home\"}");
        slack.event("EvHome2", "{\"type\":\"app_home_opened\",\"user\":\"UDIST9\",\"channel\":\"D2\",\"tab\":\"home\"}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(SLACK.calls("views.publish", c -> c.param("user_id").equals("UANALYST9")))
                    .anySatisfy(c -> assertThat(c.param("view")).contains("Ej tagna uppdrag"));
            assertThat(SLACK.calls("views.publish", c -> c.param("user_id").equals("UDIST9")))
                    .anySatisfy(c -> assertThat(c.param("view")).contains("Mina förfrågningar").contains("Kartlägga kunskapsluckor"));
        });
    }

    @Test
    void aRateLimitedCallIsRetriedAfterRetryAfterAndAFailedStaffPostIsRepostedLater() throws Exception {
        SLACK.failNext("chat.postMessage", 429, 1);
        slack.dm("EvLimited", "UDIST10", "stöd");
        awaitReply("DUDIST10", 1, "Vilken förvaltning");

        SLACK.failNext("chat.postMessage", 500, 5);
        SupportTask task = tasks.create("src-down", new Requester("email", "eva@stockholm.se", Map.of()),
                new SupportRequest("farsta", "chef", "Stöd med uppföljning av hemtjänsten.", null, "uppfoljning", null, null, "sv"),
                List.of("Projektplan 2027.pdf"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(tasks.find(task.reference()).orElseThrow().staffPost()).isNotNull();
            assertThat(postsTo(STAFF_CHANNEL)).filteredOn(c -> c.param("text").startsWith(task.reference())).singleElement()
                    .satisfies(c -> assertThat(c.param("blocks")).contains("Projektplan 2027.pdf").contains("eva@stockholm.se"));
        });
    }

    @Test
    void aLongRetryAfterFreesTheWorkersAndTheRepliesArePostedInOrderOnceWhenSlackTakesCallsAgain() throws Exception {
        var mongo = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
        // Slack: these two DMs' posts again in two minutes — as many as the test machine's two workers
        SLACK.rateLimitNext("chat.postMessage", 2, 120);
        slack.dm("EvLongLimitA", "UDISTLIMITA", "stöd");
        slack.dm("EvLongLimitB", "UDISTLIMITB", "stöd");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(mongo.getCollection("slack_inbox").countDocuments(
                com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.in("params.user", "UDISTLIMITA", "UDISTLIMITB"),
                        com.mongodb.client.model.Filters.regex("slot", "#free$")))).isEqualTo(2));
        for (int i = 1; i <= 4; i++) {
            slack.dm("EvBesideLimit" + i, "UDISTBESIDE" + i, "stöd");
        }
        // everybody else is answered meanwhile: no worker sleeps through the two minutes
        for (int i = 1; i <= 4; i++) {
            awaitReply("DUDISTBESIDE" + i, 1, "Vilken förvaltning");
        }
        // helper 107: what the person writes meanwhile waits behind the held answer — answered first, it put the answers
        // out of order, and the held one's message was then taken as late ("kom fram först nu")
        slack.dm("EvLongLimitA2", "UDISTLIMITA", "Farsta");
        try {
            // the work's next go comes before Slack's two minutes are over: Slack is not asked again then
            clock.set(TestClockConfiguration.START.plus(SlackInbox.SLACK_AWAY_PAUSE).plusSeconds(1));
            Thread.sleep(3000);
            assertThat(SLACK.tried("chat.postMessage", c -> c.param("channel").startsWith("DUDISTLIMIT"))).as("not asked within Retry-After")
                    .isEqualTo(2);
            clock.set(TestClockConfiguration.START.plusSeconds(122));
            awaitReply("DUDISTLIMITB", 1, "Vilken förvaltning");
            awaitReply("DUDISTLIMITA", 1, "Vilken förvaltning");
            // the message behind it looks again a moment later (the test's clock stands still unless moved)
            clock.set(TestClockConfiguration.START.plusSeconds(130));
            awaitReply("DUDISTLIMITA", 2, "Vilken roll");
            assertThat(postsTo("DUDISTLIMITB")).as("posted once Slack took calls again, once").hasSize(1);
            assertThat(postsTo("DUDISTLIMITA")).extracting(c -> c.param("text")).as("in the order the messages came, each once")
                    .satisfiesExactly(first -> assertThat(first).contains("Vilken förvaltning"), second -> assertThat(second)
                            .contains("Vilken roll").doesNotContain("kom fram först nu"));
        } finally {
            clock.set(TestClockConfiguration.START);
        }
    }

    @Test
    void aReplyWhoseAnswerFromSlackCannotBeReadIsPostedAgainAndNothingIsBlamedOnTheMessage() throws Exception {
        var mongo = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
        long deadLetters = mongo.getCollection("dead_letters").countDocuments();
        SLACK.failNext("chat.postMessage", 200, 3); // 200 with a body that is not JSON, three times
        slack.dm("EvGarbled", "UDIST11", "stöd");
        awaitReply("DUDIST11", 1, "Vilken förvaltning");
        assertThat(postsTo("DUDIST11")).as("posted once it could be read, once").hasSize(1);
        assertThat(mongo.getCollection("dead_letters").countDocuments()).as("not parked as a message at fault").isEqualTo(deadLetters);
    }

    @Test
    void aReplySlackDidNotTakeThroughAllItsRetriesIsPostedOnceSlackTakesItAndTheTurnIsTakenOnce() throws Exception {
        var mongo = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
        long deadLetters = mongo.getCollection("dead_letters").countDocuments();
        SLACK.failNext("chat.postMessage", 500, 5); // every one of the first go's attempts
        slack.dm("EvSlackAway", "UDISTAWAY", "stöd");
        // the work waits in the inbox, free for its next go, not parked
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mongo.getCollection("slack_inbox").countDocuments(
                com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.eq("params.user", "UDISTAWAY"),
                        com.mongodb.client.model.Filters.regex("slot", "#free$")))).isEqualTo(1));
        assertThat(postsTo("DUDISTAWAY")).as("not posted while Slack is away").isEmpty();
        clock.set(TestClockConfiguration.START.plus(SlackInbox.SLACK_AWAY_PAUSE).plusSeconds(1));
        try {
            awaitReply("DUDISTAWAY", 1, "Vilken förvaltning");
            assertThat(postsTo("DUDISTAWAY")).as("posted once Slack took it, once").hasSize(1);
            // the turn was not taken again: the next answer goes on from the question that was posted
            slack.dm("EvSlackBack", "UDISTAWAY", "Farsta");
            awaitReply("DUDISTAWAY", 2, "Vilken roll");
        } finally {
            clock.set(TestClockConfiguration.START);
        }
        assertThat(mongo.getCollection("dead_letters").countDocuments()).as("not parked: Slack was away").isEqualTo(deadLetters);
    }

    @Test
    void aReplySlackPostedButAnsweredWithAServerErrorIsFoundInTheDmAndNotPostedAgain() throws Exception {
        SLACK.postThenFail(1); // Slack posts it, then answers 500: "some aspect of the operation succeeded"
        slack.dm("EvPostedDespite", "UDISTDESPITE", "stöd");
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("conversations.history",
                c -> c.param("channel").equals("DUDISTDESPITE")).isEmpty());
        awaitSlackWorkDone();
        assertThat(postsTo("DUDISTDESPITE")).as("asked once, posted once").singleElement()
                .satisfies(c -> assertThat(c.param("text")).contains("Vilken förvaltning"));
        assertThat(SLACK.calls("conversations.history", c -> c.param("channel").equals("DUDISTDESPITE")))
                .as("read from the person's message on").allSatisfy(c -> assertThat(c.param("oldest")).matches("\\d+\\.\\d+"));
        // the conversation goes on from the question Slack showed
        slack.dm("EvPostedDespite2", "UDISTDESPITE", "Farsta");
        awaitReply("DUDISTDESPITE", 2, "Vilken roll");
    }

    @Test
    void aCommandsAnswerSlackPostedButAnsweredWithAServerErrorIsFoundInThePersonsDmAndNotPostedAgain() throws Exception {
        SLACK.postThenFail(1);
        slack.command("UDISTCMDDESPITE", "hjälp");
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("conversations.history",
                c -> c.param("channel").equals("DUDISTCMDDESPITE")).isEmpty());
        awaitSlackWorkDone();
        assertThat(SLACK.calls("conversations.open", c -> c.param("users").equals("UDISTCMDDESPITE"))).isNotEmpty();
        assertThat(postsTo("UDISTCMDDESPITE")).singleElement().satisfies(c -> assertThat(c.param("text")).contains("/fou status"));
    }

    @Test
    void aReplySlackPostedButAnsweredUnreadablyIsFoundInTheDmAndNotPostedAgain() throws Exception {
        SLACK.postThenAnswerUnreadably(3); // Slack posts it, a proxy answers with its own page, three times running
        slack.dm("EvUnreadable", "UDISTHUNGUP", "hjälp");
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("conversations.history",
                c -> c.param("channel").equals("DUDISTHUNGUP")).isEmpty());
        awaitSlackWorkDone();
        assertThat(postsTo("DUDISTHUNGUP")).as("posted once").singleElement();
    }

    @Test
    void aSlashCommandWhoseTriggerIdIsNotSlacksIsAnsweredAndTheIdIsNotKept() throws Exception {
        String body = SlackRequests.commandBody("UDISTODDTRIGGER", "hjälp").replaceFirst("trigger_id=[^&]*",
                "trigger_id=x%0Ay+event%3Dforged");
        assertThat(slack.command(body).statusCode()).isEqualTo(200);
        awaitReply("UDISTODDTRIGGER", 1, "/fou status");
        awaitSlackWorkDone();
        assertThat(postsTo("UDISTODDTRIGGER")).singleElement().satisfies(c -> assertThat(c.param("metadata")).doesNotContain("forged"));
    }

    @Test
    void aReplyAnsweredWithAServerErrorAndNotPostedIsPostedOnTheNextAttempt() throws Exception {
        SLACK.failNext("chat.postMessage", 500, 1); // not posted this time
        slack.dm("EvNotPosted", "UDISTNOTPOSTED", "stöd");
        awaitReply("DUDISTNOTPOSTED", 1, "Vilken förvaltning");
        awaitSlackWorkDone();
        assertThat(SLACK.calls("conversations.history", c -> c.param("channel").equals("DUDISTNOTPOSTED"))).as("looked first").hasSize(1);
        assertThat(postsTo("DUDISTNOTPOSTED")).as("the fake records the calls it answers").hasSize(1);
    }

    @Test
    void aReplyPostponedWhileSlackWasAwayIsNotPostedOnceThePersonHasWrittenAgainAndBeenAnswered() throws Exception {
        var mongo = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
        var firstMessage = com.mongodb.client.model.Filters.and(com.mongodb.client.model.Filters.eq("params.user", "UDISTSTALE"),
                com.mongodb.client.model.Filters.eq("params.text", "stöd"));
        SLACK.failNext("chat.postMessage", 500, 5);
        slack.dm("EvStale1", "UDISTSTALE", "stöd");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mongo.getCollection("slack_inbox").countDocuments(
                com.mongodb.client.model.Filters.and(firstMessage, com.mongodb.client.model.Filters.regex("slot", "#free$")))).isEqualTo(1));
        // Slack is back before the redo, and the person writes again: that is answered at once
        slack.dm("EvStale2", "UDISTSTALE", "Farsta");
        awaitReply("DUDISTSTALE", 1, "Vilken roll");
        clock.set(TestClockConfiguration.START.plus(SlackInbox.SLACK_AWAY_PAUSE).plusSeconds(1));
        try {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mongo.getCollection("slack_inbox").countDocuments(
                    com.mongodb.client.model.Filters.and(firstMessage, com.mongodb.client.model.Filters.eq("status", "sent")))).isEqualTo(1));
        } finally {
            clock.set(TestClockConfiguration.START);
        }
        // the first question, which the person has gone past, is not posted late
        assertThat(postsTo("DUDISTSTALE")).singleElement().satisfies(c -> assertThat(c.param("text")).contains("Vilken roll"));
    }

    @Test
    void aReplySlackTakesButAnswersOnlyAfterTheTimeoutIsTriedOnceMoreAfterThePauseAndThenLeft() throws Exception {
        var mongo = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
        var work = com.mongodb.client.model.Filters.eq("params.user", "UDISTSLOW");
        SLACK.holdPosts(); // Slack takes each post and answers only after the bot's read timeout (foubot.slack.api-timeout, 3 s here)
        try {
            slack.dm("EvSlackSlow", "UDISTSLOW", "stöd");
            // no answer in time: not tried again at once (a slow Slack posts it all the same), but once after the pause
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mongo.getCollection("slack_inbox").countDocuments(
                    com.mongodb.client.model.Filters.and(work, com.mongodb.client.model.Filters.regex("slot", "#free$")))).isEqualTo(1));
            clock.set(TestClockConfiguration.START.plus(SlackInbox.SLACK_AWAY_PAUSE).plusSeconds(1));
            // no answer in time again: left there
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(mongo.getCollection("slack_inbox").countDocuments(
                    com.mongodb.client.model.Filters.and(work, com.mongodb.client.model.Filters.eq("status", "sent")))).isEqualTo(1));
        } finally {
            clock.set(TestClockConfiguration.START);
            SLACK.letPostsGo();
        }
        // every post the bot made is now taken by the fake: two, however long Slack stays slow (five at once before)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(postsTo("DUDISTSLOW")).hasSize(2));
        Thread.sleep(1000);
        assertThat(postsTo("DUDISTSLOW")).as("posted twice at most").hasSize(2)
                .allSatisfy(c -> assertThat(c.param("text")).contains("Vilken förvaltning"));
    }

    @Test
    void aTasksStaffMessageIsUpdatedOnlyWhenWhatItShowsChanges() throws Exception {
        SupportTask task = newTask("UDISTSAME", "Stöd att följa upp hemtjänstens nya arbetssätt.");
        String ts = task.staffPost().ts();
        var store = bot.getBean(org.springframework.data.mongodb.core.MongoTemplate.class).getCollection("support_tasks");
        java.util.function.Supplier<List<FakeSlackApi.Call>> updates = () -> SLACK.calls("chat.update", c -> ts.equals(c.param("ts")));
        // marked as showing an older state by a change the message does not show, then looked at by the repost (every
        // second here): nothing to update
        store.updateOne(com.mongodb.client.model.Filters.eq("_id", task.reference()),
                com.mongodb.client.model.Updates.set("staffPostStale", true));
        await().atMost(Duration.ofSeconds(10)).until(() -> !tasks.find(task.reference()).orElseThrow().staffPostStale());
        assertThat(updates.get()).as("the same message again is not sent").isEmpty();

        // a change the message shows is updated, once, however often the repost looks after it
        tasks.claim(task.reference(), "UANALYST3");
        await().atMost(Duration.ofSeconds(10)).until(() -> updates.get().size() == 1);
        Thread.sleep(2500);
        assertThat(updates.get()).singleElement().satisfies(c -> assertThat(c.param("blocks")).contains("UANALYST3"));
    }

    @Test
    void aTaskUnclaimedForTwoWorkingDaysIsRaisedAgainWithTheCoordinatorOnce() throws Exception {
        clock.set(Instant.parse("2026-12-23T09:00:00Z")); // Wednesday before Christmas
        try {
            SupportTask task = newTask("UDIST13", "Stöd med uppföljning av julens insatser.");
            java.util.function.Supplier<List<FakeSlackApi.Call>> raised = () -> SLACK.calls("chat.postMessage",
                    c -> c.param("channel").equals(STAFF_CHANNEL) && c.param("text").contains(task.reference() + " har inte tagits"));
            clock.set(Instant.parse("2026-12-28T09:00:00Z")); // Monday: one working day after (24–27 are not)
            escalation.check();
            assertThat(raised.get()).isEmpty();
            clock.set(Instant.parse("2026-12-29T09:00:00Z")); // Tuesday: two working days
            escalation.check();
            escalation.check();
            assertThat(raised.get()).singleElement()
                    .satisfies(c -> assertThat(c.param("text")).startsWith("<@UCOORD> " + task.reference()));
        } finally {
            clock.set(TestClockConfiguration.START);
        }
    }

    @Test
    void socketModeTriesToConnectInTheBackgroundAndHealthShowsWhyItIsNotConnected() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("apps.connections.open").isEmpty());
        HttpResponse<String> health = se.foubot.support.Http.get(port, "/actuator/health", "slack-channel-admin");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"slack\":{\"details\":{\"http\":true,\"socketMode\":true")
                .contains("\"socketModeConnected\":false").contains("\"socketModeLastError\":\"IllegalArgumentException: The wss URL");
    }

    @Test
    void aMemberOfTheStaffUserGroupMayClaim() throws Exception {
        SupportTask task = newTask("UDIST14", "Stöd att analysera resultaten.");
        slack.click("UGROUPMEMBER2", STAFF_CHANNEL, task.staffPost().ts(), "task-claim", task.reference(), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tasks.find(task.reference()).orElseThrow()
                .assignee()).isEqualTo("UGROUPMEMBER2"));
        assertThat(SLACK.calls("usergroups.users.list", c -> c.param("usergroup").equals("S0FOUUTRED"))).isNotEmpty();
    }

    @Test
    void aMentionInAChannelIsAnsweredInItsThread() throws Exception {
        String mention = "{\"type\":\"app_mention\",\"user\":\"UDIST15\",\"text\":\"<@" + FakeSlackApi.BOT_USER
                + "> jag behöver stöd\",\"ts\":\"1763900000.424242\",\"channel\":\"C0GENERAL\",\"event_ts\":\"1763900000.424242\"}";
        assertThat(slack.event("EvMention1", mention).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.calls("chat.postMessage",
                c -> c.param("channel").equals("C0GENERAL") && c.param("thread_ts").equals("1763900000.424242")))
                .anySatisfy(c -> assertThat(c.param("text")).contains("Vilken förvaltning")));
    }

    @Test
    void theSlashCommandAnswersInADirectMessage() throws Exception {
        HttpResponse<String> ack = slack.command("UDIST12", "hjälp");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("direktmeddelande");
        awaitReply("UDIST12", 1, "/fou status");
        slack.command("UDIST12", "ny");
        awaitReply("UDIST12", 2, "Vilken förvaltning");
    }

    @Test
    void theSameSlashCommandSentAgainIsAnsweredOnce() throws Exception {
        String body = SlackRequests.commandBody("UDISTREPLAY", "hjälp");
        assertThat(slack.command(body).statusCode()).isEqualTo(200);
        awaitReply("UDISTREPLAY", 1, "/fou status");
        // a proxy's retry or a replay of the same signed bytes: acknowledged, not answered again
        assertThat(slack.command(body).statusCode()).isEqualTo(200);
        slack.command("UDISTREPLAY", "hjälp"); // typed again: a new invocation, answered
        awaitReply("UDISTREPLAY", 2, "/fou status");
        awaitSlackWorkDone();
        assertThat(postsTo("UDISTREPLAY")).hasSize(2);
    }

    @Test
    void theSameAnswerClickSentAgainAfterTheConversationMovedOnSaysNothing() throws Exception {
        String user = "UDIST46";
        String dm = "D" + user;
        sayInTurn(user, "EvClickReplay", "stöd", "bromma", "controller");
        slack.dm("EvClickReplay4", user, "Vi vill ta fram en uppföljningsmall för vårt nya arbetssätt.");
        awaitReply(dm, 4, "Hör förfrågan till");
        String click = SlackRequests.clickPostedBody(user, dm, "1.3", postsTo(dm).get(3).param("blocks"), "Nej");
        assertThat(slack.interactive(click).statusCode()).isEqualTo(200);
        awaitReply(dm, 5, "Vilken typ av stöd");
        slack.dm("EvClickReplay5", user, "uppföljning");
        awaitReply(dm, 6, "När behöver");
        // the same signed bytes again (a proxy's retry, a replay): acknowledged and done once, so the person is not told
        // that a button of an earlier question was clicked, which they did not do
        assertThat(slack.interactive(click).statusCode()).isEqualTo(200);
        awaitSlackWorkDone();
        assertThat(postsTo(dm)).hasSize(6);
        assertThat(lastTextTo(dm)).contains("När behöver");
    }

    @Test
    void theSameClaimClickSentAgainIsDoneOnceWhileANewClickIsAnswered() throws Exception {
        SupportTask task = newTask("UDIST47", "Stöd att sammanställa en enkät till brukarna.");
        String ts = task.staffPost().ts();
        String click = SlackRequests.clickBody("UANALYST14", STAFF_CHANNEL, ts, "task-claim", task.reference(), false);
        assertThat(slack.interactive(click).statusCode()).isEqualTo(200);
        awaitReply("DUDIST47", 1, "har tagits av <@UANALYST14>");
        assertThat(slack.interactive(click).statusCode()).isEqualTo(200);
        awaitSlackWorkDone();
        assertThat(SLACK.calls("chat.postEphemeral", c -> c.param("user").equals("UANALYST14") && c.param("text").contains(task.reference())))
                .isEmpty();
        // a click of its own (another trigger id) is a new click: told the task is already theirs
        slack.click("UANALYST14", STAFF_CHANNEL, ts, "task-claim", task.reference(), false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.calls("chat.postEphemeral",
                c -> c.param("user").equals("UANALYST14") && c.param("text").contains(task.reference())
                        && c.param("text").contains("Du har redan tagit det här ärendet"))).hasSize(1));
        assertThat(postsTo("DUDIST47")).hasSize(1);
    }

    @Test
    void theSlashCommandsImmediateAnswerIsInTheLanguageThePersonChose() throws Exception {
        slack.dm("EvLang1", "UDIST44", "english");
        awaitReply("DUDIST44", 1, "English");
        HttpResponse<String> ack = slack.command("UDIST44", "status");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ackText(ack)).isEqualTo("I'll answer you in a direct message.");
        slack.dm("EvLang2", "UDIST44", "svenska");
        awaitReply("DUDIST44", 2, "svenska");
        assertThat(ackText(slack.command("UDIST44", "status"))).isEqualTo("Jag svarar dig i ett direktmeddelande.");
    }

    /** The text of a slash command's immediate answer, read as Slack reads the JSON. */
    private static String ackText(HttpResponse<String> ack) {
        return new tools.jackson.databind.ObjectMapper().readTree(ack.body()).path("text").asString();
    }

    @Test
    void commandsTypedInADirectMessageAreAnsweredAsByMailNotWithTheGreeting() throws Exception {
        slack.dm("EvCmdStatus", "UDIST20", "status");
        awaitReply("DUDIST20", 1, "Du har inga förfrågningar hos FoU ännu");
        slack.dm("EvCmdForum", "UDIST20", "forum");
        awaitReply("DUDIST20", 2, "Inga FoU-forum är planerade just nu");
        slack.dm("EvCmdWatch", "UDIST20", "bevakning LUM");
        awaitReply("DUDIST20", 3, "du bevakar LUM");
        slack.dm("EvCmdWatchOff", "UDIST20", "bevakning av");
        awaitReply("DUDIST20", 4, "inga fler påminnelser om LUM och MUL");
        slack.dm("EvCmdHelp", "UDIST20", "hjälp");
        // in a DM each command is listed as it is typed there, without /fou
        awaitReply("DUDIST20", 5, "• `bevakning [LUM|MUL]` –");
        assertThat(postsTo("DUDIST20").get(postsTo("DUDIST20").size() - 1).param("text")).doesNotContain("/fou");
        assertThat(postsTo("DUDIST20")).noneSatisfy(p -> assertThat(p.param("text")).contains("Det här kan jag hjälpa till med"));
    }

    @Test
    void inTheMiddleOfAConversationACommandWordIsTheAnswerItGives() throws Exception {
        slack.dm("EvMid1", "UDIST21", "stöd");
        awaitReply("DUDIST21", 1, "Vilken förvaltning");
        slack.dm("EvMid2", "UDIST21", "status");
        awaitReply("DUDIST21", 2, "Jag vet inte vilken förvaltning du menar med ”status”");
    }
    /**
     * Slack refuses a message of more than 50 blocks whole (invalid_blocks), so the person sees nothing: the forum's
     * list did so with sixteen meetings. Whatever a card holds, the post and an update keep the first 50 blocks, and
     * the cut is logged with where the message went and what it answers, never its text.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aMessageOfMoreBlocksThanSlackTakesIsPostedWithTheFirstFiftyAndTheCutLoggedWithoutItsText(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        SlackApi api = bot.getBean(SlackApi.class);
        List<com.slack.api.model.block.LayoutBlock> blocks = IntStream.range(0, 60)
                .<com.slack.api.model.block.LayoutBlock>mapToObj(i -> com.slack.api.model.block.Blocks.section(
                        b -> b.text(com.slack.api.model.block.composition.BlockCompositions.markdownText("Hemlig rad " + i))))
                .toList();
        String ts = api.post("DUBLOCKS", null, "Hemlig text", blocks, "post:DUBLOCKS:1763900000.000100");
        api.update("DUBLOCKS", ts, "Hemlig text", blocks);

        for (String method : List.of("chat.postMessage", "chat.update")) {
            List<FakeSlackApi.Call> sent = SLACK.calls(method, c -> "DUBLOCKS".equals(c.param("channel")));
            assertThat(sent).as(method).hasSize(1);
            assertThat(new tools.jackson.databind.ObjectMapper().readTree(sent.get(0).param("blocks")).size()).isEqualTo(FakeSlackApi.MAX_BLOCKS);
            assertThat(BlockKitRules.textOf(sent.get(0).param("blocks"))).contains("Hemlig rad 0").contains("Hemlig rad 49")
                    .doesNotContain("Hemlig rad 50");
        }
        assertThat(output).contains("event=slack_blocks_cut method=chat.postMessage channel=DUBLOCKS key=post:DUBLOCKS:1763900000.000100 "
                + "blocks=60 kept=50").contains("event=slack_blocks_cut method=chat.update channel=DUBLOCKS key=" + ts)
                .doesNotContain("Hemlig");
    }

    /**
     * A black-box tester's finding: a list of 35 meetings with long agendas posted its blocks within Slack's limits, but
     * the notification's text beside them held every meeting whole (75,776 characters) and Slack refused the message
     * ({@code msg_too_long}): the person got nothing. The text beside blocks is cut short; the blocks carry the message.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aTextBesideBlocksLongerThanSlackTakesIsCutAndTheMessagePosted(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        SlackApi api = bot.getBean(SlackApi.class);
        List<com.slack.api.model.block.LayoutBlock> blocks = List.of(com.slack.api.model.block.Blocks.section(
                b -> b.text(com.slack.api.model.block.composition.BlockCompositions.markdownText("Lista"))));
        String longText = "Hemligt möte med lång dagordning. ".repeat(2300);
        String ts = api.post("DUTEXT", null, longText, blocks, "post:DUTEXT:1763900000.000100");
        api.update("DUTEXT", ts, longText, blocks);

        for (String method : List.of("chat.postMessage", "chat.update")) {
            List<FakeSlackApi.Call> sent = SLACK.calls(method, c -> "DUTEXT".equals(c.param("channel")));
            assertThat(sent).as(method).hasSize(1);
            assertThat(sent.get(0).param("text")).hasSizeLessThanOrEqualTo(3_000).startsWith("Hemligt möte").endsWith("…");
        }
        assertThat(output).contains("event=slack_text_cut method=chat.postMessage channel=DUTEXT key=post:DUTEXT:1763900000.000100 "
                + "chars=" + longText.length() + " kept=3000").contains("event=slack_text_cut method=chat.update").doesNotContain("Hemligt");
    }
}

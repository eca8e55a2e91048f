package se.foubot.tasks.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.messaging.Recipient;
import se.foubot.support.KilledProcessDataDirectory;
import se.foubot.support.TestClockConfiguration;
import se.foubot.tasks.Priority;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskEvent;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.TaskStatus;

/**
 * The bot started again on the data directory of a process killed right after it made two tasks, holding the turn to
 * post their cards in the staff channel: one card it had posted (Slack has it) and died before recording, the other
 * not. The restarted bot posts the second at once and finds the first by its mark, so neither shows twice (helper 102:
 * after a kill -9 two cards were posted a second time).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(TestClockConfiguration.class)
class StaffCardsAfterARestartTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();
    private static final String KILLED = "0123456789cd";
    private static final String STAFF = "C0STAFF";
    private static final Path DATA_DIR = Path.of("target", "test-data", UUID.randomUUID().toString());
    /** The ts Slack gave the card the killed process posted. */
    private static String firstCardTs;
    /** The ts Slack gave the cards earlier holders of the turn posted, by task. */
    private static final Map<String, String> earlierCardTs = new java.util.concurrent.ConcurrentHashMap<>();

    @Autowired
    TaskService tasks;

    @DynamicPropertySource
    static void aDataDirectoryAKilledProcessLeft(DynamicPropertyRegistry registry) throws Exception {
        KilledProcessDataDirectory.prepare(DATA_DIR, KILLED, bots -> {
            for (String reference : List.of("FOU-2026-0001", "FOU-2026-0002")) {
                Instant at = TestClockConfiguration.START;
                bots.insert(new SupportTask(reference, "slack:" + reference, new Requester(Recipient.SLACK, "UDIST", Map.of()),
                        new SupportRequest("farsta", "chef", "Vi behöver en utvärderingsplan för vår dagverksamhet.", null,
                                "utvardering", null, null, "sv"), "utvardering", 1, false, Priority.NORMAL, TaskStatus.NEW, null, null,
                        null, null, false, null, List.of(new TaskEvent(at, "UDIST", "created", "Förfrågan inkom via slack")),
                        List.of(), at, at));
                bots.updateFirst(Query.query(Criteria.where("_id").is(reference)), new Update()
                        .set("postTurnUntil", Date.from(at.plus(Duration.ofMinutes(5)))).set(StaffPosts.POST_TURN_BY, "staff-post-" + KILLED),
                        SupportTask.class);
            }
            leftByEarlierHolders(bots);
        });
        for (String reference : List.of("FOU-2026-0003", "FOU-2026-0004")) {
            earlierCardTs.put(reference, postToTheFake(Map.of("channel", STAFF, "text", reference + " (kortet som en tidigare hann posta)",
                    "metadata", "{\"event_type\":\"foubot_answer\",\"event_payload\":{\"answers\":\"" + StaffChannelPublisher.CARD
                            + reference + "\"}}")));
        }
        // the first card reached Slack before the kill
        firstCardTs = postToTheFake(Map.of("channel", STAFF, "text", "FOU-2026-0001 (kortet som processen före hann posta)", "metadata",
                "{\"event_type\":\"foubot_answer\",\"event_payload\":{\"answers\":\"" + StaffChannelPublisher.CARD + "FOU-2026-0001\"}}"));
        registry.add("foubot.store.data-dir", DATA_DIR::toString);
        registry.add("foubot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("foubot.slack.api-url", SLACK::url);
        registry.add("foubot.slack.staff-channel", () -> STAFF);
    }

    /**
     * What a process that took back FOU-2026-0003's turn from an older one left when it was killed before posting
     * (helper 108), and a turn of a living replica's that ran out while its card was on its way.
     */
    private static void leftByEarlierHolders(org.springframework.data.mongodb.core.MongoTemplate bots) {
        Instant at = TestClockConfiguration.START;
        for (String reference : List.of("FOU-2026-0003", "FOU-2026-0004")) {
            bots.insert(new SupportTask(reference, "slack:" + reference, new Requester(Recipient.SLACK, "UDIST", Map.of()),
                    new SupportRequest("farsta", "chef", "Vi behöver stöd i en enkät.", null, "uppfoljning", null, null, "sv"),
                    "uppfoljning", 1, false, Priority.NORMAL, TaskStatus.NEW, null, null, null, null, false, null,
                    List.of(new TaskEvent(at, "UDIST", "created", "Förfrågan inkom via slack")), List.of(), at, at));
        }
        // helper 109: Slack's clock ten minutes behind the bot's, so the card's ts is before the task was made
        String behind = postBefore(bots);
        earlierCardTs.put("FOU-2026-0005", behind);
        // the dead processes handed out these five references
        bots.getCollection("counters").insertOne(new org.bson.Document("_id", "support-request-2026").append("seq", 5L));
        bots.updateFirst(Query.query(Criteria.where("_id").is("FOU-2026-0003")),
                new Update().set(StaffPosts.POST_TURN_BY, "staff-post-0123456789aa"), SupportTask.class);
        bots.updateFirst(Query.query(Criteria.where("_id").is("FOU-2026-0004")), new Update()
                .set("postTurnUntil", Date.from(at.minusSeconds(1))).set(StaffPosts.POST_TURN_BY, "staff-post-livingreplica"),
                SupportTask.class);
    }

    /** FOU-2026-0005, made by the bot ten minutes after (by its clock) Slack took its card, by a holder of its turn since gone. */
    private static String postBefore(org.springframework.data.mongodb.core.MongoTemplate bots) {
        String ts;
        try {
            ts = postToTheFake(Map.of("channel", STAFF, "text", "FOU-2026-0005 (kortet, med Slacks klocka efter)", "metadata",
                    "{\"event_type\":\"foubot_answer\",\"event_payload\":{\"answers\":\"" + StaffChannelPublisher.CARD + "FOU-2026-0005\"}}"));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(ts.substring(0, ts.indexOf('.')))).plus(Duration.ofMinutes(10));
        bots.insert(new SupportTask("FOU-2026-0005", "slack:FOU-2026-0005", new Requester(Recipient.SLACK, "UDIST", Map.of()),
                new SupportRequest("farsta", "chef", "Vi behöver stöd i en enkät.", null, "uppfoljning", null, null, "sv"),
                "uppfoljning", 1, false, Priority.NORMAL, TaskStatus.NEW, null, null, null, null, false, null,
                List.of(new TaskEvent(at, "UDIST", "created", "Förfrågan inkom via slack")), List.of(), at, at));
        bots.updateFirst(Query.query(Criteria.where("_id").is("FOU-2026-0005")),
                new Update().set(StaffPosts.POST_TURN_BY, "staff-post-0123456789bb"), SupportTask.class);
        return ts;
    }

    private static String postToTheFake(Map<String, String> params) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder();
        params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(SLACK.url() + "chat.postMessage"))
                .header("Authorization", "Bearer xoxb-test-token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.body()).contains("\"ok\":true");
        java.util.regex.Matcher ts = java.util.regex.Pattern.compile("\"ts\":\"([0-9.]+)\"").matcher(posted.body());
        assertThat(ts.find()).isTrue();
        return ts.group(1);
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    private static long cardsOf(String reference) {
        return SLACK.calls("chat.postMessage", c -> STAFF.equals(c.param("channel")) && c.param("metadata") != null
                && c.param("metadata").contains(StaffChannelPublisher.CARD + reference)).size();
    }

    @Test
    void theCardTheKilledProcessPostedIsFoundAndTheOtherIsPostedAtOnceEachOnce() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(tasks.find("FOU-2026-0001").orElseThrow().staffPost()).isNotNull();
            assertThat(tasks.find("FOU-2026-0002").orElseThrow().staffPost()).isNotNull();
        });
        assertThat(cardsOf("FOU-2026-0002")).as("posted by the restarted bot").isEqualTo(1);
        assertThat(cardsOf("FOU-2026-0001")).as("the killed process's, not posted again").isEqualTo(1);
        assertThat(tasks.find("FOU-2026-0001").orElseThrow().staffPost().ts()).as("the card found").isEqualTo(firstCardTs);
    }

    /**
     * Helper 109: Slack posted the card and answered 500 ("some of the operation may have succeeded"), and each retry
     * within the post posted it once more. The channel is read before a retry, as a DM is.
     */
    @Test
    void aCardSlackPostedWhileAnsweringAServerErrorIsFoundAndNotPostedAgain() {
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("FOU-2026-0001", "FOU-2026-0002", "FOU-2026-0003", "FOU-2026-0004")
                .stream().allMatch(r -> tasks.find(r).orElseThrow().staffPost() != null));
        SLACK.postThenFail(1);
        String reference = tasks.create("after-a-500", new Requester(Recipient.SLACK, "UDIST500", Map.of()),
                new SupportRequest("farsta", "chef", "Vi behöver stöd i en enkät.", null, "uppfoljning", null, null, "sv"), List.of())
                .reference();
        await().atMost(Duration.ofSeconds(20)).until(() -> tasks.find(reference).orElseThrow().staffPost() != null);
        assertThat(cardsOf(reference)).as("posted once, found after the 500").isEqualTo(1);
        assertThat(SLACK.calls("conversations.history", c -> STAFF.equals(c.param("channel")))).isNotEmpty();
    }

    @Test
    void aCardIsLookedForWheneverSomeoneHeldItsTurnBeforeNotOnlyThePreviousProcess() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(tasks.find("FOU-2026-0003").orElseThrow().staffPost()).isNotNull();
            assertThat(tasks.find("FOU-2026-0004").orElseThrow().staffPost()).isNotNull();
            assertThat(tasks.find("FOU-2026-0005").orElseThrow().staffPost()).isNotNull();
        });
        for (String reference : List.of("FOU-2026-0003", "FOU-2026-0004", "FOU-2026-0005")) {
            assertThat(cardsOf(reference)).as(reference + ": not posted again").isEqualTo(1);
            assertThat(tasks.find(reference).orElseThrow().staffPost().ts()).isEqualTo(earlierCardTs.get(reference));
        }
    }
}

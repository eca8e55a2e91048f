package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.FouBotApplication;
import se.foubot.store.EmbeddedMongoStore;
import se.foubot.store.LocalJournal;
import se.foubot.support.OwnThreads;

/**
 * With the embedded store the Slack ack waits for the ack journal, a file of its own, not for the store: a message is
 * acknowledged while the store cannot commit, and answered once it can; what a killed process acknowledged and left
 * in the journal is answered after the restart.
 */
class SlackAckJournalTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();

    @TempDir
    Path dir;

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    private ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplication(FouBotApplication.class).run("--server.port=0", "--foubot.store.data-dir=" + dataDir,
                "--foubot.slack.bot-token=xoxb-test-token", "--foubot.slack.signing-secret=" + SlackRequests.SECRET,
                "--foubot.slack.api-url=" + SLACK.url(), "--foubot.slack.staff-users=UANALYST1");
    }

    private static List<String> answersTo(String user) {
        return SLACK.calls("chat.postMessage", c -> c.param("channel").equals("D" + user)).stream().map(c -> c.param("text")).toList();
    }

    @Test
    void aMessageIsAcknowledgedWhileTheStoreCannotCommitAndAnsweredOnceItCan() throws Exception {
        try (ConfigurableApplicationContext bot = start(dir.resolve("data"))) {
            int port = bot.getBean(Environment.class).getRequiredProperty("local.server.port", Integer.class);
            SlackRequests slack = new SlackRequests(port, Clock.systemUTC());
            EmbeddedMongoStore store = bot.getBean(EmbeddedMongoStore.class);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> storeBusy = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.whileCommitsWait(() -> {
                        held.countDown();
                        return release.await(60, TimeUnit.SECONDS);
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, OwnThreads.EACH);
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            try {
                HttpResponse<String> ack = CompletableFuture.supplyAsync(() -> {
                    try {
                        return slack.event("EvJournal1", SlackRequests.dm("UJOURNAL", "stöd"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, OwnThreads.EACH).get(20, TimeUnit.SECONDS);
                assertThat(ack.statusCode()).as("acknowledged while the store's commit is held up").isEqualTo(200);
                assertThat(answersTo("UJOURNAL")).as("not answered before it is recorded").isEmpty();
            } finally {
                release.countDown();
            }
            storeBusy.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(answersTo("UJOURNAL")).hasSize(1));
            assertThat(bot.getBean(MongoTemplate.class).getCollection(SlackInbox.COLLECTION).countDocuments()).isEqualTo(1);

            // Slack delivers it again (a retry): recorded once, answered once
            assertThat(slack.event("EvJournal1", SlackRequests.dm("UJOURNAL", "stöd")).statusCode()).isEqualTo(200);
            Thread.sleep(1000);
            assertThat(answersTo("UJOURNAL")).hasSize(1);
        }
    }

    @Test
    void workAProcessAcknowledgedAndLeftInTheJournalIsAnsweredAfterTheRestart() throws Exception {
        Path data = Files.createDirectories(dir.resolve("restart"));
        // the killed process: acknowledged (the work is in the journal on disk), never recorded in slack_inbox
        try (SlackAckJournal journal = new SlackAckJournal(data)) {
            journal.put(new SlackInbox.Work("post:DULEFT:1763900000.000002", RecordOnceThenAck.MESSAGE,
                    Map.of("user", "ULEFT", "channel", "DULEFT", "text", "stöd"), "EvLeft1"));
        }
        try (ConfigurableApplicationContext bot = start(data)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(answersTo("ULEFT")).hasSize(1));
            assertThat(answersTo("ULEFT").get(0)).contains("stadsdel");
        }
        try (LocalJournal journal = LocalJournal.open(data.resolve(SlackAckJournal.FILE_NAME))) {
            assertThat(journal.entries()).as("moved into slack_inbox, taken out of the journal").isEmpty();
        }
    }
}

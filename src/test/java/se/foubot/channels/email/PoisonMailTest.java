package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.support.BuggyCommand;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;
import se.foubot.support.TestMail;
import se.foubot.tasks.TaskService;

/**
 * A mail whose processing throws is tried three times, then parked: the sender gets one polite answer, the staff
 * channel one message, the admin API and health show the rule (never the text), and the mail is never run again —
 * while the mail beside it is handled as usual.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.admin.token=poison-admin",
                "foubot.slack.outbox-interval=200ms", "foubot.mail.idle=false", "foubot.mail.poll-interval=1h"})
@Import({TestClockConfiguration.class, BuggyCommand.class})
class PoisonMailTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();
    static final String STAFF_CHANNEL = "C0POISON";

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        registry.add("foubot.slack.bot-token", () -> "xoxb-poison");
        registry.add("foubot.slack.api-url", SLACK::url);
        registry.add("foubot.slack.staff-channel", () -> STAFF_CHANNEL);
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    MailboxReader reader;

    @Autowired
    EmailRequestProcessor processor;

    @Autowired
    OutboxSender sender;

    @Autowired
    MutableClock clock;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TaskService tasks;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer poison-admin").build(), HttpResponse.BodyHandlers.ofString());
    }

    private void rounds(int n) {
        for (int i = 0; i < n; i++) {
            TestMail.round(reader, processor, sender);
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void aMailThatKeepsThrowingIsParkedAndItsSenderToldOnceWhileOtherMailGoesOn() throws Exception {
        TestMail people = new TestMail(mail);
        people.send("gift@stockholm.se", "Stöd med uppföljning", "Hej!\n" + BuggyCommand.TRIGGER + " med hemlig text\n\nEva", null);
        people.send("frisk@stockholm.se", "Utvärdering", "Hej! Vi i Farsta behöver en utvärderingsplan, inom 99999999999 "
                + "veckor eller senast 2027-03-01.\n\nOlle", null);
        rounds(5);

        Document poisoned = mongo.findOne(Query.query(Criteria.where("from").is("gift@stockholm.se")), Document.class,
                MailInbox.INBOX);
        assertThat(poisoned.getString("status")).isEqualTo(MailInbox.PARKED);
        assertThat(poisoned.getInteger("attempts")).isEqualTo(3);
        assertThat(people.inboxOf("gift@stockholm.se")).singleElement()
                .satisfies(m -> assertThat(m.getContent().toString()).contains("kunde inte behandla det automatiskt"));
        assertThat(tasks.byRequester("email", "frisk@stockholm.se")).as("the mail beside it").hasSize(1);

        HttpResponse<String> list = get("/api/dead-letters");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"kind\":\"mail\"").contains("\"rule\":\"IllegalStateException\"")
                .contains("\"attempts\":3").doesNotContain("hemlig").doesNotContain("kraschar");
        assertThat(get("/actuator/health").body()).contains("\"deadLetters\"").contains("\"parked\":1");
        assertThat(get("/actuator/prometheus").body()).contains("foubot_dead_letters_total{kind=\"mail\"} 1.0")
                .contains("foubot_dead_letters_parked 1.0");
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage",
                c -> STAFF_CHANNEL.equals(c.param("channel")) && c.param("text").contains("kunde inte behandlas")).isEmpty());

        rounds(3);
        assertThat(people.inboxOf("gift@stockholm.se")).as("told once").hasSize(1);
        Thread.sleep(1000); // the Slack outbox runs every 200 ms: a second message would be there by now
        assertThat(SLACK.calls("chat.postMessage", c -> STAFF_CHANNEL.equals(c.param("channel"))
                && c.param("text").contains("kunde inte behandlas"))).as("staff told once").hasSize(1);
        assertThat(get("/api/dead-letters").body()).doesNotContain("frisk");
    }

    @Test
    void aMailTakenOverAndOverWithoutAnOutcomeIsParkedWithoutRunningAgain() throws Exception {
        new TestMail(mail).send("krasch@stockholm.se", "Fråga", "Hej! Vad gäller för LUM?\n\nKim", null);
        reader.poll();
        // three workers took it and died with it: each take counts, and each lease ran out
        for (int i = 0; i < 3; i++) {
            Document taken = mongo.findAndModify(Query.query(Criteria.where("from").is("krasch@stockholm.se")),
                    new org.springframework.data.mongodb.core.query.Update().set("status", "processing")
                            .set("leaseUntil", java.util.Date.from(clock.instant().minusSeconds(1))).inc("attempts", 1),
                    Document.class, MailInbox.INBOX);
            assertThat(taken).isNotNull();
        }
        processor.processWaiting();
        Document parked = mongo.findOne(Query.query(Criteria.where("from").is("krasch@stockholm.se")), Document.class,
                MailInbox.INBOX);
        assertThat(parked.getString("status")).isEqualTo(MailInbox.PARKED);
        assertThat(get("/api/dead-letters").body()).contains("ProcessingInterrupted");
    }
}

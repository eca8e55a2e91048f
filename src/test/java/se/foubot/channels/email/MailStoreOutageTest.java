package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.messaging.Command;
import se.foubot.store.EmbeddedMongoStore;
import se.foubot.support.TcpProxy;
import se.foubot.support.TestClockConfiguration;
import se.foubot.support.TestMail;
import se.foubot.tasks.TaskService;

/**
 * The store going away while a mail is processed is nobody's mail's fault: each such take counted an attempt, and the
 * third outage parked a good mail and told its sender it could not be handled. Now the mail waits and counts nothing,
 * even when the store is still away for the write that gives it back. The store is a real wire-protocol server behind
 * a TCP proxy that the test cuts.
 */
@SpringBootTest(properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.store.connect-timeout=1s"})
@Import({TestClockConfiguration.class, MailStoreOutageTest.StoreGoesAway.class})
class MailStoreOutageTest {

    static final EmbeddedMongoStore STORE = startStore();
    static final TcpProxy TO_STORE = TcpProxy.to(STORE.port());

    private static EmbeddedMongoStore startStore() {
        try {
            return EmbeddedMongoStore.start(Files.createTempDirectory("outage-store"), 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("foubot.store.mongodb-uri", () -> "mongodb://127.0.0.1:" + TO_STORE.port() + "/foubot");
    }

    @AfterAll
    static void stopStore() {
        TO_STORE.close();
        STORE.close();
    }

    /** A mail holding {@link StoreGoesAway#TRIGGER} meets a store outage while it is processed, {@code outages} times. */
    @TestConfiguration(proxyBeanMethods = false)
    static class StoreGoesAway {

        static final String TRIGGER = "mitt under ett avbrott";
        final AtomicInteger outages = new AtomicInteger();
        /** Whether the store is cut too, or only the processing fails as if it had been (and the store is back at once). */
        volatile boolean cut = true;

        @Bean
        Command cutsTheStoreOnTrigger() {
            StoreGoesAway away = this;
            return m -> {
                if (m.text().contains(TRIGGER) && away.outages.getAndDecrement() > 0) {
                    if (away.cut) {
                        TO_STORE.cut();
                    }
                    throw new DataAccessResourceFailureException("the store went away");
                }
                return Optional.empty();
            };
        }
    }

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    MailboxReader reader;

    @Autowired
    EmailRequestProcessor processor;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    TaskService tasks;

    @Autowired
    StoreGoesAway away;

    @Test
    void aMailThatMeetsMoreOutagesThanItHasAttemptsIsProcessedOnceTheStoreIsBackWithNothingCounted() throws Exception {
        away.outages.set(4);
        new TestMail(mail).send("avbrott@stockholm.se", "Utvärdering", "Hej! Vi i Farsta behöver en utvärderingsplan "
                + StoreGoesAway.TRIGGER + ", senast 2027-03-01.\n\nOlle", null);
        reader.poll();

        for (int outage = 1; outage <= 4; outage++) {
            // the write that would give the mail back meets the outage too: the round ends with the store's failure
            assertThatThrownBy(processor::processWaiting).as("outage " + outage).isInstanceOf(DataAccessException.class);
            TO_STORE.up();
            // the driver finds the store again at its next look (a read right after may still meet the broken connection)
            String as = "outage " + outage;
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(DataAccessException.class)
                    .untilAsserted(() -> assertThat(inboxMail().getString("status")).as(as).isEqualTo(MailInbox.PROCESSING));
        }
        processor.processWaiting();

        Document processed = inboxMail();
        assertThat(processed.getString("status")).isEqualTo(MailInbox.PROCESSED);
        assertThat(processed.getInteger("attempts")).as("only the take that succeeded counts").isEqualTo(1);
        assertThat(tasks.byRequester("email", "avbrott@stockholm.se")).hasSize(1);
        assertThat(mongo.count(new Query(), "dead_letters")).isZero();
    }

    @Test
    void aMailWhoseOutagesEndBeforeItIsGivenBackWaitsEachTimeWithNoAttemptCounted() throws Exception {
        away.outages.set(3);
        away.cut = false;
        try {
            new TestMail(mail).send("kort@stockholm.se", "Fråga", "Hej! Vad gäller för LUM " + StoreGoesAway.TRIGGER
                    + "?\n\nKim", null);
            reader.poll();
            for (int outage = 1; outage <= 3; outage++) {
                processor.processWaiting();
                Document waiting = inboxMail("kort@stockholm.se");
                assertThat(waiting.getString("status")).as("outage " + outage).isEqualTo(MailInbox.RECEIVED);
                assertThat(waiting.getInteger("attempts")).as("outage " + outage).isZero();
            }
            processor.processWaiting();
            assertThat(inboxMail("kort@stockholm.se").getString("status")).isEqualTo(MailInbox.PROCESSED);
            assertThat(mongo.count(new Query(), "dead_letters")).isZero();
        } finally {
            away.cut = true;
        }
    }

    private Document inboxMail() {
        return inboxMail("avbrott@stockholm.se");
    }

    private Document inboxMail(String from) {
        return mongo.findOne(Query.query(Criteria.where("from").is(from)), Document.class, MailInbox.INBOX);
    }
}

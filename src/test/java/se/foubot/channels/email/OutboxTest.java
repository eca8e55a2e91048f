package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import se.foubot.support.CommandCounter;
import se.foubot.support.EmbeddedStoreFixture;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/** The outbox over the real embedded store and a real SMTP server (GreenMail): once, and nothing lost. */
class OutboxTest {

    @TempDir
    static Path dataDir;

    static EmbeddedStoreFixture store;
    static MongoClient secondClient;
    static EmbeddedMailServer mail;
    final MutableClock clock = new MutableClock(TestClockConfiguration.START);

    @BeforeAll
    static void start() {
        store = new EmbeddedStoreFixture(dataDir);
        secondClient = MongoClients.create(store.store().connectionString("test"));
        mail = EmbeddedMailServer.start(0, 0);
    }

    @AfterAll
    static void stop() {
        mail.close();
        secondClient.close();
        store.close();
    }

    @BeforeEach
    void clean() throws Exception {
        store.template().dropCollection(Outbox.COLLECTION);
        new Outbox(store.template(), clock).ensure(store.template());
        mail.greenMail().purgeEmailFromAllMailboxes();
    }

    private OutgoingMail mail(int i) {
        return new OutgoingMail("test:" + i, "anna" + (i % 7) + "@stockholm.se", "[FOU-2026-" + i + "] Tack för din förfrågan",
                "Hej!\n\nDin förfrågan är registrerad. Åtgärd: återkomst inom två veckor.", null, List.of(), "auto-replied");
    }

    @Test
    void twoSendersRacingOverOneOutboxSendEveryMailExactlyOnce() throws Exception {
        Outbox outboxA = new Outbox(store.template(), clock);
        Outbox outboxB = new Outbox(new MongoTemplate(secondClient, "test"), clock);
        for (int i = 0; i < 300; i++) {
            outboxA.enqueue(mail(i));
        }
        assertThat(outboxB.enqueue(mail(7))).as("the same key again is not queued twice").isFalse();
        OutboxSender a = new OutboxSender(outboxA, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, clock);
        OutboxSender b = new OutboxSender(outboxB, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, clock);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (OutboxSender sender : List.of(a, b)) {
            runs.add(pool.submit(() -> {
                gate.await();
                int sent = 0;
                for (int round = 0; round < 10; round++) {
                    sent += sender.sendDue();
                }
                return sent;
            }));
        }
        gate.countDown();
        int sentA = runs.get(0).get();
        int sentB = runs.get(1).get();
        pool.shutdown();

        MimeMessage[] received = mail.greenMail().getReceivedMessages();
        Set<String> ids = new HashSet<>();
        for (MimeMessage m : received) {
            ids.add(m.getMessageID());
        }
        assertThat(sentA + sentB).isEqualTo(300);
        assertThat(received).hasSize(300);
        assertThat(ids).as("no Message-ID twice").hasSize(300).contains(store.template()
                .findById("test:42", org.bson.Document.class, Outbox.COLLECTION).getString("messageId"));
        assertThat(outboxA.count(Outbox.SENT)).isEqualTo(300);
        MimeMessage one = received[0];
        assertThat(one.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(one.getSubject()).contains("Tack för din förfrågan");
        assertThat(one.getContent().toString()).contains("Åtgärd");
    }

    @Test
    void mailsTheProcessBeforeThisOneHeldWhenItDiedGoOutInTheFirstRoundNotAfterTheirLease(@TempDir Path bootDir) throws Exception {
        Outbox outbox = new Outbox(store.template(), clock);
        for (int i = 0; i < 3; i++) {
            outbox.enqueue(mail(i));
        }
        // the process before took all three for its sender, and died: its boot file names it, and its lock is gone
        se.foubot.store.ProcessBoot dead = new se.foubot.store.ProcessBoot(bootDir);
        outbox.queue().markSentAndTake(List.of(), "sender-" + dead.id(), outbox.queue().takeableItems(10),
                clock.instant().plus(Duration.ofMinutes(2)));
        dead.release();
        outbox.enqueue(mail(3));

        OutboxSender anotherReplicas = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, clock);
        assertThat(anotherReplicas.sendDue()).as("another replica waits for the lease").isEqualTo(1);

        se.foubot.store.ProcessBoot restarted = new se.foubot.store.ProcessBoot(bootDir);
        OutboxSender sender = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, 1, 10, clock,
                restarted);
        assertThat(sender.sendDue()).isEqualTo(3);
        assertThat(mail.greenMail().getReceivedMessages()).hasSize(4);
        assertThat(sender.sendDue()).isZero();
        restarted.release();
    }

    @Test
    void aLongSmtpOutageUsesUpNoAttemptsAndMailGoesOutAsSoonAsItIsBack() throws Exception {
        Outbox outbox = new Outbox(store.template(), clock);
        outbox.enqueue(mail(1));
        outbox.enqueue(mail(2));
        OutboxSender down = new OutboxSender(outbox, "smtp://127.0.0.1:" + closedPort(), "fou@localhost",
                Duration.ofMinutes(2), 5, clock);
        for (int round = 0; round < 10; round++) { // twice the attempts a mail may use, as in a night without SMTP
            assertThat(down.sendDue()).isZero();
            clock.advance(Duration.ofMinutes(30));
        }
        assertThat(outbox.count(Outbox.PENDING)).isEqualTo(2);
        assertThat(outbox.queue().takeable(10)).as("still due, nothing given up, no pause to sit out").hasSize(2);

        OutboxSender up = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, clock);
        assertThat(up.sendDue()).isEqualTo(2);
        assertThat(mail.greenMail().getReceivedMessages()).hasSize(2);
        assertThat(up.sendDue()).isZero();
    }

    @Test
    void aMailTheServerRefusesWaitsLongerEachTimeWhileTheOthersGoOut() throws Exception {
        Outbox outbox = new Outbox(store.template(), clock);
        outbox.enqueue(new OutgoingMail("test:bad", "<trasig adress", "Hej", "Text", null, List.of(), null));
        outbox.enqueue(mail(4));
        OutboxSender sender = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, clock);
        assertThat(sender.sendDue()).isEqualTo(1);
        assertThat(outbox.queue().takeable(10)).as("the refused one pauses").isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(outbox.queue().takeable(10)).containsExactly("test:bad");
    }

    @Test
    void mailQueuedByAVersionWithoutTheWaitingFieldIsSentAtStartAndWhenAnOlderReplicaQueuesItLater() throws Exception {
        // as the version before wrote a queued mail: no "waiting" field
        store.template().insert(new org.bson.Document("_id", "test:old").append("slot", "test:old#free").append("status", "pending")
                .append("to", "anna@stockholm.se").append("subject", "Gammal").append("text", "Köad före uppgraderingen.")
                .append("messageId", "<old.1@fou-bot>").append("attempts", 0).append("nextAttemptAt", java.util.Date.from(clock.instant()))
                .append("createdAt", java.util.Date.from(clock.instant())), Outbox.COLLECTION);
        new Outbox(store.template(), clock).ensure(store.template()); // at start
        Outbox outbox = new Outbox(store.template(), clock);
        OutboxSender sender = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, clock);
        assertThat(sender.sendDue()).isEqualTo(1);

        // an older replica, still running during a rolling upgrade, queues one after this one started
        store.template().insert(new org.bson.Document("_id", "test:older-replica").append("slot", "test:older-replica#free")
                .append("status", "pending").append("to", "bo@stockholm.se").append("subject", "Äldre replik").append("text", "Text")
                .append("messageId", "<old.2@fou-bot>").append("attempts", 0).append("nextAttemptAt", java.util.Date.from(clock.instant()))
                .append("createdAt", java.util.Date.from(clock.instant())), Outbox.COLLECTION);
        clock.advance(Duration.ofMinutes(11));
        assertThat(sender.sendDue()).as("adopted by the look that also reads the whole queue").isEqualTo(1);
        assertThat(mail.greenMail().getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("Gammal", "Äldre replik");
        assertThat(sender.sendDue()).isZero();
    }

    @Test
    void onlyMailStillWaitingCarriesTheWaitingFieldSoALookReadsNoneOfTheMailKeptAfterSending() throws Exception {
        Outbox outbox = new Outbox(store.template(), clock);
        outbox.enqueue(mail(1));
        outbox.enqueue(new OutgoingMail("test:bad", "<trasig adress", "Hej", "Text", null, List.of(), null));
        OutboxSender sender = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 2, clock);
        assertThat(sender.sendDue()).isEqualTo(1);
        var mongo = store.template();
        assertThat(mongo.findById("test:1", org.bson.Document.class, Outbox.COLLECTION).get("waiting")).as("sent").isNull();
        assertThat(mongo.findById("test:bad", org.bson.Document.class, Outbox.COLLECTION).getString("waiting"))
                .as("refused once, to be tried again").isEqualTo("test:bad");
        clock.advance(Duration.ofMinutes(1));
        assertThat(sender.sendDue()).isZero();
        org.bson.Document givenUp = mongo.findById("test:bad", org.bson.Document.class, Outbox.COLLECTION);
        assertThat(givenUp.getString("status")).isEqualTo("failed");
        assertThat(givenUp.get("waiting")).as("given up").isNull();
        clock.advance(Duration.ofHours(1));
        assertThat(outbox.queue().takeable(10)).isEmpty();
    }

    @Test
    void mailWhoseWaitingFieldWasSetToNullOrANumberByHandIsSentAndDoesNotKeepOlderMailWaiting() throws Exception {
        java.util.function.BiFunction<String, Object, org.bson.Document> pending = (key, waiting) -> {
            org.bson.Document d = new org.bson.Document("_id", key).append("slot", key + "#free").append("status", "pending")
                    .append("to", "anna@stockholm.se").append("subject", key).append("text", "Text").append("messageId", "<" + key + "@fou-bot>")
                    .append("attempts", 0).append("nextAttemptAt", java.util.Date.from(clock.instant()))
                    .append("createdAt", java.util.Date.from(clock.instant()));
            return waiting == MISSING ? d : d.append("waiting", waiting);
        };
        store.template().insert(pending.apply("test:null", null), Outbox.COLLECTION);
        store.template().insert(pending.apply("test:number", 12345), Outbox.COLLECTION);
        store.template().insert(pending.apply("test:older", MISSING), Outbox.COLLECTION);
        new Outbox(store.template(), clock).ensure(store.template()); // at start: must not fail on the odd ones
        OutboxSender sender = new OutboxSender(new Outbox(store.template(), clock), mail.smtpUrl(), "fou@localhost",
                Duration.ofMinutes(2), 5, clock);
        sender.sendDue();
        assertThat(mail.greenMail().getReceivedMessages()).extracting(MimeMessage::getSubject)
                .as("the older version's mail, whatever the store did with the odd ones").contains("test:older");
        clock.advance(Duration.ofMinutes(11));
        sender.sendDue();
        assertThat(mail.greenMail().getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("test:null", "test:number", "test:older");
    }

    private static final Object MISSING = new Object();

    @Test
    void mailMarkedSentByAVersionThatKeptTheWaitingFieldIsPassedOverAndLosesIt() {
        Outbox outbox = new Outbox(store.template(), clock);
        for (int i = 0; i < 8; i++) {
            // sent by a version before the field, after this one had queued it (a downgrade and back)
            store.template().insert(new org.bson.Document("_id", "test:stale" + i).append("slot", "test:stale" + i + "#sent")
                    .append("status", "sent").append("waiting", "test:stale" + i).append("to", "anna@stockholm.se")
                    .append("nextAttemptAt", java.util.Date.from(clock.instant().minus(Duration.ofDays(1)))), Outbox.COLLECTION);
        }
        outbox.enqueue(mail(7));
        assertThat(outbox.queue().takeable(5)).containsExactly("test:7");
        assertThat(store.template().count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("waiting").exists(true)), Outbox.COLLECTION))
                .as("only the mail still waiting keeps the field").isEqualTo(1);
    }

    @Test
    void mailHeldByASenderThatDiedIsSentByAnotherOnceTheLeaseRunsOut() throws Exception {
        Outbox outbox = new Outbox(store.template(), clock);
        outbox.enqueue(mail(3));
        assertThat(outbox.queue().take("test:3", "dead-sender", clock.instant().plus(Duration.ofMinutes(2)))).isNotNull();
        OutboxSender survivor = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, clock);
        assertThat(survivor.sendDue()).as("still leased").isZero();
        clock.advance(Duration.ofMinutes(3));
        assertThat(survivor.sendDue()).isEqualTo(1);
        assertThat(mail.greenMail().getReceivedMessages()).hasSize(1);
    }

    @Test
    void eachMailSentWaitsForTheStoreOnceItsSentMarkSharingACommitWithTakingTheNext() throws Exception {
        CommandCounter commands = new CommandCounter();
        try (MongoClient counted = commands.client(store.store().connectionString("test"))) {
            Outbox outbox = new Outbox(new MongoTemplate(counted, "test"), clock);
            for (int i = 0; i < 40; i++) {
                outbox.enqueue(mail(i));
            }
            // another sender holds one mail in the middle: it is not offered, and the mail before it still recorded
            assertThat(outbox.queue().take("test:20", "other-sender", clock.instant().plus(Duration.ofMinutes(2)))).isNotNull();
            commands.reset();

            OutboxSender sender = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, clock);
            assertThat(sender.sendDue()).isEqualTo(39);

            // a take for the first mail, then each sent mark together with the next take, and the last mark alone:
            // 40 writes for 39 mails (two apiece would be 78); the mail held elsewhere costs no failed take
            assertThat(commands.count("update", "findAndModify", "insert", "delete")).as("durable writes").isEqualTo(40);
            assertThat(mail.greenMail().getReceivedMessages()).hasSize(39);
            assertThat(outbox.count(Outbox.SENT)).isEqualTo(39);
            assertThat(store.template().findById("test:20", org.bson.Document.class, Outbox.COLLECTION).getString("slot"))
                    .isEqualTo("test:20#other-sender");
            assertThat(store.template().findById("test:39", org.bson.Document.class, Outbox.COLLECTION).get("leaseUntil"))
                    .as("the last one's lease is given up when it is marked").isNull();
        }
    }

    @Test
    void aBatchIsQueuedWithOneWriteEachMailOnceEvenWhenPartOfItWasQueuedBefore() throws Exception {
        CommandCounter commands = new CommandCounter();
        try (MongoClient counted = commands.client(store.store().connectionString("test"))) {
            Outbox outbox = new Outbox(new MongoTemplate(counted, "test"), clock);
            // a restart in the middle of a fan-out: the first 120 were queued before it
            for (int i = 0; i < 120; i++) {
                outbox.enqueue(mail(i));
            }
            List<OutgoingMail> all = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                all.add(mail(i));
            }
            commands.reset();
            Set<String> queued = outbox.enqueueAll(all);

            assertThat(commands.count("insert")).as("one insert for the batch").isEqualTo(1);
            assertThat(queued).hasSize(180).contains("test:120", "test:299").doesNotContain("test:0", "test:119");
            assertThat(outbox.count(Outbox.PENDING)).isEqualTo(300);
            assertThat(outbox.enqueueAll(all)).as("all queued before").isEmpty();
            assertThat(outbox.enqueueAll(List.of())).isEmpty();

            OutboxSender sender = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, 4, 10, clock);
            while (sender.sendDue() > 0) {
                // rounds of up to 400
            }
            Set<String> ids = new HashSet<>();
            for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
                ids.add(m.getMessageID());
            }
            assertThat(ids).as("each once, with its own Message-ID").hasSize(300);
            assertThat(mail.greenMail().getReceivedMessages()).hasSize(300);
        }
    }

    @Test
    void aBatchOfMailsIsTakenWithOneCommandRecordedSentWithTheNextTakeAndNotReadAgain() throws Exception {
        CommandCounter commands = new CommandCounter();
        try (MongoClient counted = commands.client(store.store().connectionString("test"))) {
            Outbox outbox = new Outbox(new MongoTemplate(counted, "test"), clock);
            for (int i = 0; i < 25; i++) {
                outbox.enqueue(mail(i));
            }
            commands.reset();

            OutboxSender sender = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, 1, 10, clock);
            assertThat(sender.sendDue()).isEqualTo(25);

            // take 0–9; mark 0–9 sent and take 10–19; mark 10–19 and take 20–24; mark 20–24: four writes for 25 mails
            assertThat(commands.count("update", "findAndModify", "insert", "delete")).as("durable writes").isEqualTo(4);
            // the round's one scan gave the mails whole: no batch is read again after its take (three reads before)
            assertThat(commands.count("find")).as("reads").isEqualTo(1);
            List<String> ids = new ArrayList<>();
            for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
                ids.add(m.getMessageID());
                assertThat(m.getSubject()).startsWith("[FOU-2026-");
            }
            assertThat(ids).hasSize(25).doesNotHaveDuplicates();
            assertThat(outbox.count(Outbox.SENT)).isEqualTo(25);
            assertThat(store.template().findById("test:24", org.bson.Document.class, Outbox.COLLECTION).get("leaseUntil"))
                    .as("the lease is given up when the mail is marked").isNull();
        }
    }

    @Test
    void aMailAnotherSenderTakesBetweenTheScanAndTheTakeIsLeftToItAndTheRestOfTheBatchIsTaken() {
        Outbox outbox = new Outbox(store.template(), clock);
        for (int i = 0; i < 10; i++) {
            outbox.enqueue(mail(i));
        }
        List<org.bson.Document> due = outbox.queue().takeableItems(10);
        assertThat(due).hasSize(10);
        // the other replica, a moment faster
        assertThat(outbox.queue().take("test:4", "other-sender", clock.instant().plus(Duration.ofMinutes(2)))).isNotNull();

        List<org.bson.Document> taken = outbox.queue().markSentAndTake(List.of(), "this-sender", due,
                clock.instant().plus(Duration.ofMinutes(2)));

        assertThat(taken).extracting(d -> d.getString("_id")).hasSize(9).doesNotContain("test:4");
        assertThat(store.template().findById("test:4", org.bson.Document.class, Outbox.COLLECTION).getString("slot"))
                .isEqualTo("test:4#other-sender");
        assertThat(store.template().findById("test:5", org.bson.Document.class, Outbox.COLLECTION).getString("slot"))
                .isEqualTo("test:5#this-sender");
    }

    @Test
    void aMailRefusedInTheMiddleOfABatchIsRetriedAloneWhileTheRestAreRecordedSent() throws Exception {
        Outbox outbox = new Outbox(store.template(), clock);
        for (int i = 0; i < 3; i++) {
            outbox.enqueue(mail(i));
        }
        outbox.enqueue(new OutgoingMail("test:refused", "<trasig adress", "Hej", "Text", null, List.of(), null));
        for (int i = 3; i < 6; i++) {
            outbox.enqueue(mail(i));
        }
        OutboxSender sender = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, 1, 10, clock);

        assertThat(sender.sendDue()).as("the six around it").isEqualTo(6);
        assertThat(outbox.count(Outbox.SENT)).isEqualTo(6);
        org.bson.Document refused = store.template().findById("test:refused", org.bson.Document.class, Outbox.COLLECTION);
        assertThat(refused.getString("status")).isEqualTo(Outbox.PENDING);
        assertThat(refused.getInteger("attempts")).isEqualTo(1);
        assertThat(refused.getString("slot")).as("free for its next attempt").isEqualTo("test:refused#free");

        clock.advance(Duration.ofSeconds(11));
        assertThat(outbox.queue().takeable(10)).as("alone in the next attempt").containsExactly("test:refused");
        assertThat(sender.sendDue()).isZero();
        assertThat(store.template().findById("test:refused", org.bson.Document.class, Outbox.COLLECTION).getInteger("attempts"))
                .isEqualTo(2);
        assertThat(mail.greenMail().getReceivedMessages()).hasSize(6);
    }

    @Test
    void aSenderKilledMidBatchLeavesItsMailsToBeSentAgainOnceItsLeaseRunsOutNoneLost() throws Exception {
        Outbox outbox = new Outbox(store.template(), clock);
        for (int i = 0; i < 10; i++) {
            outbox.enqueue(mail(i));
        }
        // the killed sender took a batch of ten and had handed three of them to the server when it died
        List<org.bson.Document> taken = outbox.queue().markSentAndTake(List.of(), "killed-sender", outbox.queue().takeableItems(10),
                clock.instant().plus(Duration.ofMinutes(2)));
        assertThat(taken).hasSize(10);
        OutboxSender killed = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, 1, 10, clock);
        Set<String> handedOver = new HashSet<>();
        for (org.bson.Document m : taken.subList(0, 3)) {
            handedOver.add(m.getString("messageId"));
            sendAsTheKilledSenderDid(m);
        }

        OutboxSender survivor = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, 1, 10, clock);
        assertThat(survivor.sendDue()).as("the batch is still leased to the killed sender").isZero();
        clock.advance(Duration.ofMinutes(3));
        assertThat(survivor.sendDue()).isEqualTo(10);

        assertThat(outbox.count(Outbox.SENT)).isEqualTo(10);
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            ids.add(m.getMessageID());
        }
        assertThat(ids).as("three sent twice, with the Message-ID they had the first time").hasSize(13);
        assertThat(new HashSet<>(ids)).as("none lost").hasSize(10).containsAll(handedOver);
        assertThat(killed.sendDue()).as("nothing left").isZero();
    }

    @Test
    void aSenderStoppedMidRoundRecordsWhatWentOutAndGivesTheRestBackForAnotherSenderAtOnce() throws Exception {
        Outbox outbox = outboxWith(500);
        OutboxSender going = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, 1, 10, clock);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> round = pool.submit(going::sendDue);
            while (mail.greenMail().getReceivedMessages().length < 20 && !round.isDone()) {
                Thread.sleep(2);
            }
            going.stop(); // the process is going (SIGTERM) while the round is under way
            int sent = round.get(10, java.util.concurrent.TimeUnit.SECONDS);
            int delivered = mail.greenMail().getReceivedMessages().length;

            assertThat(delivered).as("the round stopped early").isBetween(20, 499);
            assertThat(sent).as("every mail that went out is recorded sent").isEqualTo(delivered);
            assertThat(outbox.count(Outbox.SENT)).isEqualTo(delivered);
            assertThat(store.template().count(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("leaseUntil").exists(true)), Outbox.COLLECTION))
                    .as("nothing still held by the sender that went").isZero();
            assertThat(going.sendDue()).as("a stopped sender sends nothing more").isZero();
        } finally {
            pool.shutdownNow();
        }

        anotherSenderSendsTheRestEachOnce(outbox, 500);
    }

    @Test
    void aStopWhileTheServerHangsRecordsWhatItTookAndGivesTheRestBackAtOnceLeavingOnlyTheMailOnTheWire() throws Exception {
        Outbox outbox = outboxWith(500);
        try (se.foubot.support.TcpProxy hanging = se.foubot.support.TcpProxy.to(mail.smtpPort())) {
            OutboxSender going = new OutboxSender(outbox, "smtp://127.0.0.1:" + hanging.port(), "fou@localhost", Duration.ofMinutes(2), 5,
                    1, 10, clock);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> round = pool.submit(going::sendDue);
                while (mail.greenMail().getReceivedMessages().length < 13 && !round.isDone()) {
                    Thread.sleep(1);
                }
                hanging.holdAnswers(); // the server takes what it is sent and answers nothing more
                Thread.sleep(300);
                int received = mail.greenMail().getReceivedMessages().length;
                assertThat(round).as("the connection waits for the server").isNotDone();

                going.stop(); // SIGTERM while the server hangs: settled from here, not after the server answers
                org.springframework.data.mongodb.core.query.Query held = org.springframework.data.mongodb.core.query.Query
                        .query(org.springframework.data.mongodb.core.query.Criteria.where("leaseUntil").exists(true)
                                .and("status").is(Outbox.PENDING));
                assertThat(outbox.count(Outbox.SENT)).as("every mail the server took is recorded, but the one on the wire")
                        .isBetween((long) received - 1, (long) received);
                assertThat(store.template().count(held, Outbox.COLLECTION)).as("only the mail on the wire is still held").isLessThanOrEqualTo(1);

                hanging.passAnswers();
                round.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(outbox.count(Outbox.SENT)).as("the mail on the wire recorded once the server answered")
                        .isEqualTo(mail.greenMail().getReceivedMessages().length);
                assertThat(store.template().count(held, Outbox.COLLECTION)).isZero();
            } finally {
                hanging.passAnswers();
                pool.shutdownNow();
            }
        }
        anotherSenderSendsTheRestEachOnce(outbox, 500);
    }

    /** An outbox with {@code n} mails queued. */
    private Outbox outboxWith(int n) {
        Outbox outbox = new Outbox(store.template(), clock);
        List<OutgoingMail> mails = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            mails.add(mail(i));
        }
        outbox.enqueueAll(mails);
        return outbox;
    }

    /**
     * Another sender, at this very moment (no lease has run out), sends what the outbox still holds; in the end the
     * server has each of the {@code n} mails once.
     */
    private void anotherSenderSendsTheRestEachOnce(Outbox outbox, int n) throws Exception {
        OutboxSender next = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5, 1, 10, clock);
        int sentInRound;
        do {
            sentInRound = next.sendDue();
        } while (sentInRound > 0);
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            ids.add(m.getMessageID());
        }
        assertThat(ids).as("each mail once").hasSize(n).doesNotHaveDuplicates();
        assertThat(outbox.count(Outbox.SENT)).isEqualTo(n);
    }

    /** What the killed sender did before it died: handed the mail to the server, as it sends it. */
    private static void sendAsTheKilledSenderDid(org.bson.Document outboxMail) throws Exception {
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(new java.util.Properties());
        String messageId = outboxMail.getString("messageId");
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom("fou@localhost");
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, outboxMail.getString("to"));
        m.setSubject(outboxMail.getString("subject"), "UTF-8");
        m.setText(outboxMail.getString("text"), "UTF-8");
        m.saveChanges();
        java.net.URI smtp = java.net.URI.create(mail.smtpUrl());
        try (jakarta.mail.Transport transport = session.getTransport("smtp")) {
            transport.connect(smtp.getHost(), smtp.getPort(), null, null);
            transport.sendMessage(m, m.getAllRecipients());
        }
    }

    @Test
    void retriesPauseLongerEachTimeUpToHalfAnHour() {
        assertThat(OutboxSender.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(OutboxSender.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(OutboxSender.backoff(12)).isEqualTo(Duration.ofMinutes(30));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

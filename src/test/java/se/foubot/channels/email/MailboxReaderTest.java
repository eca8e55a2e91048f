package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import se.foubot.privacy.OutsideTextGuard;
import se.foubot.store.EmbeddedMongoStore;
import se.foubot.support.CommandCounter;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/** Reading the mailbox while MongoDB is away loses nothing: the message stays unseen until it is stored. */
class MailboxReaderTest {

    @TempDir
    Path dataDir;

    @Test
    void aMessageReadWhileTheStoreIsDownStaysUnseenAndIsStoredOnceItIsBack() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedMongoStore store = EmbeddedMongoStore.start(dataDir, port);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(store.connectionString("test")))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(500, TimeUnit.MILLISECONDS))
                .applyToServerSettings(s -> s.heartbeatFrequency(500, TimeUnit.MILLISECONDS)
                        .minHeartbeatFrequency(100, TimeUnit.MILLISECONDS)).build();
        try (MongoClient client = MongoClients.create(settings); EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0)) {
            MongoTemplate mongo = new MongoTemplate(client, "test");
            MailProperties properties = new MailProperties(null, null, "fou@localhost", List.of(), 0, 0, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 5, Duration.ofSeconds(1), 10, null, Duration.ofMinutes(1), List.of(), Duration.ofMinutes(5), 1, 20, 1);
            MailInbox inbox = new MailInbox(mongo, new MutableClock(TestClockConfiguration.START),
                    new OutsideTextGuard(), properties,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            inbox.ensure(mongo);
            MailboxReader reader = new MailboxReader(mail.imapUrl(), inbox, null);
            GreenMailUtil.sendTextEmail("fou@localhost", "anna@stockholm.se", "Stöd", "Vi behöver stöd med uppföljning.",
                    mail.greenMail().getSmtp().getServerSetup());

            store.close(); // MongoDB goes away
            reader.poll();
            assertThat(unseen(mail)).as("not marked seen while it could not be stored").isEqualTo(1);

            store = EmbeddedMongoStore.start(dataDir, port); // and comes back: the next polls store it
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                reader.poll();
                return unseen(mail) == 0;
            });
            assertThat(mongo.findAll(Document.class, MailInbox.INBOX)).singleElement()
                    .satisfies(d -> assertThat(d.getString("text")).isEqualTo("Vi behöver stöd med uppföljning."));
            reader.poll();
            assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), MailInbox.INBOX)).isEqualTo(1);
        } finally {
            store.close();
        }
    }

    @Test
    void mailTheProcessBeforeWasProcessingWhenItDiedIsTakenUpAtOnceNotAfterItsLease() throws Exception {
        // the process before this one on the same data directory (id aaaaaaaaaaaa) was killed while processing a mail
        java.nio.file.Files.writeString(dataDir.resolve("process-boot"), "aaaaaaaaaaaa");
        se.foubot.store.ProcessBoot boot = new se.foubot.store.ProcessBoot(dataDir);
        try (se.foubot.support.EmbeddedStoreFixture store = new se.foubot.support.EmbeddedStoreFixture(dataDir.resolve("store"))) {
            MailProperties properties = new MailProperties(null, null, "fou@localhost", List.of(), 0, 0, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 5, Duration.ofSeconds(1), 10, null, Duration.ofMinutes(1), List.of(), Duration.ofMinutes(5), 1, 20, 1);
            MutableClock clock = new MutableClock(TestClockConfiguration.START);
            MongoTemplate mongo = store.template();
            java.util.Date inFiveMinutes = java.util.Date.from(clock.instant().plus(Duration.ofMinutes(5)));
            mongo.insert(new Document("_id", "mid:dead").append("status", MailInbox.PROCESSING).append("attempts", 1)
                    .append("leaseUntil", inFiveMinutes).append("holder", "mail-processor-aaaaaaaaaaaa")
                    .append("receivedAt", java.util.Date.from(clock.instant())), MailInbox.INBOX);
            // another replica's, alive: left alone until its lease runs out
            mongo.insert(new Document("_id", "mid:alive").append("status", MailInbox.PROCESSING).append("attempts", 1)
                    .append("leaseUntil", inFiveMinutes).append("holder", "mail-processor-bbbbbbbbbbbb")
                    .append("receivedAt", java.util.Date.from(clock.instant())), MailInbox.INBOX);
            MailInbox inbox = new MailInbox(mongo, clock, new OutsideTextGuard(), properties,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), boot);

            Document taken = inbox.takeNext();
            assertThat(taken.getString("_id")).isEqualTo("mid:dead");
            assertThat(taken.getInteger("attempts")).as("the take that died with the process counts").isEqualTo(2);
            assertThat(taken.getString("holder")).isEqualTo("mail-processor-" + boot.id());
            assertThat(inbox.takeNext()).isNull();
        } finally {
            boot.release();
        }
    }

    @Test
    void withAProcessedFolderStoredMailIsMovedThere() throws Exception {
        try (EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0);
                se.foubot.support.EmbeddedStoreFixture store = new se.foubot.support.EmbeddedStoreFixture(dataDir)) {
            MailProperties properties = new MailProperties(null, null, "fou@localhost", List.of(), 0, 0, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 5, Duration.ofSeconds(1), 10, "Behandlat", Duration.ofMinutes(1), List.of(), Duration.ofMinutes(5), 1, 20, 1);
            MailInbox inbox = new MailInbox(store.template(), new MutableClock(TestClockConfiguration.START),
                    new OutsideTextGuard(), properties,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            GreenMailUtil.sendTextEmail("fou@localhost", "anna@stockholm.se", "Stöd", "Vi behöver stöd.",
                    mail.greenMail().getSmtp().getServerSetup());
            new MailboxReader(mail.imapUrl(), inbox, "Behandlat").poll();
            MailSessions.Server server = MailSessions.parse(mail.imapUrl());
            try (Store s = MailSessions.session(server).getStore("imap")) {
                s.connect(server.host(), server.port(), server.user(), server.password());
                assertThat(s.getFolder("INBOX").getMessageCount()).isZero();
                assertThat(s.getFolder("Behandlat").getMessageCount()).isEqualTo(1);
            }
            assertThat(store.template().count(new org.springframework.data.mongodb.core.query.Query(), MailInbox.INBOX)).isEqualTo(1);
        }
    }

    @Test
    void aBatchOfMailIsStoredWithOneWritePerCollectionOnceEachAndOnlyThenMarkedSeen() throws Exception {
        CommandCounter commands = new CommandCounter();
        try (EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0);
                EmbeddedMongoStore store = EmbeddedMongoStore.start(dataDir, 0);
                MongoClient client = commands.client(store.connectionString("test"))) {
            MongoTemplate mongo = new MongoTemplate(client, "test");
            MailProperties properties = new MailProperties(null, null, "fou@localhost", List.of(), 0, 0, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 5, Duration.ofSeconds(1), 10, null, Duration.ofMinutes(1), List.of(), Duration.ofMinutes(5), 1, 20, 1);
            MailInbox inbox = new MailInbox(mongo, new MutableClock(TestClockConfiguration.START), new OutsideTextGuard(), properties,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            inbox.ensure(mongo);
            MailboxReader reader = new MailboxReader(mail.imapUrl(), inbox, null);
            deliver(mail, "<stod-1@stockholm.se>", "anna@stockholm.se", "");
            assertThat(reader.poll()).isEqualTo(1);

            // the same mail once more (a copy the server delivered twice), eight new ones and an out-of-office answer
            deliver(mail, "<stod-1@stockholm.se>", "anna@stockholm.se", "");
            for (int i = 2; i <= 9; i++) {
                deliver(mail, "<stod-" + i + "@stockholm.se>", "person" + i + "@stockholm.se", "");
            }
            deliver(mail, "<franvaro@stockholm.se>", "per@stockholm.se", "Auto-Submitted: auto-replied\r\n");
            commands.reset();
            assertThat(reader.poll()).isEqualTo(10);

            assertThat(commands.count("insert")).as("one insert for the inbox, one for the quarantine").isEqualTo(2);
            assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), MailInbox.INBOX)).isEqualTo(9);
            assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), MailInbox.QUARANTINE)).isEqualTo(1);
            assertThat(unseen(mail)).isZero();
            assertThat(reader.poll()).as("nothing left unseen").isZero();
        }
    }

    /** A mail as a mail program writes it, with its own Message-ID (kept as it is on the way). */
    private static void deliver(EmbeddedMailServer mail, String messageId, String from, String extraHeaders) throws Exception {
        String raw = "Message-ID: " + messageId + "\r\nDate: Tue, 01 Dec 2026 09:00:00 +0100\r\nFrom: " + from
                + "\r\nTo: fou@localhost\r\nSubject: =?UTF-8?Q?St=C3=B6d_med_uppf=C3=B6ljning?=\r\n" + extraHeaders
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Vi behöver stöd med en uppföljningsmall.\r\n";
        Session session = GreenMailUtil.getSession(mail.greenMail().getSmtp().getServerSetup());
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))) {
            @Override
            protected void updateMessageID() {
                // keep the Message-ID the sender wrote
            }
        };
        Transport.send(message);
    }

    private static int unseen(EmbeddedMailServer mail) throws Exception {
        MailSessions.Server server = MailSessions.parse(mail.imapUrl());
        try (Store s = MailSessions.session(server).getStore("imap")) {
            s.connect(server.host(), server.port(), server.user(), server.password());
            Folder inbox = s.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)).length;
            } finally {
                inbox.close(false);
            }
        }
    }
}

package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.FouBotApplication;
import se.foubot.store.EmbeddedMongoStore;
import se.foubot.store.Leases;
import se.foubot.support.OwnThreads;
import se.foubot.tasks.Requester;
import se.foubot.tasks.StaffPost;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.slack.StaffPosts;

/**
 * Two bot replicas (two application contexts) against one store and one mail server, as two processes would
 * run against one MongoDB: one reads the mailbox at a time, nothing is created, claimed or sent twice, and when
 * the reader dies the other takes over once its lease has run out.
 */
class TwoReplicasTest {

    @TempDir
    static Path dir;

    static EmbeddedMongoStore store;
    static EmbeddedMailServer mail;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() {
        store = EmbeddedMongoStore.start(dir.resolve("shared"), 0);
        mail = EmbeddedMailServer.start(0, 0);
        a = replica();
        b = replica();
    }

    private static ConfigurableApplicationContext replica() {
        // as command-line arguments, which win over application.yaml, as a second process would be configured; the
        // reader lease outlasts a slow first round on a busy machine (the takeover below shortens it itself)
        return new SpringApplicationBuilder(FouBotApplication.class).web(WebApplicationType.NONE).run(
                "--foubot.store.mongodb-uri=" + store.connectionString("foubot"), "--foubot.mail.smtp-url=" + mail.smtpUrl(),
                "--foubot.mail.imap-url=" + mail.imapUrl(), "--foubot.mail.poll-interval=1h", "--foubot.mail.outbox-poll-interval=1h",
                "--foubot.mail.idle=false", "--foubot.mail.reader-lease=1m", "--foubot.mail.allowed-sender-domains=stockholm.se");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {a, b}) {
            if (c != null && c.isActive()) {
                c.close();
            }
        }
        mail.close();
        store.close();
    }

    private static void send(int i) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress("person" + i + "@stockholm.se"));
        m.setRecipients(Message.RecipientType.TO, "fou@localhost");
        m.setSubject("Stöd med utvärdering " + i, "UTF-8");
        m.setText("Hej! Vi på Farsta behöver en utvärderingsplan för vårt nya arbetssätt med föräldrastöd. "
                + "Vi behöver den senast 2027-03-01.\n\nHälsningar\nPerson " + i, "UTF-8");
        Transport.send(m);
    }

    /**
     * Who took the reader lease last, whether or not it has run out since: it lasts 2 s of real time, which a
     * round of twelve mails on a busy machine can outlast.
     */
    private String lastReader() {
        return a.getBean(MongoTemplate.class).findById(MailConfiguration.InboxSchedule.LEASE, org.bson.Document.class, "leases")
                .getString("holder");
    }

    private static long tasksIn(ConfigurableApplicationContext c) {
        return c.getBean(MongoTemplate.class).count(Query.query(Criteria.where("requester.person").regex("^person")), SupportTask.class);
    }

    @Test
    void twoReplicasShareTheWorkWithNothingDoubledAndTheSecondTakesOverTheMailboxWhenTheFirstDies() throws Exception {
        int n = 12;
        for (int i = 0; i < n; i++) {
            send(i);
        }
        MailConfiguration.InboxSchedule inboxA = a.getBean(MailConfiguration.InboxSchedule.class);
        MailConfiguration.InboxSchedule inboxB = b.getBean(MailConfiguration.InboxSchedule.class);
        CompletableFuture.allOf(CompletableFuture.runAsync(inboxA::tick, OwnThreads.EACH),
                CompletableFuture.runAsync(inboxB::tick, OwnThreads.EACH)).join();
        assertThat(tasksIn(a)).as("each mail one task").isEqualTo(n);
        assertThat(lastReader()).as("one replica took the reader lease").isIn(readerOf(a), readerOf(b));

        // analysts click Claim on both replicas at once: one winner per task
        List<SupportTask> tasks = a.getBean(TaskService.class).unclaimed().stream()
                .filter(t -> t.requester().person().startsWith("person")).toList();
        assertThat(tasks).hasSize(n);
        List<CompletableFuture<TaskService.ClaimResult>> claims = new ArrayList<>();
        for (SupportTask t : tasks) {
            claims.add(CompletableFuture.supplyAsync(() -> a.getBean(TaskService.class).claim(t.reference(), "UANALYST_A"),
                    OwnThreads.EACH));
            claims.add(CompletableFuture.supplyAsync(() -> b.getBean(TaskService.class).claim(t.reference(), "UANALYST_B"),
                    OwnThreads.EACH));
        }
        assertThat(claims.stream().map(CompletableFuture::join).filter(r -> r instanceof TaskService.Granted)).hasSize(n);

        // both outboxes send at once: each requester gets the confirmation and the "claimed" notice, once each
        OutboxSender senderA = a.getBean(OutboxSender.class);
        OutboxSender senderB = b.getBean(OutboxSender.class);
        CompletableFuture.allOf(CompletableFuture.runAsync(senderA::sendDue, OwnThreads.EACH),
                CompletableFuture.runAsync(senderB::sendDue, OwnThreads.EACH)).join();
        List<String> messageIds = Arrays.stream(mail.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith("[FOU-");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).map(m -> {
            try {
                return m.getMessageID();
            } catch (jakarta.mail.MessagingException e) {
                return "";
            }
        }).toList();
        assertThat(messageIds).hasSize(2 * n).doesNotHaveDuplicates();

        // the replica holding the mailbox dies without letting go; the other reads once the lease has run out
        Leases leases = b.getBean(Leases.class);
        String reader = lastReader();
        ConfigurableApplicationContext dead = reader.equals(readerOf(a)) ? a : b;
        ConfigurableApplicationContext survivor = dead == a ? b : a;
        send(100);
        // its last renewal: long enough that the survivor's first round surely falls inside it, even on a busy machine
        leases.acquire(MailConfiguration.InboxSchedule.LEASE, reader, Duration.ofSeconds(5));
        survivor.getBean(MailConfiguration.InboxSchedule.class).tick();
        assertThat(tasksIn(survivor)).as("still held by the dead replica").isEqualTo(n);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            survivor.getBean(MailConfiguration.InboxSchedule.class).tick();
            assertThat(tasksIn(survivor)).isEqualTo(n + 1);
        });
        assertThat(lastReader()).isEqualTo(readerOf(survivor));
    }

    @Test
    void theTurnToPostATasksFirstStaffMessageGoesToOneReplicaAndComesBackWhenGivenBackOrRunOut() throws Exception {
        TaskService tasksA = a.getBean(TaskService.class);
        StaffPosts postsA = a.getBean(StaffPosts.class);
        StaffPosts postsB = b.getBean(StaffPosts.class);
        String reference = tasksA.create("turn-test", new Requester("email", "turn@stockholm.se", Map.of()),
                new SupportRequest("farsta", null, "Uppföljning", null, "uppfoljning", null, null, "sv"), List.of()).reference();
        Duration turn = Duration.ofSeconds(2);
        List<CompletableFuture<Boolean>> racing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> postsA.takeFirstPostTurn(reference, turn).taken(), OwnThreads.EACH));
            racing.add(CompletableFuture.supplyAsync(() -> postsB.takeFirstPostTurn(reference, turn).taken(), OwnThreads.EACH));
        }
        assertThat(racing.stream().map(CompletableFuture::join).filter(Boolean::booleanValue)).hasSize(1);

        postsA.giveBackFirstPostTurn(reference); // its post failed: the next repost, anywhere, may try at once
        assertThat(postsB.takeFirstPostTurn(reference, turn)).as("A's post may be in the channel").isEqualTo(StaffPosts.FirstPostTurn.AFTER_ANOTHER);
        await().atMost(Duration.ofSeconds(10)).until(() -> postsA.takeFirstPostTurn(reference, turn).taken()); // B died with it

        postsA.markPosted(reference, new StaffPost("CSTAFF", "1.2"), "shows");
        Thread.sleep(turn.toMillis() + 100);
        assertThat(postsB.takeFirstPostTurn(reference, turn)).as("posted: nobody posts it again").isEqualTo(StaffPosts.FirstPostTurn.HELD);
    }

    private static String readerOf(ConfigurableApplicationContext c) {
        return c.getBean(MailConfiguration.InboxSchedule.class).holder();
    }
}

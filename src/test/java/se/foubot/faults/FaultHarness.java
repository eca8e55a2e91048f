package se.foubot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import se.foubot.FouBotApplication;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.grants.Subscriber;
import se.foubot.store.EmbeddedMongoStore;
import se.foubot.support.OwnThreads;
import se.foubot.support.TcpProxy;
import se.foubot.support.TestMail;

/**
 * What the bot does when the things it depends on fail, measured on the real protocols: two bot replicas
 * against one MongoDB (the embedded store), GreenMail behind pass-throughs that can be cut (SMTP, IMAP), and the
 * fake Slack Web API. For each fault, support mails keep arriving while it lasts; afterwards every one of them must
 * be exactly one task, one reply to the sender and one post in the analysts' channel. Last, a bot process is
 * killed (SIGKILL) in the middle of a grant-reminder fan-out, and every subscriber must get each reminder once.
 *
 * <p>Prints a table: what was lost, what was doubled, and how long after the fault ended the bot had caught up.
 * A benchmark, not part of the test suite: {@code mvn -B -ntp -Pbench test -Dtest=FaultHarness}. Sizes:
 * {@code -Dbench.args="-Dfoubot.faults.mails=30 -Dfoubot.faults.outage-seconds=10 -Dfoubot.faults.subscribers=1000"}.
 */
@Tag("benchmark")
class FaultHarness {

    private static final int MAILS = Integer.getInteger("foubot.faults.mails", 30);
    private static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("foubot.faults.outage-seconds", 10));
    private static final int SUBSCRIBERS = Integer.getInteger("foubot.faults.subscribers", 1000);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(3);
    /** The bot processes' outbox: connections, and mails each takes and records as sent with one command (the defaults). */
    private static final int SMTP_CONNECTIONS = 4;
    private static final int OUTBOX_BATCH = 10;
    private static final String STAFF_CHANNEL = "CFOUSTAFF";

    @TempDir
    static Path dir;

    static EmbeddedMongoStore store;
    static int storePort;
    static EmbeddedMailServer mail;
    static TestMail people;
    static TcpProxy smtp;
    static TcpProxy imap;
    static FakeSlackApi slack;
    static MongoClient client;
    static MongoTemplate mongo;
    static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    static final List<Outcome> table = new ArrayList<>();
    static int redeliveredAfterKill;

    /** One row of the table. */
    record Outcome(String fault, String load, Count tasks, Count replies, Count posts, double recoverySeconds, String note) {

        boolean nothingLost() {
            return tasks.lost() == 0 && replies.lost() == 0 && posts.lost() == 0 && recoverySeconds >= 0;
        }

        boolean nothingDoubled() {
            return tasks.doubled() == 0 && replies.doubled() == 0 && posts.doubled() == 0;
        }

        String row() {
            return String.format("%-33s %-28s %-7s %-7s %-7s %8s  %s", fault, load, tasks, replies, posts,
                    recoverySeconds < 0 ? "NEVER" : String.format("%.1f s", recoverySeconds), note);
        }
    }

    /** How many of what was expected arrived not at all, and how many arrived more than once. */
    record Count(int lost, int doubled) {

        /** Not part of this fault's work. */
        static final Count NONE = new Count(0, 0);

        static Count of(int expected, Map<String, Integer> arrivals) {
            int doubled = arrivals.values().stream().mapToInt(n -> n - 1).sum();
            return new Count(Math.max(0, expected - arrivals.size()), doubled);
        }

        @Override
        public String toString() {
            return this == NONE ? "-" : lost + "/" + doubled;
        }
    }

    @BeforeAll
    static void start() {
        storePort = freePort();
        store = EmbeddedMongoStore.start(dir.resolve("store"), storePort);
        mail = EmbeddedMailServer.start(0, 0);
        people = new TestMail(mail);
        smtp = TcpProxy.to(mail.smtpPort());
        imap = TcpProxy.to(mail.imapPort());
        slack = FakeSlackApi.start();
        client = MongoClients.create(store.connectionString("foubot"));
        mongo = new MongoTemplate(client, "foubot");
        replicas.add(replica("a"));
        replicas.add(replica("b"));
    }

    private static ConfigurableApplicationContext replica(String name) {
        // command-line arguments, as a second process would be configured; fast rounds so that a run takes minutes
        return new SpringApplicationBuilder(FouBotApplication.class).web(WebApplicationType.NONE).run(
                "--foubot.store.mongodb-uri=" + store.connectionString("foubot"),
                "--foubot.store.data-dir=" + dir.resolve("data-" + name),
                "--foubot.mail.smtp-url=smtp://127.0.0.1:" + smtp.port(),
                "--foubot.mail.imap-url=imap://fou%40localhost:" + EmbeddedMailServer.PASSWORD + "@127.0.0.1:" + imap.port() + "/INBOX",
                "--foubot.mail.poll-interval=250ms", "--foubot.mail.outbox-poll-interval=250ms", "--foubot.mail.idle=false",
                "--foubot.mail.reader-lease=3s", "--foubot.mail.allowed-sender-domains=stockholm.se",
                "--foubot.slack.bot-token=xoxb-fault-harness", "--foubot.slack.signing-secret=fault-harness",
                "--foubot.slack.api-url=" + slack.url(), "--foubot.slack.staff-channel=" + STAFF_CHANNEL,
                "--foubot.slack.repost-interval=1s", "--foubot.slack.channel-messages-per-second=50",
                "--foubot.slack.channel-burst=50");
    }

    @AfterAll
    static void stop() {
        replicas.stream().filter(ConfigurableApplicationContext::isActive).forEach(ConfigurableApplicationContext::close);
        client.close();
        slack.close();
        smtp.close();
        imap.close();
        mail.close();
        store.close();
    }

    @Test
    void everyFaultEndsWithNothingLostAndNothingDoubled() throws Exception {
        faultDuringMailLoad("MongoDB stopped, then started", "mongo", () -> store.close(),
                () -> store = EmbeddedMongoStore.start(dir.resolve("store"), storePort));
        faultDuringMailLoad("SMTP server down", "smtp", smtp::down, smtp::up);
        faultDuringMailLoad("IMAP server down", "imap", imap::down, imap::up);
        faultDuringMailLoad("Slack API answers 500", "slack500", () -> slack.outage(500), slack::endOutage);
        faultDuringMailLoad("Slack API answers 429", "slack429", () -> slack.outage(429), slack::endOutage);
        killedInTheMiddleOfAReminderFanOut();

        System.out.printf("%nFault harness: 2 bot replicas, one MongoDB (embedded store), GreenMail, fake Slack API%n");
        System.out.printf("Each fault lasts %d s while %d support mails arrive; tasks, mails out and Slack posts are lost/doubled.%n",
                OUTAGE.toSeconds(), MAILS);
        System.out.printf("%-33s %-28s %-7s %-7s %-7s %8s  %s%n", "fault", "work", "tasks", "mails", "posts",
                "recovery", "evidence");
        table.forEach(o -> System.out.println(o.row()));
        System.out.println("recovery: from the end of the fault until all of the work was done (every task, reply and"
                + " post; after the kill, every reminder delivered)");
        System.out.println("doubled: two mails (tasks, posts) for one; a mail SMTP had taken when its sender was killed and"
                + " that the survivor sent again, with the same Message-ID, is counted as redelivered");

        assertThat(table).allSatisfy(o -> assertThat(o.nothingLost()).as(o.row()).isTrue());
        assertThat(table).allSatisfy(o -> assertThat(o.nothingDoubled()).as(o.row()).isTrue());
        // SMTP has no way to ask whether it took a mail: those the killed process had handed over and not yet recorded
        // as sent may go out again, at most a batch per connection
        assertThat(redeliveredAfterKill).as("mails redelivered after the kill (one sender was killed)")
                .isLessThanOrEqualTo(SMTP_CONNECTIONS * OUTBOX_BATCH);
    }

    /**
     * Support mails from {@code tag}-N@stockholm.se arrive steadily from two seconds before the fault until it ends;
     * then the harness waits until each is one task, one reply and one staff-channel post. What was still undone when
     * the fault ended shows that the fault held work back; recovery is the time until that backlog was done.
     */
    private void faultDuringMailLoad(String fault, String tag, Runnable breakIt, Runnable mendIt) throws Exception {
        long pause = OUTAGE.plusSeconds(2).toMillis() / MAILS;
        int postsBefore = slack.calls("chat.postMessage").size();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < MAILS; i++) {
                try {
                    people.send(tag + "-" + i + "@stockholm.se", "Stöd med utvärdering " + i,
                            "Hej! Vi på Farsta behöver en utvärderingsplan för vårt nya arbetssätt med föräldrastöd. "
                                    + "Vi behöver den senast 2027-03-01.\n\nHälsningar\nPerson " + i, null);
                    Thread.sleep(pause);
                } catch (MessagingException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, OwnThreads.EACH);
        Thread.sleep(2000);
        breakIt.run();
        Thread.sleep(OUTAGE.toMillis());
        load.join();
        String heldBack = "undone when it ended: replies " + (MAILS - replies(tag).size()) + ", posts "
                + (MAILS - staffPostsSince(postsBefore));
        mendIt.run();
        long mended = System.nanoTime();
        double recovery = waitFor(() -> caughtUp(tag)) ? (System.nanoTime() - mended) / 1e9 : -1;
        Map<String, Integer> tasks = new HashMap<>();
        Set<String> references = new HashSet<>();
        for (Document t : mongo.find(Query.query(Criteria.where("requester.person").regex("^" + tag + "-")), Document.class,
                "support_tasks")) {
            tasks.merge(t.get("requester", Document.class).getString("person"), 1, Integer::sum);
            references.add(t.getString("_id"));
        }
        table.add(new Outcome(fault, MAILS + " mails in", Count.of(MAILS, tasks), Count.of(MAILS, replies(tag)),
                Count.of(MAILS, staffPosts(references)), recovery, heldBack));
    }

    /** First staff-channel messages posted since the {@code mark}-th call (counted without MongoDB, which may be down). */
    private static int staffPostsSince(int mark) {
        List<FakeSlackApi.Call> calls = slack.calls("chat.postMessage");
        return (int) calls.subList(Math.min(mark, calls.size()), calls.size()).stream()
                .filter(c -> c.param("channel").equals(STAFF_CHANNEL) && c.param("thread_ts").isEmpty()).count();
    }

    private static boolean caughtUp(String tag) {
        List<Document> tasks = mongo.find(Query.query(Criteria.where("requester.person").regex("^" + tag + "-")),
                Document.class, "support_tasks");
        Set<String> references = new HashSet<>();
        tasks.forEach(t -> references.add(t.getString("_id")));
        return tasks.size() >= MAILS && replies(tag).size() >= MAILS && staffPosts(references).size() >= MAILS;
    }

    /** The bot's replies to each {@code tag}-N sender (the "[FOU-…]" confirmation), counted per sender. */
    private static Map<String, Integer> replies(String tag) {
        Map<String, Integer> out = new HashMap<>();
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            try {
                String to = m.getAllRecipients()[0].toString();
                if (to.startsWith(tag + "-") && m.getSubject() != null && m.getSubject().contains("FOU-")) {
                    out.merge(to, 1, Integer::sum);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** The first staff-channel message of each task (not the thread replies), counted per task. */
    private static Map<String, Integer> staffPosts(Set<String> references) {
        Map<String, Integer> out = new HashMap<>();
        for (FakeSlackApi.Call c : slack.calls("chat.postMessage")) {
            if (c.param("channel").equals(STAFF_CHANNEL) && c.param("thread_ts").isEmpty()) {
                String reference = c.param("text").split(" ", 2)[0];
                if (references.contains(reference)) {
                    out.merge(reference, 1, Integer::sum);
                }
            }
        }
        return out;
    }

    /**
     * The in-process replicas step aside for two bot processes, A and B. At start-up both catch up on grant
     * reminders that are due (offset P400D makes every 2027 deadline due now) for {@link #SUBSCRIBERS} subscribers
     * and send them. A is killed with SIGKILL once a third of the subscribers have mail; B must finish the work,
     * including the mail A had taken, once A's 10 s lease has run out. Then A starts again and must send nothing.
     */
    private void killedInTheMiddleOfAReminderFanOut() throws Exception {
        replicas.forEach(ConfigurableApplicationContext::close);
        List<Subscriber> subscribers = new ArrayList<>();
        Instant longAgo = Instant.parse("2025-01-01T08:00:00Z");
        for (int i = 0; i < SUBSCRIBERS; i++) {
            String address = "bevakare" + i + "@stockholm.se";
            subscribers.add(new Subscriber(Subscriber.id("email", address), "email", address, address, null,
                    List.of("LUM", "MUL"), true, "sv", "import", "token-" + i, longAgo, null));
        }
        mongo.insert(subscribers, Subscriber.COLLECTION);
        List<String> args = List.of("--foubot.store.mongodb-uri=" + store.connectionString("foubot"),
                "--foubot.mail.smtp-url=" + mail.smtpUrl(), "--foubot.mail.imap-url=" + mail.imapUrl(),
                "--foubot.mail.poll-interval=1h", "--foubot.mail.idle=false", "--foubot.mail.outbox-poll-interval=200ms",
                "--foubot.mail.outbox-lease=10s", "--foubot.mail.smtp-connections=" + SMTP_CONNECTIONS,
                "--foubot.mail.outbox-batch=" + OUTBOX_BATCH, "--foubot.grants.reminder-offsets=P400D", "--server.port=0",
                "--foubot.slack.bot-token=", "--foubot.store.data-dir=" + dir.resolve("data-processes"));
        ChildBot a = ChildBot.start("bot-a", dir, args);
        ChildBot b = ChildBot.start("bot-b", dir, args);
        a.awaitStarted(Duration.ofMinutes(2));
        b.awaitStarted(Duration.ofMinutes(2));
        if (!waitFor(() -> reminders().distinct() >= SUBSCRIBERS / 3)) {
            throw new IllegalStateException("no reminders were sent; see the logs in " + dir);
        }
        a.kill();
        int deliveredAtKill = reminders().distinct();
        long killed = System.nanoTime();
        double recovery = waitFor(FaultHarness::remindersAllDelivered) ? (System.nanoTime() - killed) / 1e9 : -1;

        ChildBot again = ChildBot.start("bot-a-restarted", dir, args);
        again.awaitStarted(Duration.ofMinutes(2));
        int before = reminders().received();
        Thread.sleep(3000);
        int after = reminders().received();
        again.stop();
        b.stop();

        Set<String> reminderIds = new HashSet<>();
        for (Document d : queuedReminders()) {
            String[] parts = d.getString("_id").split(":");
            reminderIds.add(parts[1] + ":" + parts[2]);
        }
        int expected = SUBSCRIBERS * reminderIds.size();
        Delivered delivered = reminders();
        redeliveredAfterKill = delivered.redelivered();
        table.add(new Outcome("bot killed (SIGKILL) mid fan-out", expected + " reminders, 2 processes", Count.NONE,
                new Count(expected - delivered.distinct(), delivered.doubled(reminderIds.size())), Count.NONE, recovery,
                "killed at " + deliveredAtKill + " delivered; " + redeliveredAfterKill
                        + " redelivered with its Message-ID; after the restart " + (after - before) + " more"));
    }

    private static List<Document> queuedReminders() {
        return mongo.find(Query.query(Criteria.where("_id").regex("^grant:")), Document.class, "outbox");
    }

    private static boolean remindersAllDelivered() {
        List<Document> queued = queuedReminders();
        boolean allSent = !queued.isEmpty() && queued.stream().allMatch(d -> "sent".equals(d.getString("status")));
        return allSent && reminders().distinct() >= queued.size() && queued.size() % SUBSCRIBERS == 0;
    }

    /** Reminder mails received: arrivals per Message-ID (one per subscriber and deadline), and each subscriber's. */
    record Delivered(Map<String, Integer> arrivals, Map<String, Set<String>> messageIdsByRecipient) {

        int distinct() {
            return arrivals.size();
        }

        int received() {
            return arrivals.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The same mail again: SMTP had it when the sending process died, so the survivor sent it once more. */
        int redelivered() {
            return received() - distinct();
        }

        /** Different mails for one reminder to one subscriber: the bot queued it twice. */
        int doubled(int remindersEach) {
            return messageIdsByRecipient.values().stream().mapToInt(ids -> Math.max(0, ids.size() - remindersEach)).sum();
        }
    }

    private static Delivered reminders() {
        Map<String, Integer> arrivals = new HashMap<>();
        Map<String, Set<String>> byRecipient = new HashMap<>();
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            try {
                if (m.getSubject() != null && m.getSubject().startsWith("Påminnelse")) {
                    arrivals.merge(m.getMessageID(), 1, Integer::sum);
                    byRecipient.computeIfAbsent(m.getAllRecipients()[0].toString(), r -> new HashSet<>()).add(m.getMessageID());
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Delivered(arrivals, byRecipient);
    }

    /** Polls until {@code done}; false after {@link #CATCH_UP_LIMIT}. */
    private static boolean waitFor(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (System.nanoTime() < end) {
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package se.foubot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.store.StoredMessage;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.channels.slack.SlackRequests;
import se.foubot.store.EmbeddedMongoStore;
import se.foubot.support.TestMail;

/**
 * The bot, in a process of its own on the embedded store, under mixed load — Slack intakes as signed HTTP requests,
 * support mails from an IMAP server outside it (GreenMail in this JVM), subscriber imports through the admin API,
 * FoU-forum registrations by Slack button, and the grant-reminder fan-out every start catches up on — killed with
 * SIGKILL at random moments, {@code foubot.kills} times (20). After each restart every item the bot had
 * acknowledged before the kill must be there exactly once: an HTTP 200 (Slack message answered, subscriber stored,
 * registration made), a mail it marked {@code \Seen} (stored), an outbox mail it marked sent (delivered). At the
 * end, with the load stopped: each mail and each completed Slack intake is one task, every subscriber has each
 * reminder once, and the forum's seat count matches its registrations.
 *
 * <p>Prints a table, one row per kill. A benchmark, not part of the test suite:
 * {@code mvn -B -ntp -Pbench test -Dtest=KillHarness}; sizes {@code -Dbench.args="-Dfoubot.kills=20"}.
 */
@Tag("benchmark")
class KillHarness {

    private static final int KILLS = Integer.getInteger("foubot.kills", 20);
    /** Subscribers from before the run: every start catches up on the reminders due to them (offset P400D). */
    private static final int FAN_OUT = Integer.getInteger("foubot.kills.subscribers", 600);
    private static final long SEED = Long.getLong("foubot.kills.seed", System.nanoTime());
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final String TOKEN = "kill-harness-admin-token";
    private static final String STAFF = "CFOUSTAFF";
    private static final String MEETING = "forum-2030-03-12";
    /** One Slack intake, the last message confirms and stores the request. */
    private static final List<String> INTAKE = List.of("stöd", "hagersten", "verksamhetsutvecklare",
            "Vi behöver en uppföljningsmall för vårt nya arbetssätt.", "ja", "Min ekonomi", "uppföljning", "15 mars",
            "anna@stockholm.se", "ja");

    @TempDir
    static Path dir;

    /** A restart many times over: the JIT's quick tier only (the bot's start is most of a round). */
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    static ChildBot bot;
    static EmbeddedMailServer mail;
    static TestMail people;
    static FakeSlackApi slack;
    static int httpPort;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** What the load generators had acknowledged by the bot. */
    static final Map<String, AtomicInteger> slackAcked = new ConcurrentHashMap<>();
    static final Set<String> slackConfirmed = ConcurrentHashMap.newKeySet();
    static final Set<String> mailsSent = ConcurrentHashMap.newKeySet();
    static final Set<String> imported = ConcurrentHashMap.newKeySet();
    static final Set<String> registered = ConcurrentHashMap.newKeySet();
    static final List<String> generatorErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        mail = EmbeddedMailServer.start(0, 0);
        people = new TestMail(mail);
        slack = FakeSlackApi.start();
        httpPort = freePort();
        // the data the bot starts with: a planned forum meeting, and subscribers who are owed every reminder
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir.resolve("data"), 0);
                MongoClient client = MongoClients.create(store.connectionString("foubot"))) {
            MongoDatabase db = client.getDatabase("foubot");
            planMeeting(db);
            List<Document> subscribers = new ArrayList<>();
            for (int i = 0; i < FAN_OUT; i++) {
                String address = "kill-bevakare-" + i + "@stockholm.se";
                subscribers.add(new Document("_id", "email:" + address).append("channel", "email").append("address", address)
                        .append("email", address).append("programmes", List.of("LUM", "MUL")).append("active", true)
                        .append("language", "sv").append("source", "import").append("token", "token-" + i)
                        .append("subscribedAt", java.util.Date.from(Instant.parse("2025-01-01T08:00:00Z"))));
            }
            db.getCollection("grant_subscribers").insertMany(subscribers);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (bot != null) {
            bot.kill();
        }
        slack.close();
        mail.close();
    }

    private static List<String> botArgs() {
        return List.of("--server.port=" + httpPort, "--foubot.store.data-dir=" + dir.resolve("data"),
                "--foubot.mail.smtp-url=" + mail.smtpUrl(), "--foubot.mail.imap-url=" + mail.imapUrl(),
                "--foubot.mail.poll-interval=300ms", "--foubot.mail.idle=false", "--foubot.mail.outbox-poll-interval=300ms",
                "--foubot.mail.outbox-lease=5s", "--foubot.mail.reader-lease=3s", "--foubot.mail.processing-lease=5s",
                "--foubot.mail.allowed-sender-domains=stockholm.se",
                "--foubot.slack.bot-token=xoxb-kill-harness", "--foubot.slack.signing-secret=" + SlackRequests.SECRET,
                "--foubot.slack.api-url=" + slack.url(), "--foubot.slack.staff-channel=" + STAFF,
                "--foubot.slack.work-lease=10s", "--foubot.slack.repost-interval=1s",
                "--foubot.slack.channel-messages-per-second=200", "--foubot.slack.channel-burst=200",
                "--foubot.admin.token=" + TOKEN, "--foubot.grants.reminder-offsets=P400D");
    }

    /** One row of the table. */
    record Row(int kill, double aliveSeconds, double readySeconds, Snapshot atKill, Count slack, Count mails, Count subscribers, Count forum,
            Count sent, double recoverySeconds) {

        String line() {
            return String.format("%4d %6.1f s %6.1f s   %5d %5d %5d %5d %5d   %-7s %-7s %-7s %-7s %-7s %8s", kill, aliveSeconds,
                    readySeconds,
                    atKill.slackMessages(), atKill.mailsSeen().size(), atKill.subscribers().size(), atKill.registrations().size(),
                    atKill.sent(), slack, mails, subscribers, forum, sent,
                    recoverySeconds < 0 ? "NEVER" : String.format("%.1f s", recoverySeconds));
        }

        boolean clean() {
            return List.of(slack, mails, subscribers, forum, sent).stream().allMatch(c -> c.lost() == 0 && c.doubled() == 0);
        }
    }

    /** Acknowledged items missing after the restart, and items there more than once. */
    record Count(int lost, int doubled) {
        @Override
        public String toString() {
            return lost + "/" + doubled;
        }
    }

    /** What had been acknowledged when the bot was killed. */
    record Snapshot(Map<String, Integer> slackByPerson, Set<String> mailsSeen, Set<String> subscribers,
            Set<String> registrations, Map<String, Integer> sentMessageIds) {

        int slackMessages() {
            return slackByPerson.values().stream().mapToInt(Integer::intValue).sum();
        }

        int sent() {
            return sentMessageIds.size();
        }
    }

    @Test
    void everyAcknowledgedItemIsThereOnceAfterEveryKill() throws Exception {
        Random random = new Random(SEED);
        List<Row> table = new ArrayList<>();
        bot = ChildBot.start("bot-0", dir, QUICK_START, botArgs());
        bot.awaitStarted(Duration.ofMinutes(2));
        AtomicBoolean loadRunning = new AtomicBoolean(true);
        List<Thread> load = startLoad(loadRunning);
        for (int kill = 1; kill <= KILLS; kill++) {
            long aliveFrom = System.nanoTime();
            Thread.sleep(1500 + random.nextInt(3500));
            Snapshot atKill;
            try (MongoClient client = storeClient()) {
                atKill = snapshot(client.getDatabase("foubot"));
            }
            bot.kill();
            double alive = (System.nanoTime() - aliveFrom) / 1e9;
            long launched = System.nanoTime();
            bot = ChildBot.start("bot-" + kill, dir, QUICK_START, botArgs());
            bot.awaitStarted(Duration.ofMinutes(2));
            long restarted = System.nanoTime();
            double ready = (restarted - launched) / 1e9;
            try (MongoClient client = storeClient()) {
                MongoDatabase db = client.getDatabase("foubot");
                Snapshot snapshot = atKill;
                boolean caughtUp = waitFor(() -> missingSlack(snapshot) == 0 && missing(snapshot.registrations(),
                        registrationsIn(db)) == 0);
                double recovery = caughtUp ? (System.nanoTime() - restarted) / 1e9 : -1;
                Map<String, Integer> received = deliveredMessageIds();
                table.add(new Row(kill, alive, ready, atKill, new Count(missingSlack(atKill), 0),
                        count(atKill.mailsSeen(), mailsStoredIn(db)), count(atKill.subscribers(), subscribersIn(db)),
                        count(atKill.registrations(), registrationsIn(db)), sentCount(atKill.sentMessageIds(), received),
                        recovery));
            }
        }
        loadRunning.set(false);
        for (Thread t : load) {
            t.join(Duration.ofMinutes(2).toMillis());
        }
        Final end;
        try (MongoClient client = storeClient()) {
            end = finalCheck(client.getDatabase("foubot"));
        }
        bot.stop();
        bot = null;
        String fileInfo = storeFileInfo();

        System.out.printf("%nKill harness: the bot (a child JVM on the embedded store) SIGKILLed %d times under mixed load"
                + " (seed %d)%n", KILLS, SEED);
        System.out.println("alive: load on the bot before the kill; restart: from the new process to ready; then what had been"
                + " acknowledged before the kill (Slack messages answered 200, mails marked seen, subscribers imported, forum"
                + " registrations, outbox mails marked sent) and, after the restart, lost/doubled of each; recovery: until every"
                + " acknowledged Slack message was answered and every registration made");
        System.out.printf("%4s %8s %8s   %5s %5s %5s %5s %5s   %-7s %-7s %-7s %-7s %-7s %8s%n", "kill", "alive", "restart",
                "slack", "seen",
                "subs", "forum", "sent", "slack", "mails", "subs", "forum", "sent", "recovery");
        table.forEach(r -> System.out.println(r.line()));
        System.out.println(end.summary());
        System.out.println(fileInfo);
        generatorErrors.stream().limit(10).forEach(e -> System.out.println("load: " + e));

        assertThat(table).allSatisfy(r -> assertThat(r.clean()).as(r.line()).isTrue());
        assertThat(end.problems()).isEmpty();
    }

    // ---- load ----------------------------------------------------------------------------------------------

    private static List<Thread> startLoad(AtomicBoolean running) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            threads.add(new Thread(() -> slackIntakes(running, "UKILL" + n + "P"), "slack-intakes-" + i));
        }
        threads.add(new Thread(() -> mails(running), "mails"));
        threads.add(new Thread(() -> imports(running), "imports"));
        threads.add(new Thread(() -> registrations(running), "forum"));
        threads.forEach(Thread::start);
        return threads;
    }

    /** People who each go through one whole intake in their DM, waiting for the bot's answer to every message. */
    private static void slackIntakes(AtomicBoolean running, String prefix) {
        SlackRequests requests = new SlackRequests(httpPort, Clock.systemUTC());
        for (int person = 0; running.get(); person++) {
            String user = prefix + person;
            AtomicInteger acked = slackAcked.computeIfAbsent(user, u -> new AtomicInteger());
            for (int m = 0; m < INTAKE.size() && running.get(); m++) {
                int before = answersTo(user);
                String body = SlackRequests.eventEnvelope("Ev" + user + "x" + m, SlackRequests.dm(user, INTAKE.get(m)));
                // as Slack does: the same event again until it gets a 200, with the retry number
                for (int attempt = 0; running.get(); attempt++) {
                    Map<String, String> retry = attempt == 0 ? Map.of() : Map.of("X-Slack-Retry-Num", Integer.toString(Math.min(attempt, 3)));
                    if (ok(() -> requests.signed(body, "application/json", retry))) {
                        acked.incrementAndGet();
                        break;
                    }
                    pause(300);
                }
                // a person waits for the answer before writing again; one that never comes is a loss (and ends this
                // intake), an answer posted twice (a kill after Slack took it, before the bot recorded so) is read once
                if (!waitQuietly(() -> answersTo(user) > before, Duration.ofSeconds(60))) {
                    break;
                }
                if (m == INTAKE.size() - 1) {
                    slackConfirmed.add(user);
                }
            }
        }
    }

    /** Complete support requests by mail, each from its own address, two a second. */
    private static void mails(AtomicBoolean running) {
        for (int i = 0; running.get(); i++) {
            String from = "kill-mail-" + i + "@stockholm.se";
            try {
                people.send(from, "Stöd med utvärdering " + i, "Hej! Vi på Farsta behöver en utvärderingsplan för vårt nya"
                        + " arbetssätt med föräldrastöd. Vi behöver den senast 2030-03-01.\n\nHälsningar\nPerson " + i, null);
                mailsSent.add(from);
            } catch (MessagingException e) {
                generatorErrors.add("mail: " + e.getMessage());
            }
            pause(500);
        }
    }

    /** An admin imports three contacts at a time; a batch counts once the bot answered 200. */
    private static void imports(AtomicBoolean running) {
        for (int batch = 0; running.get(); batch++) {
            List<String> contacts = List.of("kill-sub-" + batch + "a@stockholm.se", "kill-sub-" + batch + "b@stockholm.se",
                    "kill-sub-" + batch + "c@stockholm.se");
            String csv = "email,district,programmes\n" + String.join("\n", contacts.stream().map(c -> c + ",Farsta,LUM MUL").toList());
            while (running.get()) {
                if (ok(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/grants/subscribers/import"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                        HttpResponse.BodyHandlers.ofString()))) {
                    imported.addAll(contacts);
                    break;
                }
                pause(300);
            }
            pause(700);
        }
    }

    /** District staff click "Anmäl mig" on the forum meeting, one after another; a click counts once acknowledged. */
    private static void registrations(AtomicBoolean running) {
        SlackRequests requests = new SlackRequests(httpPort, Clock.systemUTC());
        for (int i = 0; running.get(); i++) {
            String user = "UKILLREG" + i;
            while (running.get()) {
                if (ok(() -> requests.click(user, "D" + user, "1763900000.000100", "forum-register", MEETING, false))) {
                    registered.add(user);
                    break;
                }
                pause(300);
            }
            pause(400);
        }
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    private static boolean ok(Call call) {
        try {
            return call.send().statusCode() == 200;
        } catch (Exception botDown) {
            return false;
        }
    }

    // ---- what the bot holds --------------------------------------------------------------------------------

    private static MongoClient storeClient() throws Exception {
        Path portFile = dir.resolve("data").resolve("foubot.port");
        int port = Integer.parseInt(Files.readString(portFile).trim());
        return MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=5000");
    }

    /** A meeting far enough ahead that its registration stays open, with room for everyone the run registers. */
    private static void planMeeting(MongoDatabase db) {
        Instant start = Instant.parse("2030-03-12T12:00:00Z");
        db.getCollection("forum_meetings").insertOne(new Document("_id", MEETING).append("title", "FoU-forum mars")
                .append("start", java.util.Date.from(start)).append("end", java.util.Date.from(start.plus(3, ChronoUnit.HOURS)))
                .append("place", "Ekensberg").append("capacity", 100000)
                .append("registrationDeadline", java.util.Date.from(start.minus(10, ChronoUnit.DAYS))).append("cancelled", false)
                .append("seats", 0).append("sequence", 0).append("createdAt", new java.util.Date()).append("updatedAt", new java.util.Date()));
    }

    private static Snapshot snapshot(MongoDatabase db) {
        Map<String, Integer> slackByPerson = new HashMap<>();
        slackAcked.forEach((user, n) -> slackByPerson.put(user, n.get()));
        Set<String> seen = seenInTheMailbox();
        Map<String, Integer> sent = new HashMap<>();
        for (Document d : db.getCollection("outbox").find(new Document("status", "sent"))) {
            sent.put(d.getString("messageId") != null ? d.getString("messageId") : d.getString("_id"), 1);
        }
        return new Snapshot(slackByPerson, seen, Set.copyOf(imported), Set.copyOf(registered), sent);
    }

    /** The mails the bot has marked seen; read again when a mail arrives while the list is read (GreenMail's is live). */
    private static Set<String> seenInTheMailbox() {
        for (int attempt = 1; ; attempt++) {
            Set<String> seen = new HashSet<>();
            try {
                var user = mail.greenMail().getUserManager().getUser(EmbeddedMailServer.MAILBOX);
                for (StoredMessage m : mail.greenMail().getManagers().getImapHostManager().getInbox(user).getMessages()) {
                    if (m.isSet(Flags.Flag.SEEN)) {
                        seen.add(m.getMimeMessage().getFrom()[0].toString());
                    }
                }
                return seen;
            } catch (java.util.ConcurrentModificationException arrivedMeanwhile) {
                if (attempt == 20) {
                    throw arrivedMeanwhile;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<String> repliesTo(String user) {
        return slack.calls("chat.postMessage", c -> c.param("channel").equals("D" + user)).stream().map(c -> c.param("text")).toList();
    }

    /** The bot's answers to a person, each once: in an intake every answer differs from the one before. */
    private static int answersTo(String user) {
        return (int) repliesTo(user).stream().distinct().count();
    }

    private static int missingSlack(Snapshot s) {
        return s.slackByPerson().entrySet().stream().mapToInt(e -> Math.max(0, e.getValue() - answersTo(e.getKey()))).sum();
    }

    private static Map<String, Integer> mailsStoredIn(MongoDatabase db) {
        Map<String, Integer> out = new HashMap<>();
        for (Document d : db.getCollection("mail_inbox").find()) {
            out.merge(String.valueOf(d.get("from")), 1, Integer::sum);
        }
        return out;
    }

    private static Map<String, Integer> subscribersIn(MongoDatabase db) {
        Map<String, Integer> out = new HashMap<>();
        for (Document d : db.getCollection("grant_subscribers").find()) {
            out.merge(d.getString("email"), 1, Integer::sum);
        }
        return out;
    }

    private static Map<String, Integer> registrationsIn(MongoDatabase db) {
        Map<String, Integer> out = new HashMap<>();
        for (Document d : db.getCollection("forum_registrations").find(new Document("meetingId", MEETING))) {
            if (!"CANCELLED".equals(d.getString("status"))) {
                out.merge(d.get("person", Document.class).getString("address"), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Mails GreenMail received that the outbox sent, per Message-ID. */
    private static Map<String, Integer> deliveredMessageIds() {
        Map<String, Integer> out = new HashMap<>();
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            try {
                if (m.getMessageID() != null && m.getMessageID().contains("fou-bot")) {
                    out.merge(m.getMessageID(), 1, Integer::sum);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static Count count(Set<String> acknowledged, Map<String, Integer> present) {
        int lost = (int) acknowledged.stream().filter(a -> !present.containsKey(a)).count();
        int doubled = acknowledged.stream().mapToInt(a -> Math.max(0, present.getOrDefault(a, 0) - 1)).sum();
        return new Count(lost, doubled);
    }

    private static int missing(Set<String> acknowledged, Map<String, Integer> present) {
        return count(acknowledged, present).lost();
    }

    /** An outbox mail marked sent must have reached the server; a second copy of it is the redelivery SMTP allows. */
    private static Count sentCount(Map<String, Integer> sentAtKill, Map<String, Integer> received) {
        int lost = (int) sentAtKill.keySet().stream().filter(id -> !received.containsKey(id)).count();
        return new Count(lost, 0);
    }

    // ---- the end -------------------------------------------------------------------------------------------

    /** With the load stopped: every mail and confirmed intake one task, each reminder once, seats as registered. */
    record Final(List<String> problems, String summary) {
    }

    private static Final finalCheck(MongoDatabase db) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        boolean settled = waitFor(() -> tasksFor(db, "email").keySet().containsAll(mailsSent)
                && tasksFor(db, "slack").keySet().containsAll(slackConfirmed) && remindersSettled(db));
        if (!settled) {
            problems.add("the bot did not catch up within " + CATCH_UP.toSeconds() + " s");
        }
        Map<String, Integer> mailTasks = tasksFor(db, "email");
        Map<String, Integer> slackTasks = tasksFor(db, "slack");
        Count mails = count(mailsSent, mailTasks);
        Count intakes = count(slackConfirmed, slackTasks);
        int slackAnswers = slackAcked.entrySet().stream().mapToInt(e -> e.getValue().get()).sum();
        int slackReplies = slackAcked.keySet().stream().mapToInt(KillHarness::answersTo).sum();
        int repeatedReplies = slackAcked.keySet().stream().mapToInt(u -> repliesTo(u).size() - answersTo(u)).sum();
        Count subscribers = count(imported, subscribersIn(db));
        Count forum = count(registered, registrationsIn(db));
        Document meeting = db.getCollection("forum_meetings").find(new Document("_id", MEETING)).first();
        long seated = db.getCollection("forum_registrations").countDocuments(new Document("meetingId", MEETING).append("status", "REGISTERED"));
        int seats = meeting == null ? -1 : meeting.getInteger("seats", -1);
        Reminders reminders = reminders(db);

        record Check(String what, boolean ok) {
        }
        for (Check c : List.of(new Check("mail requests: each one task " + mails, mails.lost() == 0 && mails.doubled() == 0),
                new Check("Slack intakes confirmed: each one task " + intakes, intakes.lost() == 0 && intakes.doubled() == 0),
                new Check("Slack messages acknowledged " + slackAnswers + ", answers " + slackReplies, slackReplies >= slackAnswers),
                new Check("subscribers imported: each stored once " + subscribers, subscribers.lost() == 0 && subscribers.doubled() == 0),
                new Check("forum registrations: each once " + forum, forum.lost() == 0 && forum.doubled() == 0),
                new Check("forum seats " + seats + " = registered " + seated, seats == seated),
                new Check("reminders: " + reminders, reminders.missing() == 0 && reminders.doubled() == 0))) {
            if (!c.ok()) {
                problems.add(c.what());
            }
        }
        long fileBytes;
        try {
            fileBytes = Files.size(dir.resolve("data").resolve("foubot.mv"));
        } catch (java.io.IOException e) {
            fileBytes = -1;
        }
        long documents = 0;
        for (String name : db.listCollectionNames()) {
            documents += db.getCollection(name).countDocuments();
        }
        String summary = String.format("store file %.1f MB for %d documents; at the end: %d mail requests → tasks %s; %d Slack intakes → tasks %s; %d Slack messages"
                + " answered %d times (%d answers repeated after a kill); %d subscribers %s; %d forum registrations %s, seats %d ="
                + " registered %d; reminders %s; %s", fileBytes / 1e6, documents, mailsSent.size(), mails, slackConfirmed.size(), intakes, slackAnswers,
                slackReplies, repeatedReplies, imported.size(), subscribers, registered.size(), forum, seats, seated, reminders,
                problems.isEmpty() ? "nothing lost or doubled" : "PROBLEMS: " + problems);
        return new Final(problems, summary);
    }

    private static Map<String, Integer> tasksFor(MongoDatabase db, String channel) {
        Map<String, Integer> out = new HashMap<>();
        for (Document t : db.getCollection("support_tasks").find(new Document("requester.channel", channel))) {
            out.merge(t.get("requester", Document.class).getString("person"), 1, Integer::sum);
        }
        return out;
    }

    /** Reminder mails: each subscriber one per reminder queued; the same Message-ID twice is a redelivery, not a double. */
    record Reminders(int expected, int missing, int doubled, int redelivered) {
        @Override
        public String toString() {
            return expected + " expected, " + missing + " missing, " + doubled + " doubled, " + redelivered + " redelivered";
        }
    }

    private static boolean remindersSettled(MongoDatabase db) {
        List<Document> queued = new ArrayList<>();
        db.getCollection("outbox").find(new Document("_id", new Document("$regex", "^grant:"))).into(queued);
        return queued.stream().allMatch(d -> "sent".equals(d.getString("status"))) && reminders(db).missing() == 0;
    }

    private static Reminders reminders(MongoDatabase db) {
        Set<String> reminderIds = new HashSet<>();
        for (Document d : db.getCollection("outbox").find(new Document("_id", new Document("$regex", "^grant:")))) {
            String[] parts = d.getString("_id").split(":");
            reminderIds.add(parts[1] + ":" + parts[2]);
        }
        Map<String, Set<String>> idsByRecipient = new HashMap<>();
        int received = 0;
        Set<String> distinct = new HashSet<>();
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            try {
                if (m.getSubject() != null && m.getSubject().startsWith("Påminnelse")) {
                    received++;
                    distinct.add(m.getMessageID());
                    idsByRecipient.computeIfAbsent(m.getAllRecipients()[0].toString(), r -> new HashSet<>()).add(m.getMessageID());
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        int expected = 0;
        int missing = 0;
        int doubled = 0;
        for (int i = 0; i < FAN_OUT; i++) {
            String subscriber = "kill-bevakare-" + i + "@stockholm.se";
            int got = idsByRecipient.getOrDefault(subscriber, Set.of()).size();
            expected += reminderIds.size();
            missing += Math.max(0, reminderIds.size() - got);
            doubled += Math.max(0, got - reminderIds.size());
        }
        return new Reminders(expected, missing, doubled, received - distinct.size());
    }

    /** Size and fill of the store file after the bot stopped, as MVStore's own tool reads it. */
    private static String storeFileInfo() {
        java.io.StringWriter info = new java.io.StringWriter();
        org.h2.mvstore.MVStoreTool.info(dir.resolve("data").resolve("foubot.mv").toString(), info);
        return "store file after the stop: " + info.toString().lines()
                .filter(l -> l.startsWith("File length") || l.startsWith("Chunk fill rate:") || l.startsWith("Used space"))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static boolean waitFor(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (done.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException storeBusy) {
                // asked again on the next round
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static boolean waitQuietly(BooleanSupplier done, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (done.getAsBoolean()) {
                return true;
            }
            pause(100);
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package se.foubot.grants;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

import se.foubot.bench.Figures;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.Outbox;
import se.foubot.channels.email.OutboxSender;
import se.foubot.channels.email.OutgoingMail;
import se.foubot.store.EmbeddedMongoStore;
import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;
import se.foubot.support.OwnThreads;
import se.foubot.support.PostfixServer;

/**
 * Sending at the mail server's pace: the outbox (take under a lease, send, record as sent) over as many SMTP
 * connections as it is configured for, next to a bare Jakarta Mail loop sending the same number of mails over the
 * same number of connections to the same server, round by round (Postfix on loopback when it is installed, and the
 * embedded GreenMail); a sweep over the connection count; then one grant
 * reminder fanned out to 10,000 subscribers, queued into the outbox and sent by two sender replicas at once. Prints
 * mails/s, duplicates and missing; asserts nothing about speed. {@code -Dfoubot.bench.subscribers=N},
 * {@code -Dfoubot.bench.fanout.mails=N} (a round), {@code -Dfoubot.bench.rounds=N} change the sizes.
 */
@Tag("benchmark")
@FouBotTest
@TestPropertySource(properties = "foubot.mail.outbox-poll-interval=1h")
class GrantFanOutBenchmark {

    private static final int ROUND_MAILS = Integer.getInteger("foubot.bench.fanout.mails", 2000);
    private static final String TEXT = "Hej!\n\nSista dag att söka LUM är fredag 10 september 2027.\n\nVänliga hälsningar\nFoU\n";

    @Autowired
    se.foubot.channels.email.MailProperties mailProperties;

    @Autowired
    EmbeddedMongoStore store;

    /** What the store wrote for each measured outbox round, a mail. */
    private final List<Double> storeCommitsPerMail = new ArrayList<>();
    private final List<Double> storeKbPerMail = new ArrayList<>();

    /** Queues {@code n} mails under keys of their own round, to 200 addresses. */
    private void queue(String round, int n) {
        for (int i = 0; i < n; i++) {
            outbox.enqueue(new OutgoingMail("bench:" + round + ":" + i, "mottagare" + (i % 200) + "@stockholm.se",
                    "Utskick " + round, TEXT, null, List.of(), "auto-generated"));
        }
    }

    /**
     * One part of a round: the mails sent and how long it took, the share of the machine it left idle, and the CPU
     * per mail of this JVM (the bot and its embedded store, or the bare loop) and of the rest of the machine (the mail
     * server's processes): a part that leaves the machine idle waits on itself; one that does not is as fast as the
     * CPU it spends per mail lets it be. Also how long until the server had passed on all it took (a part measured only
     * to the last 250 could leave its share of the server's work to whatever runs next; with Postfix it does not: the
     * rest of the machine is idle by then), and the kernel's software-interrupt time a mail (loopback TCP for both
     * ends of every connection, the store's too, counted in no process).
     */
    private record Part(Figures.Run run, double idlePercent, double jvmMsPerMail, double restMsPerMail,
            java.util.Map<String, Double> msPerMailByThreads, double passedOnSeconds, double settleRestMsPerMail,
            double softirqMsPerMail, java.util.Map<String, Double> restMsPerMailByProcess) {

        /** Mails a second from the first mail sent until the server had passed on the last it took. */
        double passedOnPerSecond() {
            return run.operations() / passedOnSeconds;
        }

        static Part measure(String name, java.util.concurrent.Callable<Integer> send, Runnable settled) throws Exception {
            java.util.Map<String, Long> threadsBefore = Figures.cpuNanosByThreadGroup();
            java.util.Map<String, Long> processesBefore = Figures.otherProcessTicks();
            Figures.CpuTicks before = Figures.CpuTicks.now();
            long t0 = System.nanoTime();
            int sent = send.call();
            double seconds = (System.nanoTime() - t0) / 1e9;
            Figures.CpuTicks after = Figures.CpuTicks.now();
            java.util.Map<String, Long> processesAfter = Figures.otherProcessTicks();
            java.util.Map<String, Long> threadsAfter = Figures.cpuNanosByThreadGroup();
            settled.run();
            double passedOn = (System.nanoTime() - t0) / 1e9;
            double settleRest = Figures.CpuTicks.now().msPerOperation(after, Math.max(1, sent))[1];
            double[] cpu = after.msPerOperation(before, Math.max(1, sent));
            java.util.Map<String, Double> byThreads = new java.util.TreeMap<>();
            threadsAfter.forEach((group, nanos) -> byThreads.merge(threadKind(group),
                    (nanos - threadsBefore.getOrDefault(group, 0L)) / 1e6 / Math.max(1, sent), Double::sum));
            // a thread that ended before the second look (the bare loop's pool) is missing from it; what it used is
            // the rest of the process's CPU
            double counted = byThreads.values().stream().mapToDouble(Double::doubleValue).sum();
            byThreads.put("threads that ended", Math.max(0, cpu[0] - counted));
            return new Part(new Figures.Run(name, sent, seconds, Double.NaN, Double.NaN), after.idleSince(before) * 100, cpu[0], cpu[1],
                    byThreads, passedOn, settleRest, after.softirqMsPerOperation(before, Math.max(1, sent)),
                    Figures.msPerOperationByProcess(processesBefore, processesAfter, Math.max(1, sent)));
        }

        /** What a group of this JVM's threads does, for the breakdown of its CPU. */
        private static String threadKind(String group) {
            if (group.startsWith("smtp-connection") || group.startsWith("pool-")) {
                return "sending threads";
            }
            if (group.startsWith("mongo-server") || group.startsWith("store-")) {
                return "store";
            }
            if (group.startsWith("GC ") || group.startsWith("G1 ")) {
                return "collector";
            }
            if (group.contains("CompilerThre")) {
                return "JIT";
            }
            return "other";
        }

        /** CPU milliseconds a mail, by what this JVM's threads do, the median of each over {@code parts}. */
        static String byThreads(List<Part> parts) {
            java.util.Set<String> kinds = new java.util.TreeSet<>();
            parts.forEach(p -> kinds.addAll(p.msPerMailByThreads().keySet()));
            List<String> shares = new ArrayList<>();
            for (String kind : kinds) {
                double median = Figures.Spread.of(parts.stream().mapToDouble(p -> p.msPerMailByThreads().getOrDefault(kind, 0.0)).toArray())
                        .median();
                shares.add(String.format("%s %.2f", kind, median));
            }
            return String.join(", ", shares);
        }

        /**
         * CPU milliseconds a mail of the rest of the machine's busiest processes, by name, the median of each over
         * {@code parts}; the rest of the machine's CPU that no process shows is the kernel's (interrupts).
         */
        static String byProcesses(List<Part> parts) {
            java.util.Map<String, Double> medians = new java.util.HashMap<>();
            java.util.Set<String> names = new java.util.TreeSet<>();
            parts.forEach(p -> names.addAll(p.restMsPerMailByProcess().keySet()));
            for (String name : names) {
                medians.put(name, Figures.Spread.of(parts.stream().mapToDouble(p -> p.restMsPerMailByProcess().getOrDefault(name, 0.0))
                        .toArray()).median());
            }
            return medians.entrySet().stream().filter(e -> e.getValue() >= 0.005)
                    .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()).limit(10)
                    .map(e -> String.format("%s %.2f", e.getKey(), e.getValue())).collect(java.util.stream.Collectors.joining(", "));
        }

        static String cpu(List<Part> parts) {
            return String.format("this JVM %s, the rest of the machine %s",
                    Figures.Spread.of(parts.stream().mapToDouble(Part::jvmMsPerMail).toArray()).format("%.2f"),
                    Figures.Spread.of(parts.stream().mapToDouble(Part::restMsPerMail).toArray()).format("%.2f"));
        }

        static String idle(List<Part> parts) {
            return Figures.Spread.of(parts.stream().mapToDouble(Part::idlePercent).toArray()).format("%.0f") + " %";
        }
    }

    /** The outbox over {@code connections} connections to {@code smtpUrl}: mails/s of sending what was queued. */
    private Part outboxRound(String smtpUrl, String round, int connections, int n, Runnable settled) throws Exception {
        queue(round, n);
        OutboxSender sender = new OutboxSender(outbox, smtpUrl, "fou@localhost", Duration.ofMinutes(2), 20, connections,
                mailProperties.outboxBatch(), clock);
        // one sender: the first round that finds nothing due means all was sent
        EmbeddedMongoStore.Writes before = store.writes();
        Part part = Part.measure("outbox", () -> drain(sender, 1), settled);
        EmbeddedMongoStore.Writes after = store.writes();
        long sent = Math.max(1, part.run().operations());
        storeCommitsPerMail.add((after.commits() - before.commits()) / (double) sent);
        storeKbPerMail.add((after.bytes() - before.bytes()) / 1024.0 / sent);
        return part;
    }

    /** A bare Jakarta Mail loop: {@code connections} threads, each one connection, the same mails. */
    private Part bareRound(String smtpUrl, String round, int connections, int n, Runnable settled) throws Exception {
        return Part.measure("bare", () -> bareLoop(smtpUrl, round, connections, n), settled);
    }

    private int bareLoop(String smtpUrl, String round, int connections, int n) throws Exception {
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(new java.util.Properties());
        java.net.URI smtp = java.net.URI.create(smtpUrl);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(connections);
        List<java.util.concurrent.Future<Integer>> lanes = new ArrayList<>();
        for (int lane = 0; lane < connections; lane++) {
            int first = lane;
            lanes.add(pool.submit(() -> {
                int sent = 0;
                try (jakarta.mail.Transport transport = session.getTransport("smtp")) {
                    transport.connect(smtp.getHost(), smtp.getPort(), null, null);
                    for (int i = first; i < n; i += connections) {
                        // built as the bot builds its mail: its own Message-ID, the date, the auto-mail headers
                        String messageId = "<bare." + round + "." + i + "@fou-bot>";
                        MimeMessage m = new MimeMessage(session) {
                            @Override
                            protected void updateMessageID() throws jakarta.mail.MessagingException {
                                setHeader("Message-ID", messageId);
                            }
                        };
                        m.setFrom(new jakarta.mail.internet.InternetAddress("fou@localhost"));
                        m.setRecipients(jakarta.mail.Message.RecipientType.TO,
                                jakarta.mail.internet.InternetAddress.parse("mottagare" + (i % 200) + "@stockholm.se"));
                        m.setSubject("Utskick " + round, "UTF-8");
                        m.setText(TEXT, "UTF-8");
                        m.setSentDate(new java.util.Date());
                        m.setHeader("Auto-Submitted", "auto-generated");
                        m.setHeader("X-Auto-Response-Suppress", "All");
                        m.saveChanges();
                        transport.sendMessage(m, m.getAllRecipients());
                        sent++;
                    }
                }
                return sent;
            }));
        }
        int sent = 0;
        for (var lane : lanes) {
            sent += lane.get();
        }
        pool.shutdown();
        return sent;
    }

    /**
     * The same round against each server: Postfix on loopback when it is installed (a real mail server's door: a
     * queue file on disk before each 250; {@code -Dfoubot.bench.postfix=false} leaves it out), or the one
     * {@code -Dfoubot.bench.smtp-url} names; and the embedded
     * GreenMail, which keeps mail in memory and answers at once, always, as the sternest baseline.
     */
    @Test
    void sendingAtTheServersPaceNextToABareSendLoop() throws Exception {
        String external = System.getProperty("foubot.bench.smtp-url");
        boolean wantPostfix = external == null && Boolean.parseBoolean(System.getProperty("foubot.bench.postfix", "true"));
        Optional<PostfixServer> postfix = wantPostfix ? PostfixServer.startIfInstalled() : Optional.empty();
        try {
            if (external != null) {
                sendingAtThePaceOf(external, "the server named", () -> { });
            } else if (postfix.isPresent()) {
                sendingAtThePaceOf(postfix.get().smtpUrl(), "Postfix on loopback", postfix.get()::awaitQueueEmpty);
            }
        } finally {
            postfix.ifPresent(PostfixServer::close);
        }
        if (Boolean.parseBoolean(System.getProperty("foubot.bench.greenmail", "true"))) {
            sendingAtThePaceOf(mail.smtpUrl(), "embedded GreenMail", () -> { });
        }
        aLookForDueMailWithTheSentMailKept();
    }

    /**
     * What a sender's look for due mail costs (every two seconds) once the outbox keeps the mail the rounds above
     * sent, as it keeps sent mail for the retention period: only the mail still waiting should be read.
     */
    private void aLookForDueMailWithTheSentMailKept() {
        var queue = new se.foubot.store.LeasedQueue(mongo, clock, "outbox");
        long kept = queue.count(se.foubot.store.LeasedQueue.SENT);
        for (int i = 0; i < 20; i++) {
            queue.takeableItems(2000); // warm
        }
        long[] looks = new long[50];
        for (int i = 0; i < looks.length; i++) {
            long t0 = System.nanoTime();
            queue.takeableItems(2000);
            looks[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(looks);
        System.out.printf("a look for due mail with %d sent mails kept and none due: p50 %.2f ms, p99 %.2f ms (50 looks)%n%n", kept,
                Figures.percentile(looks, 50), Figures.percentile(looks, 99));
    }

    /**
     * @param settled waits until the server has passed on what it took, after each part (timed as the passed-on
     *                figure): a server with a queue delivers after it answers, and that work must not fall on whichever
     *                sender runs next
     */
    private void sendingAtThePaceOf(String smtpUrl, String server, Runnable settled) throws Exception {
        int connections = mailProperties.smtpConnections();
        int[] warm = {0};
        String warmUp = Figures.warmUp(2, 10, () -> {
            outboxRound(smtpUrl, server + ":warm" + warm[0], connections, ROUND_MAILS, settled);
            bareRound(smtpUrl, server + ":warm" + warm[0]++, connections, ROUND_MAILS, settled);
        });
        List<Part> outboxParts = new ArrayList<>();
        List<Part> bareParts = new ArrayList<>();
        storeCommitsPerMail.clear();
        storeKbPerMail.clear();
        AutoCloseable recording = Figures.recordMeasuredRounds(server);
        for (int round = 0; round < Figures.rounds(); round++) {
            bareParts.add(bareRound(smtpUrl, server + ":r" + round, connections, ROUND_MAILS, settled));
            outboxParts.add(outboxRound(smtpUrl, server + ":r" + round, connections, ROUND_MAILS, settled));
        }
        recording.close();
        List<Figures.Run> outboxRuns = outboxParts.stream().map(Part::run).toList();
        List<Figures.Run> bareRuns = bareParts.stream().map(Part::run).toList();
        System.out.println();
        System.out.println("== fou-bot outbox vs bare Jakarta Mail send loop (" + ROUND_MAILS + " mails a round, " + connections
                + " SMTP connections each, outbox batch " + mailProperties.outboxBatch() + ", " + server + ", "
                + Figures.machine() + "); median (min–max) ==");
        System.out.println(warmUp);
        System.out.printf("%-44s %s mails/s%n", "bare Jakarta Mail loop", Figures.Spread.of(bareRuns, Figures.Run::perSecond).format("%.0f"));
        System.out.printf("%-44s %s mails/s%n", "outbox (lease, send, record sent, by batch)", Figures.Spread.of(outboxRuns, Figures.Run::perSecond).format("%.0f"));
        System.out.printf("CPU ms a mail, bare loop: %s%n", Part.cpu(bareParts));
        System.out.printf("CPU ms a mail, outbox:    %s%n", Part.cpu(outboxParts));
        System.out.printf("  this JVM's by its threads, bare loop: %s%n", Part.byThreads(bareParts));
        System.out.printf("  this JVM's by its threads, outbox:    %s%n", Part.byThreads(outboxParts));
        System.out.printf("  of the rest, by process, bare loop: %s%n", Part.byProcesses(bareParts));
        System.out.printf("  of the rest, by process, outbox:    %s%n", Part.byProcesses(outboxParts));
        System.out.printf("  of the rest, the kernel's software interrupts (loopback TCP): bare loop %s, outbox %s%n",
                Figures.Spread.of(bareParts.stream().mapToDouble(Part::softirqMsPerMail).toArray()).format("%.2f"),
                Figures.Spread.of(outboxParts.stream().mapToDouble(Part::softirqMsPerMail).toArray()).format("%.2f"));
        System.out.printf("the machine idle while they sent: bare loop %s, outbox %s%n", Part.idle(bareParts), Part.idle(outboxParts));
        System.out.printf("the embedded store, a mail of the outbox's: %s commits forced to disk, %s KB written to its file%n",
                Figures.Spread.of(storeCommitsPerMail.stream().mapToDouble(Double::doubleValue).toArray()).format("%.3f"),
                Figures.Spread.of(storeKbPerMail.stream().mapToDouble(Double::doubleValue).toArray()).format("%.1f"));
        Figures.Spread ratio = Figures.ratio(outboxRuns, bareRuns, Figures.Run::perSecond);
        System.out.printf("outbox / bare loop (mails/s, per round): %s× (target ≥ 0.8×: %s)%n", ratio.format("%.2f"),
                Figures.verdict(ratio.median() >= 0.8));
        System.out.printf("%-44s %s mails/s%n", "passed on by the server, bare loop",
                Figures.Spread.of(bareParts.stream().mapToDouble(Part::passedOnPerSecond).toArray()).format("%.0f"));
        System.out.printf("%-44s %s mails/s%n", "passed on by the server, outbox",
                Figures.Spread.of(outboxParts.stream().mapToDouble(Part::passedOnPerSecond).toArray()).format("%.0f"));
        System.out.printf("CPU ms a mail of the rest of the machine after the part, until the server's queue was empty: bare loop %s, outbox %s%n",
                Figures.Spread.of(bareParts.stream().mapToDouble(Part::settleRestMsPerMail).toArray()).format("%.2f"),
                Figures.Spread.of(outboxParts.stream().mapToDouble(Part::settleRestMsPerMail).toArray()).format("%.2f"));
        double[] passedOnRatio = new double[outboxParts.size()];
        for (int i = 0; i < passedOnRatio.length; i++) {
            passedOnRatio[i] = outboxParts.get(i).passedOnPerSecond() / bareParts.get(i).passedOnPerSecond();
        }
        System.out.printf("outbox / bare loop, passed on (per round): %s×%n", Figures.Spread.of(passedOnRatio).format("%.2f"));
        System.out.println("connections   outbox mails/s   bare mails/s   (one round each, " + ROUND_MAILS / 2 + " mails)");
        for (int c : new int[] {1, 2, 4, 8}) {
            Figures.Run o = outboxRound(smtpUrl, server + ":sweep" + c, c, ROUND_MAILS / 2, settled).run();
            Figures.Run b = bareRound(smtpUrl, server + ":sweep" + c, c, ROUND_MAILS / 2, settled).run();
            System.out.printf("%11d   %14.0f   %12.0f%n", c, o.perSecond(), b.perSecond());
        }
        System.out.println();
    }

    private static final int SUBSCRIBERS = Integer.getInteger("foubot.bench.subscribers", 10_000);

    @Autowired
    GrantReminders reminders;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxSender senderA;

    @Autowired
    EmbeddedMailServer mail;

    @Test
    void fanOutToTenThousandSubscribersThroughTwoSenders() throws Exception {
        Instant subscribed = Instant.parse("2027-07-01T08:00:00Z");
        List<Subscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            String address = "kontakt" + i + "@stockholm.se";
            subscribers.add(new Subscriber(Subscriber.id("email", address), "email", address, address, null, List.of("LUM", "MUL"),
                    true, "sv", "import", "token-" + i, subscribed, null));
        }
        mongo.insertAll(subscribers);
        clock.set(Instant.parse("2027-08-11T06:00:00Z")); // 08:00 in Stockholm, 30 days before the call closes

        long t0 = System.nanoTime();
        int queued = reminders.sendDue();
        double queueSeconds = (System.nanoTime() - t0) / 1e9;

        OutboxSender senderB = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 20,
                mailProperties.smtpConnections(), mailProperties.outboxBatch(), clock);
        long t1 = System.nanoTime();
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> drain(senderA, 3), OwnThreads.EACH);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> drain(senderB, 3), OwnThreads.EACH);
        int sent = a.get() + b.get();
        double sendSeconds = (System.nanoTime() - t1) / 1e9;

        Set<String> messageIds = new HashSet<>();
        Set<String> recipients = new HashSet<>();
        int received = 0;
        for (MimeMessage m : mail.greenMail().getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().startsWith("Påminnelse")) {
                received++;
                messageIds.add(m.getMessageID());
                recipients.add(m.getAllRecipients()[0].toString());
            }
        }
        double endToEnd = sent / (queueSeconds + sendSeconds);
        System.out.println("\nGrant reminder fan-out, " + SUBSCRIBERS + " subscribers, two sender replicas of "
                + mailProperties.smtpConnections() + " SMTP connections each, outbox batch " + mailProperties.outboxBatch() + " ("
                + Figures.machine() + ")");
        System.out.printf("  queued into the outbox   %6d mails  %8.1f mails/s%n", queued, queued / queueSeconds);
        System.out.printf("  sent by two senders      %6d mails  %8.1f mails/s (A %d, B %d)%n", sent, sent / sendSeconds, a.get(), b.get());
        System.out.printf("  end to end               %6d mails  %8.1f mails/s  target >= 200: %s%n", sent, endToEnd,
                Figures.verdict(endToEnd >= 200));
        System.out.printf("  duplicates %d (must be 0), missing %d (must be 0), received %d%n", received - messageIds.size(),
                SUBSCRIBERS - recipients.size(), received);
    }

    /**
     * Sends until {@code emptyRounds} rounds in a row found nothing to send (two senders: one that finds nothing may
     * still see the other's mails come free).
     */
    private static int drain(OutboxSender sender, int emptyRounds) {
        int total = 0;
        int idle = 0;
        while (idle < emptyRounds) {
            int n = sender.sendDue();
            total += n;
            idle = n == 0 ? idle + 1 : 0;
        }
        return total;
    }
}

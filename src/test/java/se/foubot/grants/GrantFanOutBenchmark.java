package se.foubot.grants;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.bench.Figures;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.Outbox;
import se.foubot.channels.email.OutboxSender;
import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;

/**
 * One grant reminder fanned out to 10,000 subscribers, queued into the outbox and sent to the local mail server
 * (embedded GreenMail) by two sender replicas at once. Prints mails/s, duplicates and missing; asserts nothing
 * about speed. {@code -Dfoubot.bench.subscribers=N} changes the number.
 */
@Tag("benchmark")
@FouBotTest
class GrantFanOutBenchmark {

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

        OutboxSender senderB = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 20, clock);
        long t1 = System.nanoTime();
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> drain(senderA));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> drain(senderB));
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
        System.out.println("\nGrant reminder fan-out, " + SUBSCRIBERS + " subscribers, two sender replicas");
        System.out.printf("  queued into the outbox   %6d mails  %8.1f mails/s%n", queued, queued / queueSeconds);
        System.out.printf("  sent by two senders      %6d mails  %8.1f mails/s (A %d, B %d)%n", sent, sent / sendSeconds, a.get(), b.get());
        System.out.printf("  end to end               %6d mails  %8.1f mails/s  target >= 200: %s%n", sent, endToEnd,
                Figures.verdict(endToEnd >= 200));
        System.out.printf("  duplicates %d (must be 0), missing %d (must be 0), received %d%n", received - messageIds.size(),
                SUBSCRIBERS - recipients.size(), received);
    }

    private static int drain(OutboxSender sender) {
        int total = 0;
        int idle = 0;
        while (idle < 3) {
            int n = sender.sendDue();
            total += n;
            idle = n == 0 ? idle + 1 : 0;
        }
        return total;
    }
}

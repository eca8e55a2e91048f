package se.foubot.channels.email;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

import org.eclipse.angus.mail.imap.IMAPMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.user.GreenMailUser;

import se.foubot.privacy.OutsideTextGuard;
import se.foubot.support.EmbeddedStoreFixture;

/**
 * Ingest of a 5,000-message IMAP backlog by the bot (fetch with BODY.PEEK, parse, store in MongoDB, mark seen)
 * next to a bare Jakarta Mail loop that only fetches and marks the same number of messages seen, in the same
 * run; then 5,000 mails through the outbox to the local SMTP server. Prints figures; asserts nothing about speed.
 * The embedded GreenMail server slows down as its mailbox grows (a linear lookup per message); for figures
 * that speak of the bot, point {@code -Dfoubot.bench.imap-url=imap://user:pass@127.0.0.1:port/INBOX} at a real
 * IMAP server on loopback (the README shows Dovecot); the backlog is then loaded with IMAP APPEND.
 */
@Tag("benchmark")
class EmailBenchmark {

    /** 5,000 against a real server; a small backlog on GreenMail, which slows down as its mailbox grows. */
    private static final int MESSAGES = Integer.getInteger("foubot.bench.messages",
            System.getProperty("foubot.bench.imap-url") != null ? 5000 : 300);

    @Test
    void ingestAndOutboxThroughput() throws Exception {
        try (EmbeddedStoreFixture store = new EmbeddedStoreFixture(Files.createTempDirectory("foubot-mail-bench"));
                EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0)) {
            MailProperties properties = new MailProperties(null, null, "fou@localhost", List.of(), 0, 0, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 5, Duration.ofSeconds(1), 10, null, Duration.ofMinutes(1), List.of(), Duration.ofMinutes(5), 1);
            MailInbox inbox = new MailInbox(store.template(), Clock.systemUTC(), new OutsideTextGuard(), properties,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            inbox.ensure(store.template());
            GreenMailUser fou = mail.greenMail().getUserManager().getUser(EmbeddedMailServer.MAILBOX);
            String external = System.getProperty("foubot.bench.imap-url");
            String imapUrl = external != null ? external : mail.imapUrl();

            load(fou, imapUrl, external != null, "bare", MESSAGES);
            long t0 = System.nanoTime();
            int bare = bareLoop(imapUrl);
            double bareSeconds = (System.nanoTime() - t0) / 1e9;

            load(fou, imapUrl, external != null, "bot", MESSAGES);
            MailboxReader reader = new MailboxReader(imapUrl, inbox, null);
            t0 = System.nanoTime();
            int read = 0;
            int n;
            while ((n = reader.poll()) > 0) {
                read += n;
            }
            double botSeconds = (System.nanoTime() - t0) / 1e9;

            Outbox outbox = new Outbox(store.template(), Clock.systemUTC());
            outbox.ensure(store.template());
            for (int i = 0; i < MESSAGES; i++) {
                outbox.enqueue(new OutgoingMail("bench:" + i, "reader" + (i % 50) + "@stockholm.se", "[FOU-2026-" + i + "] Tack",
                        "Hej!\n\nDin förfrågan är registrerad.\n", null, List.of(), "auto-replied"));
            }
            OutboxSender sender = new OutboxSender(outbox, mail.smtpUrl(), "fou@localhost", Duration.ofMinutes(2), 5,
                    Clock.systemUTC());
            t0 = System.nanoTime();
            int sent = 0;
            while ((n = sender.sendDue()) > 0) {
                sent += n;
            }
            double outboxSeconds = (System.nanoTime() - t0) / 1e9;

            System.out.println();
            System.out.println("== fou-bot email benchmark (IMAP: " + (external != null ? "external server on loopback"
                    : "embedded GreenMail") + ", SMTP: embedded GreenMail, embedded store, "
                    + Runtime.getRuntime().availableProcessors() + " cores) ==");
            System.out.printf("bare Jakarta Mail loop (fetch + mark seen)     %5d msgs %7.1f msgs/s%n", bare, bare / bareSeconds);
            System.out.printf("fou-bot ingest (peek, parse, store, mark seen) %5d msgs %7.1f msgs/s (%.2f× the bare loop's time)%n",
                    read, read / botSeconds, botSeconds / bareSeconds);
            System.out.printf("targets: ≥ 100 msgs/s: %s; within 3× of the bare loop: %s%n",
                    read / botSeconds >= 100 ? "met" : "MISSED", botSeconds <= 3 * bareSeconds ? "met" : "MISSED");
            System.out.printf("outbox to local SMTP                           %5d mails %6.1f mails/s (%d in the mailboxes)%n",
                    sent, sent / outboxSeconds, mail.greenMail().getReceivedMessages().length - (external != null ? 0 : 2 * MESSAGES));
            System.out.println();
        }
    }

    private static void load(GreenMailUser user, String imapUrl, boolean external, String tag, int count) throws Exception {
        if (!external) {
            deliver(user, tag, count);
            return;
        }
        MailSessions.Server server = MailSessions.parse(imapUrl);
        try (Store store = MailSessions.session(server).getStore("imap")) {
            store.connect(server.host(), server.port(), server.user(), server.password());
            Folder inbox = store.getFolder(server.folder());
            for (int from = 0; from < count; from += 500) {
                int n = Math.min(500, count - from);
                Message[] chunk = new Message[n];
                for (int i = 0; i < n; i++) {
                    chunk[i] = message(tag, from + i);
                }
                inbox.appendMessages(chunk);
            }
        }
    }

    private static MimeMessage message(String tag, int i) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("anna" + (i % 100) + "@stockholm.se");
        m.setRecipients(Message.RecipientType.TO, EmbeddedMailServer.MAILBOX);
        m.setSubject("Stöd med uppföljning " + i, "UTF-8");
        m.setText("Hej!\n\nVi i Bromma behöver stöd med en uppföljningsmall för vårt arbetssätt. Senast 15 mars.\n\n"
                + "Med vänlig hälsning\nAnna", "UTF-8");
        m.setHeader("Message-ID", "<" + tag + "-" + i + "@stockholm.se>");
        m.saveChanges();
        m.setHeader("Message-ID", "<" + tag + "-" + i + "@stockholm.se>");
        return m;
    }

    private static void deliver(GreenMailUser user, String tag, int count) throws Exception {
        Session session = Session.getInstance(new Properties());
        for (int i = 0; i < count; i++) {
            MimeMessage m = new MimeMessage(session);
            m.setFrom("anna" + (i % 100) + "@stockholm.se");
            m.setRecipients(Message.RecipientType.TO, EmbeddedMailServer.MAILBOX);
            m.setSubject("Stöd med uppföljning " + i, "UTF-8");
            m.setText("Hej!\n\nVi i Bromma behöver stöd med en uppföljningsmall för vårt arbetssätt. Senast 15 mars.\n\n"
                    + "Med vänlig hälsning\nAnna", "UTF-8");
            m.setHeader("Message-ID", "<" + tag + "-" + i + "@stockholm.se>");
            user.deliver(m);
        }
    }

    private static int bareLoop(String imapUrl) throws Exception {
        MailSessions.Server server = MailSessions.parse(imapUrl);
        int n = 0;
        try (Store store = MailSessions.session(server).getStore("imap")) {
            store.connect(server.host(), server.port(), server.user(), server.password());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
                ((IMAPMessage) m).setPeek(true);
                m.writeTo(new ByteArrayOutputStream());
                m.setFlag(Flags.Flag.SEEN, true);
                n++;
            }
            inbox.close(false);
        }
        return n;
    }
}

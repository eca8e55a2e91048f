package se.foubot.channels.email;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.user.GreenMailUser;

import se.foubot.privacy.OutsideTextGuard;
import se.foubot.bench.Figures;
import se.foubot.support.DovecotServer;
import se.foubot.support.EmbeddedStoreFixture;

/**
 * Ingest of an IMAP backlog by the bot (one FETCH of BODY.PEEK[] per batch, parse, store in MongoDB, one STORE of
 * \\Seen per batch) next to a bare Jakarta Mail loop doing the same IMAP work the same way (batches, one FETCH, one
 * STORE) without parsing or storing, round by round against the same server. The server is a throwaway Dovecot when
 * Debian's {@code dovecot-imapd} is installed, the embedded GreenMail otherwise (which slows down as its mailbox
 * grows: a linear lookup per message, hence a small backlog there); {@code -Dfoubot.bench.imap-url=imap://…} names
 * another. The mailbox is emptied after each run. Prints figures; asserts nothing about speed.
 */
@Tag("benchmark")
class EmailBenchmark {

    /** Messages in each run's backlog. */
    private static final int MESSAGES = Integer.getInteger("foubot.bench.messages", 0);
    private static final int BATCH = 500;

    @Test
    void ingestNextToABareBatchedLoop() throws Exception {
        String external = System.getProperty("foubot.bench.imap-url");
        Optional<DovecotServer> dovecot = external == null ? DovecotServer.startIfInstalled() : Optional.empty();
        try (EmbeddedStoreFixture store = new EmbeddedStoreFixture(Files.createTempDirectory("foubot-mail-bench"));
                EmbeddedMailServer mail = EmbeddedMailServer.start(0, 0)) {
            MailProperties properties = new MailProperties(null, null, "fou@localhost", List.of(), 0, 0, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), 5, Duration.ofSeconds(1), 10, null, Duration.ofMinutes(1), List.of(), Duration.ofMinutes(5), 1, 20, 1);
            MailInbox inbox = new MailInbox(store.template(), Clock.systemUTC(), new OutsideTextGuard(), properties,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            inbox.ensure(store.template());
            GreenMailUser fou = mail.greenMail().getUserManager().getUser(EmbeddedMailServer.MAILBOX);
            boolean appended = external != null || dovecot.isPresent();
            String imapUrl = external != null ? external : dovecot.map(DovecotServer::imapUrl).orElse(mail.imapUrl());
            String server = external != null ? "the server named" : dovecot.isPresent() ? "Dovecot on loopback" : "embedded GreenMail";
            int messages = MESSAGES > 0 ? MESSAGES : appended ? 2000 : 300;

            List<Figures.Run> bareRuns = new ArrayList<>();
            List<Figures.Run> botRuns = new ArrayList<>();
            int[] warm = {0};
            String warmUp = Figures.warmUp(1, 6, () -> pair(fou, imapUrl, appended, inbox, "warm" + warm[0]++, Math.min(messages, 300)));
            for (int round = 0; round < Figures.rounds(); round++) {
                Figures.Run[] pair = pair(fou, imapUrl, appended, inbox, "r" + round, messages);
                bareRuns.add(pair[0]);
                botRuns.add(pair[1]);
            }
            Figures.Spread bareRate = Figures.Spread.of(bareRuns, Figures.Run::perSecond);
            Figures.Spread botRate = Figures.Spread.of(botRuns, Figures.Run::perSecond);
            Figures.Spread ratio = Figures.ratio(bareRuns, botRuns, Figures.Run::perSecond);
            System.out.println();
            System.out.println("== fou-bot email benchmark (IMAP: " + server + ", " + messages + " messages a run, embedded store, "
                    + Figures.machine() + "); median (min–max) ==");
            System.out.println(warmUp);
            System.out.printf("%-48s %s msgs/s%n", "bare Jakarta Mail loop (batched fetch + seen)", bareRate.format("%.0f"));
            System.out.printf("%-48s %s msgs/s%n", "fou-bot ingest (peek, parse, store, seen)", botRate.format("%.0f"));
            System.out.printf("fou-bot time / bare loop time (per round): %s×; targets: ≥ 100 msgs/s: %s; within 3×: %s%n",
                    ratio.format("%.2f"), Figures.verdict(botRate.median() >= 100), Figures.verdict(ratio.median() <= 3));
            System.out.println("(the outbox's sending: GrantFanOutBenchmark)");
            System.out.println();
        } finally {
            dovecot.ifPresent(DovecotServer::close);
        }
    }

    /** One round: the bare loop reads {@code size} messages, then the bot reads as many. @return bare, bot */
    private static Figures.Run[] pair(GreenMailUser fou, String imapUrl, boolean appended, MailInbox inbox, String tag, int size)
            throws Exception {
        load(fou, imapUrl, appended, "bare" + tag, size);
        long t0 = System.nanoTime();
        int bare = bareLoop(imapUrl);
        Figures.Run bareRun = new Figures.Run("bare", bare, (System.nanoTime() - t0) / 1e9, Double.NaN, Double.NaN);
        empty(imapUrl);

        load(fou, imapUrl, appended, "bot" + tag, size);
        MailboxReader reader = new MailboxReader(imapUrl, inbox, null);
        t0 = System.nanoTime();
        int read = 0;
        int n;
        while ((n = reader.poll()) > 0) {
            read += n;
        }
        Figures.Run botRun = new Figures.Run("bot", read, (System.nanoTime() - t0) / 1e9, Double.NaN, Double.NaN);
        empty(imapUrl);
        return new Figures.Run[] {bareRun, botRun};
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

    /** The same IMAP work as the bot's reader, done plainly: batches, one FETCH and one STORE each, one connection. */
    private static int bareLoop(String imapUrl) throws Exception {
        MailSessions.Server server = MailSessions.parse(imapUrl);
        int n = 0;
        try (Store store = MailSessions.session(server).getStore("imap")) {
            store.connect(server.host(), server.port(), server.user(), server.password());
            Folder inbox = store.getFolder(server.folder());
            inbox.open(Folder.READ_WRITE);
            while (true) {
                Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                if (unseen.length == 0) {
                    break;
                }
                Message[] batch = Arrays.copyOf(unseen, Math.min(unseen.length, BATCH));
                FetchProfile profile = new FetchProfile();
                profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
                inbox.fetch(batch, profile);
                for (Message m : batch) {
                    ((IMAPMessage) m).setPeek(true);
                    m.writeTo(new ByteArrayOutputStream());
                    n++;
                }
                inbox.setFlags(batch, new Flags(Flags.Flag.SEEN), true);
            }
            inbox.close(false);
        }
        return n;
    }

    /** Deletes everything in the mailbox (untimed), so each run starts from an empty one. */
    private static void empty(String imapUrl) throws Exception {
        MailSessions.Server server = MailSessions.parse(imapUrl);
        try (Store store = MailSessions.session(server).getStore("imap")) {
            store.connect(server.host(), server.port(), server.user(), server.password());
            Folder inbox = store.getFolder(server.folder());
            inbox.open(Folder.READ_WRITE);
            Message[] all = inbox.getMessages();
            if (all.length > 0) {
                inbox.setFlags(all, new Flags(Flags.Flag.DELETED), true);
            }
            inbox.close(true);
        }
    }
}

package se.foubot.channels.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.foubot.privacy.LogText;
import se.foubot.store.LeasedQueue;

/**
 * Sends what the outbox holds over SMTP: takes due mail with a lease, a small batch at a time, sends each with the
 * Message-ID derived from its key, marks the batch sent; a mail the server refuses is retried with growing pauses.
 * Several senders (replicas) may work one outbox; while they live, each mail goes out once. A sender killed mid-batch
 * leaves the mails it handed to the server and had not recorded; they go out again, with the same Message-ID.
 */
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    /** Mails a round gives each connection at most. */
    private static final int ROUND = 500;
    /** Mails below which another connection is not opened. */
    private static final int PER_CONNECTION = 10;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(30);

    private final Outbox outbox;
    private final MailSessions.Server smtp;
    private final Session session;
    private final String from;
    private final Duration lease;
    private final int maxAttempts;
    private final Clock clock;
    private final String id = "sender-" + UUID.randomUUID();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final int connections;
    private final int batch;
    private final ExecutorService lines;
    /** Set by {@link #stop}: no mail is taken or sent from then on. */
    private volatile boolean stopping;

    public OutboxSender(Outbox outbox, String smtpUrl, String from, Duration lease, int maxAttempts, Clock clock) {
        this(outbox, smtpUrl, from, lease, maxAttempts, 1, 1, clock);
    }

    /**
     * @param connections SMTP connections a round sends over at once
     * @param batch       mails a connection takes, and records as sent, with one store command (1: each mail is
     *                    recorded before the next goes out)
     */
    public OutboxSender(Outbox outbox, String smtpUrl, String from, Duration lease, int maxAttempts, int connections, int batch,
            Clock clock) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1: " + batch);
        }
        this.connections = connections;
        this.batch = batch;
        AtomicInteger n = new AtomicInteger();
        this.lines = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smtp-connection-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // background sending yields to the threads that answer people
            return t;
        });
        this.outbox = outbox;
        this.smtp = MailSessions.parse(smtpUrl);
        this.session = MailSessions.session(smtp);
        this.from = from;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /**
     * Sends what is due now, over up to {@code connections} SMTP connections at once (each mail waits for the server's
     * answer and for its own record in the store, so one connection leaves the server idle most of the time). An
     * unreachable server or a dropped connection is nobody's mail's fault: the mail waits untouched (no attempt used
     * up, so a long outage gives up nothing) and the next round tries again. Only a mail the server refuses counts an
     * attempt.
     *
     * @return how many mails were sent
     */
    public int sendDue() {
        if (stopping) {
            return 0;
        }
        // whole: what a lane takes need not be read back (see LeasedQueue#markSentAndTake)
        List<Document> due = new ArrayList<>(outbox.queue().takeableItems(ROUND * connections));
        if (due.isEmpty()) {
            return 0;
        }
        // another replica that looked at the same moment has the same list: starting somewhere else in it, the two
        // do not contend for the same mails batch after batch (the round is taken whole, so its order matters little)
        Collections.rotate(due, ThreadLocalRandom.current().nextInt(due.size()));
        // a few mails are not worth another connection
        int lanes = Math.max(1, Math.min(connections, due.size() / PER_CONNECTION));
        // even one lane runs on a connection thread: those are below the threads that answer people, the caller
        // (a scheduler thread) is not
        List<CompletableFuture<Integer>> running = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            // a run of neighbouring keys each: a batch's records then share the store's pages and its commit writes fewer
            List<Document> share = due.subList(lane * due.size() / lanes, (lane + 1) * due.size() / lanes);
            running.add(CompletableFuture.supplyAsync(() -> sendOver(share), lines));
        }
        int sent = 0;
        for (CompletableFuture<Integer> lane : running) {
            sent += lane.join();
        }
        return sent;
    }

    /**
     * Sends {@code mails} (those no other sender has taken) over one SMTP connection, {@code batch} at a time: one
     * command records the previous batch as sent and takes the next under this sender's lease, so the lane waits for
     * the store once per batch instead of once per mail. The price: a sender killed mid-batch leaves up to a batch of
     * mails handed to the server but not recorded; they are sent again (same Message-ID) once the lease runs out.
     */
    private int sendOver(List<Document> mails) {
        Transport transport;
        try {
            transport = connect();
        } catch (MessagingException e) {
            if (reachable.compareAndSet(true, false)) {
                log.warn("event=smtp_unreachable waiting={} reason=\"{}\"", mails.size(), LogText.clean(e.getMessage()));
            }
            return 0;
        }
        if (reachable.compareAndSet(false, true)) {
            log.info("event=smtp_reachable_again");
        }
        LeasedQueue queue = outbox.queue();
        int sent = 0;
        // mails handed to the server, recorded as sent together with taking the next batch (one commit)
        List<String> unrecorded = new ArrayList<>();
        try {
            for (int from = 0; from < mails.size() && !stopping; from += batch) {
                List<Document> next = mails.subList(from, Math.min(mails.size(), from + batch));
                Instant takenAt = clock.instant();
                List<Document> taken = queue.markSentAndTake(unrecorded, id, next, takenAt.plus(lease));
                sent += unrecorded.size();
                unrecorded.clear();
                if (!sendBatch(transport, taken, takenAt, unrecorded)) {
                    break;
                }
            }
        } finally {
            closeQuietly(transport);
        }
        if (!unrecorded.isEmpty()) {
            queue.markSent(unrecorded, id);
            sent += unrecorded.size();
        }
        if (sent > 0) {
            log.debug("event=outbox_sent count={} sender={}", sent, id);
        }
        return sent;
    }

    /**
     * Sends the mails this sender took, adding each the server accepted to {@code handedOver}. A mail the server
     * refuses is given back for a later attempt of its own; the others go on. A lease half run out is renewed before
     * the next mail goes out (a slow server), for the mails still to send and those sent and not yet recorded, so no
     * other sender takes over a mail this one has sent or is still going to send.
     *
     * @return false when the connection dropped: the mails not yet sent are given back untouched
     */
    private boolean sendBatch(Transport transport, List<Document> taken, Instant takenAt, List<String> handedOver) {
        LeasedQueue queue = outbox.queue();
        List<Document> left = new ArrayList<>(taken);
        Instant renewAt = takenAt.plus(lease.dividedBy(2));
        while (!left.isEmpty()) {
            if (stopping) {
                // the process is going: what this sender took and has not sent is given back for the next at once
                queue.release(keysOf(left), id);
                log.info("event=outbox_handed_over given_back={} sender={}", left.size(), id);
                return false;
            }
            if (clock.instant().isAfter(renewAt)) {
                renewAt = clock.instant().plus(lease.dividedBy(2));
                // the mails handed over and not yet recorded too: another sender must not take them over either
                List<String> held = new ArrayList<>(handedOver);
                held.addAll(keysOf(left));
                Set<String> still = new HashSet<>(keysOf(queue.renew(held, id, clock.instant().plus(lease))));
                left.removeIf(m -> !still.contains(m.getString("_id")));
                if (left.isEmpty()) {
                    break;
                }
            }
            Document mail = left.remove(0);
            String key = mail.getString("_id");
            try {
                transmit(transport, mail);
            } catch (MessagingException | RuntimeException e) {
                if (!transport.isConnected()) {
                    List<String> back = new ArrayList<>(List.of(key));
                    back.addAll(keysOf(left));
                    queue.release(back, id);
                    log.warn("event=smtp_connection_lost key={} given_back={} reason=\"{}\"", LogText.clean(key), back.size(),
                            LogText.clean(e.getMessage()));
                    return false;
                }
                failed(key, e);
                continue;
            }
            handedOver.add(key);
        }
        return true;
    }

    /**
     * Stops sending, for a process that is going (a rolling update, a scale-down): a round under way sends no further
     * mail, records as sent every mail the server took, and gives back those it took from the outbox and had not sent,
     * so another sender (a replica, or this process restarted) sends them at once instead of after the lease — and none
     * goes out twice because the store closed before its sent mark was written. Rounds after it send nothing.
     */
    public void stop() {
        stopping = true;
    }

    private static List<String> keysOf(List<Document> mails) {
        return mails.stream().map(m -> m.getString("_id")).toList();
    }

    private Transport connect() throws MessagingException {
        Transport transport = session.getTransport(smtp.protocol());
        transport.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
        return transport;
    }

    private static void closeQuietly(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the connection is gone either way
            }
        }
    }

    /**
     * Gives the mail back for a later attempt, with a longer pause each time. The attempts are counted from the mail as
     * it is now, not as the round read it: another sender may have tried it in between.
     */
    private void failed(String key, Exception e) {
        int attempts = outbox.queue().item(key).map(m -> m.getInteger("attempts", 0)).orElse(0) + 1;
        boolean giveUp = attempts >= maxAttempts;
        Instant next = clock.instant().plus(backoff(attempts));
        outbox.queue().markFailed(key, id, attempts, next, giveUp, e.getClass().getSimpleName() + ": " + e.getMessage());
        log.warn("event=mail_send_failed key={} attempt={} gave_up={} reason=\"{}\"", LogText.clean(key), attempts, giveUp, LogText.clean(e.getMessage()));
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 10));
        return d.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : d;
    }

    /**
     * Text plus the invite as multipart/alternative with a text/calendar part carrying the same METHOD, which is
     * what Outlook and Google Calendar look for to show Accept/Decline; and the .ics once more as an attachment
     * for clients that show neither.
     */
    private static MimeMultipart withInvite(String text, Document calendar) throws MessagingException {
        String method = calendar.getString("method");
        String ics = calendar.getString("ics");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        MimeBodyPart calendarPart = new MimeBodyPart();
        calendarPart.setContent(ics, "text/calendar; charset=UTF-8; method=" + method);
        // 7-bit on the wire: a relay that cannot pass 8-bit would mangle the invite's Swedish letters; quoted-printable
        // keeps the folded lines readable, and its soft breaks are gone once a calendar decodes the part
        calendarPart.setHeader("Content-Transfer-Encoding", "quoted-printable");
        MimeMultipart alternative = new MimeMultipart("alternative", textPart, calendarPart);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(ics, "application/ics; name=\"invite.ics\"");
        attachment.setFileName("invite.ics");
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        return new MimeMultipart("mixed", body, attachment);
    }

    private void transmit(Transport transport, Document mail) throws MessagingException {
        String messageId = mail.getString("messageId");
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId); // derived from the outbox key, stable across attempts
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(mail.getString("to")));
        message.setSubject(mail.getString("subject"), "UTF-8");
        Document calendar = mail.get("calendar", Document.class);
        if (calendar == null) {
            message.setText(mail.getString("text"), "UTF-8");
        } else {
            message.setContent(withInvite(mail.getString("text"), calendar));
        }
        Document headers = mail.get("headers", Document.class);
        if (headers != null) {
            for (var h : headers.entrySet()) {
                message.setHeader(h.getKey(), String.valueOf(h.getValue()));
            }
        }
        message.setSentDate(Date.from(clock.instant()));
        if (mail.getString("inReplyTo") != null) {
            message.setHeader("In-Reply-To", mail.getString("inReplyTo"));
        }
        List<String> references = mail.getList("references", String.class, List.of());
        if (!references.isEmpty()) {
            message.setHeader("References", String.join(" ", references));
        }
        message.setHeader("Auto-Submitted", mail.getString("autoSubmitted") == null ? "auto-generated" : mail.getString("autoSubmitted"));
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
    }
}

package se.foubot.channels.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Sends what the outbox holds over SMTP: takes each due mail with a lease, sends it with the Message-ID derived
 * from its key, marks it sent; a mail the server refuses is retried with growing pauses. Several senders (replicas) may
 * work one outbox; each mail goes out once.
 */
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 100;
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
    private final ExecutorService lines;

    public OutboxSender(Outbox outbox, String smtpUrl, String from, Duration lease, int maxAttempts, Clock clock) {
        this(outbox, smtpUrl, from, lease, maxAttempts, 1, clock);
    }

    /** @param connections SMTP connections a round sends over at once */
    public OutboxSender(Outbox outbox, String smtpUrl, String from, Duration lease, int maxAttempts, int connections, Clock clock) {
        this.connections = connections;
        AtomicInteger n = new AtomicInteger();
        this.lines = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "smtp-connection-" + n.incrementAndGet());
            t.setDaemon(true);
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
        LeasedQueue queue = outbox.queue();
        queue.freeExpiredLeases();
        List<String> due = queue.due(BATCH * connections);
        if (due.isEmpty()) {
            return 0;
        }
        // a few mails are not worth another connection
        int lanes = Math.max(1, Math.min(connections, due.size() / PER_CONNECTION));
        if (lanes == 1) {
            return sendOver(due);
        }
        List<CompletableFuture<Integer>> running = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            List<String> share = new ArrayList<>();
            for (int i = lane; i < due.size(); i += lanes) {
                share.add(due.get(i));
            }
            running.add(CompletableFuture.supplyAsync(() -> sendOver(share), lines));
        }
        int sent = 0;
        for (CompletableFuture<Integer> lane : running) {
            sent += lane.join();
        }
        return sent;
    }

    /** Sends {@code keys} (those no other sender has taken) over one SMTP connection. */
    private int sendOver(List<String> keys) {
        LeasedQueue queue = outbox.queue();
        Transport transport;
        try {
            transport = connect();
        } catch (MessagingException e) {
            if (reachable.compareAndSet(true, false)) {
                log.warn("event=smtp_unreachable waiting={} reason=\"{}\"", keys.size(), LogText.clean(e.getMessage()));
            }
            return 0;
        }
        if (reachable.compareAndSet(false, true)) {
            log.info("event=smtp_reachable_again");
        }
        int sent = 0;
        // the mail last handed to the server, recorded as sent together with taking the next one (one commit)
        String unrecorded = null;
        try {
            for (String key : keys) {
                Instant leaseUntil = clock.instant().plus(lease);
                Document mail = unrecorded == null ? queue.take(key, id, leaseUntil)
                        : queue.markSentAndTake(unrecorded, id, new Document(), key, leaseUntil);
                if (unrecorded != null) {
                    unrecorded = null;
                    sent++;
                }
                if (mail == null) {
                    continue; // another sender has it
                }
                try {
                    transmit(transport, mail);
                } catch (MessagingException | RuntimeException e) {
                    if (!transport.isConnected()) {
                        queue.release(key, id);
                        log.warn("event=smtp_connection_lost key={} reason=\"{}\"", LogText.clean(key), LogText.clean(e.getMessage()));
                        break;
                    }
                    failed(key, mail, e);
                    continue;
                }
                unrecorded = key;
            }
            if (unrecorded != null) {
                queue.markSent(unrecorded, id, new Document());
                sent++;
            }
        } finally {
            closeQuietly(transport);
        }
        if (sent > 0) {
            log.debug("event=outbox_sent count={} sender={}", sent, id);
        }
        return sent;
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

    /** Gives the mail back for a later attempt, with a longer pause each time. */
    private void failed(String key, Document mail, Exception e) {
        int attempts = mail.getInteger("attempts", 0) + 1;
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

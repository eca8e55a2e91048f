package se.foubot.channels.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds over SMTP: takes each due mail with a lease, sends it with the Message-ID derived
 * from its key, marks it sent; while SMTP is down it retries with growing pauses. Several senders (replicas) may
 * work one outbox; each mail goes out once.
 */
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 100;
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

    public OutboxSender(Outbox outbox, String smtpUrl, String from, Duration lease, int maxAttempts, Clock clock) {
        this.outbox = outbox;
        this.smtp = MailSessions.parse(smtpUrl);
        this.session = MailSessions.session(smtp);
        this.from = from;
        this.lease = lease;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /** Sends what is due now, over one SMTP connection. @return how many mails were sent */
    public int sendDue() {
        outbox.freeExpiredLeases();
        List<String> due = outbox.due(BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        int sent = 0;
        Transport transport = null;
        try {
            for (String key : due) {
                Document mail = outbox.take(key, id, clock.instant().plus(lease));
                if (mail == null) {
                    continue; // another sender has it
                }
                try {
                    if (transport == null || !transport.isConnected()) {
                        transport = connect();
                    }
                    transmit(transport, mail);
                    outbox.markSent(key, id);
                    sent++;
                } catch (MessagingException | RuntimeException e) {
                    failed(key, mail, e);
                    closeQuietly(transport);
                    transport = null;
                }
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
        outbox.markFailed(key, id, attempts, next, giveUp, e.getClass().getSimpleName() + ": " + e.getMessage());
        log.warn("event=mail_send_failed key={} attempt={} gave_up={} reason=\"{}\"", key, attempts, giveUp, e.getMessage());
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 10));
        return d.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : d;
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
        message.setText(mail.getString("text"), "UTF-8");
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

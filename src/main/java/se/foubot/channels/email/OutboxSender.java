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
import se.foubot.store.Holder;
import se.foubot.store.LeasedQueue;
import se.foubot.store.ProcessBoot;

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
    /** This sender's name on the mails it holds, by this process's id (see {@link Holder}). */
    private final Holder holder;
    private final String id;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final int connections;
    private final int batch;
    private final ExecutorService lines;
    /** Set by {@link #stop}: no mail is taken or sent from then on. */
    private volatile boolean stopping;
    /** The connections sending now, for a stop to settle. */
    private final Set<Lane> lanes = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
        this(outbox, smtpUrl, from, lease, maxAttempts, connections, batch, clock, null);
    }

    /**
     * As above; {@code boot} names this process's sender, and the mails the sender of the process before it held when it
     * died are given back at the first round, instead of after their lease (null: a sender of its own, none given back).
     */
    public OutboxSender(Outbox outbox, String smtpUrl, String from, Duration lease, int maxAttempts, int connections, int batch,
            Clock clock, ProcessBoot boot) {
        this.holder = new Holder("sender", boot);
        this.id = holder.name();
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
        takeBackFromTheProcessBefore();
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
        // the round's mails are handed out a batch at a time to whichever connection is free, so none stands idle at
        // the end while another still works through a share of its own (nor is a dropped connection's share left for
        // the next round); a batch is a run of neighbouring keys, so its records share the store's pages and its
        // commit writes fewer
        AtomicInteger handedOut = new AtomicInteger();
        java.util.function.Supplier<List<Document>> nextBatch = () -> {
            int from = handedOut.getAndAdd(batch);
            return from >= due.size() ? List.of() : due.subList(from, Math.min(due.size(), from + batch));
        };
        // even one lane runs on a connection thread: those are below the threads that answer people, the caller
        // (a scheduler thread) is not
        List<CompletableFuture<Integer>> running = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int dueInRound = due.size();
            running.add(CompletableFuture.supplyAsync(() -> sendOver(nextBatch, dueInRound), lines));
        }
        int sent = 0;
        for (CompletableFuture<Integer> lane : running) {
            sent += lane.join();
        }
        return sent;
    }

    /**
     * The mails the process before this one held when it died (a {@code kill -9}), given back once, so they go out in
     * this round rather than after their lease. It had handed some to the server and not recorded them: those go out
     * again, with the same Message-ID, as they would after the lease.
     */
    private void takeBackFromTheProcessBefore() {
        Holder.TakenBack back = holder.takeBackFrom(outbox.queue()); // a store that is away throws: tried again next round
        if (back != null && back.count() > 0) {
            log.info("event=outbox_taken_back count={} from={}", back.count(), back.from());
        }
    }

    /**
     * What one connection holds while it sends: mails taken from the outbox and not yet sent, and mails the server took
     * and the store has not yet recorded as sent. Guarded by its own monitor (never held while a mail is on the wire),
     * so that a {@link #stop} can settle it from another thread while the connection waits for a slow server.
     */
    private static final class Lane {
        final List<Document> left = new ArrayList<>();
        final List<String> unrecorded = new ArrayList<>();
        /** Mails recorded as sent, by the lane or by a stop. */
        int recorded;
        /** Set by a stop, which recorded and gave back what the lane held: the lane takes and records nothing more. */
        boolean settled;

        /** Records the mails the server took as sent, in one command. @return how many. Call holding the monitor. */
        int recordUnrecorded(LeasedQueue queue, String sender) {
            int n = unrecorded.size();
            if (n > 0) {
                queue.markSent(unrecorded, sender);
                recorded += n;
                unrecorded.clear();
            }
            return n;
        }
    }

    /**
     * Sends the batches {@code nextBatch} hands out (until it hands out none) over one SMTP connection, the mails no
     * other sender has taken: one command records the previous batch as sent and takes the next under this sender's
     * lease, so the lane waits for the store once per batch instead of once per mail. The price: a sender killed
     * mid-batch leaves up to a batch of mails handed to the server but not recorded; they are sent again (same
     * Message-ID) once the lease runs out.
     */
    private int sendOver(java.util.function.Supplier<List<Document>> nextBatch, int dueInRound) {
        Transport transport;
        try {
            transport = connect();
        } catch (MessagingException e) {
            if (reachable.compareAndSet(true, false)) {
                log.warn("event=smtp_unreachable due={} reason=\"{}\"", dueInRound, LogText.clean(e.getMessage()));
            }
            return 0;
        }
        if (reachable.compareAndSet(false, true)) {
            log.info("event=smtp_reachable_again");
        }
        LeasedQueue queue = outbox.queue();
        Lane lane = new Lane();
        lanes.add(lane);
        try {
            for (List<Document> next = nextBatch.get(); !next.isEmpty() && !stopping; next = nextBatch.get()) {
                Instant takenAt = clock.instant();
                synchronized (lane) {
                    if (lane.settled) {
                        break;
                    }
                    // the mails the server took are recorded as sent together with taking the next batch (one commit)
                    lane.left.addAll(queue.markSentAndTake(lane.unrecorded, id, next, takenAt.plus(lease)));
                    lane.recorded += lane.unrecorded.size();
                    lane.unrecorded.clear();
                }
                if (!sendBatch(transport, lane, takenAt)) {
                    break;
                }
            }
        } finally {
            closeQuietly(transport);
            lanes.remove(lane);
        }
        synchronized (lane) {
            if (!lane.settled) {
                lane.recordUnrecorded(queue, id);
            }
            if (lane.recorded > 0) {
                log.debug("event=outbox_sent count={} sender={}", lane.recorded, id);
            }
            return lane.recorded;
        }
    }

    /**
     * Sends the mails the lane took, adding each the server accepted to those it has not recorded. A mail the server
     * refuses is given back for a later attempt of its own; the others go on. A lease half run out is renewed before
     * the next mail goes out (a slow server), for the mails still to send and those sent and not yet recorded, so no
     * other sender takes over a mail this one has sent or is still going to send.
     *
     * @return false when the connection dropped (the mails not yet sent are given back untouched) or a stop settled
     *         the lane
     */
    private boolean sendBatch(Transport transport, Lane lane, Instant takenAt) {
        LeasedQueue queue = outbox.queue();
        Instant renewAt = takenAt.plus(lease.dividedBy(2));
        while (true) {
            Document mail;
            synchronized (lane) {
                if (lane.settled) {
                    return false;
                }
                if (clock.instant().isAfter(renewAt) && !lane.left.isEmpty()) {
                    renewAt = clock.instant().plus(lease.dividedBy(2));
                    // the mails handed over and not yet recorded too: another sender must not take them over either
                    List<String> held = new ArrayList<>(lane.unrecorded);
                    held.addAll(keysOf(lane.left));
                    Set<String> still = new HashSet<>(keysOf(queue.renew(held, id, clock.instant().plus(lease))));
                    lane.left.removeIf(m -> !still.contains(m.getString("_id")));
                }
                if (lane.left.isEmpty()) {
                    return true;
                }
                mail = lane.left.remove(0);
            }
            String key = mail.getString("_id");
            try {
                transmit(transport, mail);
            } catch (MessagingException | RuntimeException e) {
                if (!transport.isConnected()) {
                    List<String> back = new ArrayList<>(List.of(key));
                    synchronized (lane) {
                        back.addAll(keysOf(lane.left));
                        lane.left.clear();
                    }
                    queue.release(back, id);
                    log.warn("event=smtp_connection_lost key={} given_back={} reason=\"{}\"", LogText.clean(key), back.size(),
                            LogText.clean(e.getMessage()));
                    return false;
                }
                failed(key, e);
                continue;
            }
            synchronized (lane) {
                if (!lane.settled) {
                    lane.unrecorded.add(key);
                    continue;
                }
            }
            // it was on the wire when a stop settled the lane: recorded alone, if the store is still there
            try {
                queue.markSent(List.of(key), id);
                synchronized (lane) {
                    lane.recorded++;
                }
            } catch (RuntimeException storeClosed) {
                log.warn("event=outbox_mark_lost key={} rule={} (sent again once its lease has run out, same Message-ID)",
                        LogText.clean(key), storeClosed.getClass().getSimpleName());
            }
            return false;
        }
    }

    /**
     * Stops sending, for a process that is going (a rolling update, a scale-down): at once, from the calling thread,
     * each connection's mails the server took are recorded as sent and those it took from the outbox and had not sent
     * are given back, so another sender (a replica, or this process restarted) sends them at once instead of after the
     * lease, and none goes out twice because the process ended before its sent mark was written — even while a
     * connection waits for a slow server. A mail on the wire then is recorded when the server answers, if the store
     * is still there. Rounds after it send nothing.
     */
    public void stop() {
        stopping = true;
        int recorded = 0;
        int givenBack = 0;
        LeasedQueue queue = outbox.queue();
        for (Lane lane : lanes) {
            synchronized (lane) {
                if (lane.settled) {
                    continue;
                }
                lane.settled = true;
                try {
                    recorded += lane.recordUnrecorded(queue, id);
                    if (!lane.left.isEmpty()) {
                        queue.release(keysOf(lane.left), id);
                        givenBack += lane.left.size();
                    }
                } catch (RuntimeException storeDown) {
                    log.warn("event=outbox_not_handed_over rule={} (sent again or sent once their lease has run out)",
                            storeDown.getClass().getSimpleName());
                }
                lane.unrecorded.clear();
                lane.left.clear();
            }
        }
        log.info("event=outbox_handed_over recorded_sent={} given_back={} sender={}", recorded, givenBack, id);
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
        // the origination date (RFC 5322 3.6.1): when the bot wrote the mail, so that "om 14 dagar" in a mail sent late
        // after an outage, or in the demo year's reminders, is read against the day it was written
        Date written = mail.getDate("createdAt");
        message.setSentDate(written != null ? written : Date.from(clock.instant()));
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

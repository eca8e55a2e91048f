package se.foubot.channels.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;


import io.micrometer.core.instrument.MeterRegistry;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.store.InsertOnce;
import se.foubot.store.StoreIndexes;

/**
 * Received mail in MongoDB, keyed by Message-ID (or a content hash), so reading a mail twice stores it once.
 * A person's mail waits here to be processed; automatic mail and mail the bot must not answer goes to the
 * quarantine, which the admin can list. Personal identity numbers are removed before anything is stored.
 */
@Component
public class MailInbox implements StoreIndexes {

    private static final Logger log = LoggerFactory.getLogger(MailInbox.class);
    /** What the sender wrote in their answer to "Bekräfta:" besides the yes, kept with the mail it confirmed. */
    static final String SAID_BESIDE_CONFIRMATION = "saidBesideConfirmation";
    /** The outcome of a mail whose sender said they did not write it. */
    static final String DENIED_BY_SENDER = "denied-by-sender";
    static final String INBOX = "mail_inbox";
    /** The outcome of a mail about a task retention has anonymised: answered, and its text not kept. */
    static final String NOT_KEPT = "ignored:anonymised";
    static final String QUARANTINE = "mail_quarantine";
    static final String RECEIVED = "received";
    static final String PROCESSING = "processing";
    static final String PROCESSED = "processed";
    /** Failed its bounded attempts: parked as a dead letter, never processed again. */
    static final String PARKED = "parked";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final MailParser parser;
    private final MailGuard guard;
    private final SenderVerification verification;
    private final String ownAddress;
    private final MeterRegistry meters;
    private final Duration processingLease;
    /** Made by the first take: a command that only reads or stores mail (the chat, a backup) takes no turn as a process. */
    private final se.foubot.store.ProcessBoot boot;
    /** This process's name on the mails it processes (see {@link se.foubot.store.Holder}). */
    private se.foubot.store.Holder holder;
    /** Mails deferred for a store outage whose giving back the outage held up (see {@link #deferred}). */
    private final Set<String> owedBack = ConcurrentHashMap.newKeySet();

    MailInbox(MongoTemplate mongo, Clock clock, OutsideTextGuard identityNumbers, MailProperties properties,
            MeterRegistry meters) {
        this(mongo, clock, identityNumbers, properties, meters, null);
    }

    /**
     * As above; {@code boot} names this process's processor, and the mails the process before it was processing when it
     * died are taken up again at once instead of after their lease (null: none given back).
     */
    @org.springframework.beans.factory.annotation.Autowired
    MailInbox(MongoTemplate mongo, Clock clock, OutsideTextGuard identityNumbers, MailProperties properties,
            MeterRegistry meters, @org.springframework.context.annotation.Lazy se.foubot.store.ProcessBoot boot) {
        this.boot = boot;
        this.mongo = mongo;
        this.clock = clock;
        this.parser = new MailParser(identityNumbers);
        this.guard = new MailGuard(properties.allowedSenderDomains(), properties.from(), mailbox(properties));
        this.verification = new SenderVerification(properties.trustedAuthservIds());
        this.ownAddress = properties.from().toLowerCase();
        this.meters = meters;
        this.processingLease = properties.processingLease();
    }

    /** The address of the mailbox the bot reads: the embedded server's, or the IMAP user's when it is an address. */
    private static String mailbox(MailProperties properties) {
        if (properties.embedded()) {
            return EmbeddedMailServer.MAILBOX;
        }
        try {
            return MailSessions.parse(properties.imapUrl()).user();
        } catch (RuntimeException unreadable) {
            return null; // the reader says what is wrong with the URL
        }
    }

    @Override
    public void ensure(MongoTemplate mongo) {
        mongo.indexOps(INBOX).createIndex(new Index("status", Sort.Direction.ASC).named("status"));
        mongo.indexOps(QUARANTINE).createIndex(new Index("receivedAt", Sort.Direction.DESC).named("receivedAt"));
    }

    /** Reads a raw mail (every text through the privacy guard) and stores it (once); @return true when it is new */
    boolean receive(byte[] raw) {
        return accept(parser.parse(raw));
    }

    /**
     * Reads a batch of raw mails and stores each (once) with one write per collection, so the batch waits for one
     * commit to disk instead of one per mail; the reader marks them seen only after this returns. @return how many
     * were new
     */
    int receiveAll(List<byte[]> raws) {
        Instant now = clock.instant();
        List<Stored> quarantined = new ArrayList<>();
        List<Stored> received = new ArrayList<>();
        for (byte[] raw : raws) {
            Stored stored = stored(parser.parse(raw), now);
            (stored.collection().equals(QUARANTINE) ? quarantined : received).add(stored);
        }
        return insertOnce(quarantined, QUARANTINE) + insertOnce(received, INBOX);
    }

    /**
     * Stores the mail (once); @return true when it is new to the bot. What is stored has passed the guard; a personal
     * identity number found anywhere the sender wrote is remembered ({@code identityNumberRemoved}) so the answer
     * tells them it was removed. The display name is not stored.
     */
    boolean accept(InboundMail mail) {
        Stored stored = stored(mail, clock.instant());
        try {
            mongo.insert(stored.document(), stored.collection());
        } catch (DuplicateKeyException alreadyStored) {
            return false;
        }
        stored.told().run();
        return true;
    }

    /** A mail as it is stored: in which collection, the document, and what is logged and counted once it is new. */
    private record Stored(String collection, Document document, Runnable told) {
    }

    private Stored stored(InboundMail mail, Instant now) {
        Optional<String> quarantine = guard.quarantineReason(mail)
                .or(() -> verification.forged(mail.from(), mail.trace()).map(v -> "forged sender (" + v + ")"));
        if (quarantine.isPresent()) {
            return new Stored(QUARANTINE, new Document("_id", mail.key()).append("from", mail.from()).append("subject",
                    mail.subject().text()).append("reason", quarantine.get())
                    .append("receivedAt", Date.from(now)), () -> {
                        meters.counter("foubot.mail.quarantined").increment();
                        log.info("event=mail_quarantined mail={} rule=\"{}\"", mail.key(), quarantine.get());
                    });
        }
        boolean hadNumber = mail.identityNumberRemoved();
        return new Stored(INBOX, new Document("_id", mail.key()).append("status", RECEIVED).append("from", mail.from())
                .append("subject", mail.subject().text()).append("text", mail.text().text())
                .append("signature", mail.signature().text())
                .append("messageId", mail.messageId()).append("inReplyTo", mail.inReplyTo())
                .append("references", mail.references()).append("attachments", mail.attachmentNames())
                .append("problem", mail.problem()).append("identityNumberRemoved", hadNumber)
                .append("senderProof", verification.proof(mail.from(), mail.trace()).orElse(null))
                .append("copied", mail.copied().stream().filter(a -> !a.equals(ownAddress) && !a.equals(mail.from()))
                        .toList())
                .append("calendar", calendar(mail.calendar()))
                .append("sentAt", Date.from(sentAt(mail.date(), now)))
                .append("receivedAt", Date.from(now)), () -> {
                    // one line per mail only where an operator has something to look at; the reader logs each batch
                    if (mail.problem() != null || hadNumber) {
                        log.info("event=mail_received mail={} attachments={} problem={} identity_number_removed={}",
                                mail.key(), mail.attachments().size(), mail.problem(), hadNumber);
                    } else {
                        log.debug("event=mail_received mail={} attachments={} problem={} identity_number_removed={}",
                                mail.key(), mail.attachments().size(), mail.problem(), hadNumber);
                    }
                });
    }

    /**
     * Inserts {@code mails} in one unordered command: a mail stored before (the same key) is passed over, the others
     * are stored. @return how many were new
     */
    private int insertOnce(List<Stored> mails, String collection) {
        if (mails.isEmpty()) {
            return 0;
        }
        Set<Integer> before = InsertOnce.insertAll(mongo, collection, mails.stream().map(Stored::document).toList());
        int fresh = 0;
        for (int i = 0; i < mails.size(); i++) {
            if (!before.contains(i)) {
                mails.get(i).told().run();
                fresh++;
            }
        }
        return fresh;
    }

    /** Earliest Date field believed: before it, e-mail at the city did not exist; a clock set to 1970 writes such dates. */
    static final Instant EARLIEST_DATE = Instant.parse("1990-01-01T00:00:00Z");

    /**
     * When the mail says it was written, if that is believable: from 1990 until a day after it arrived (clocks and
     * zones differ). Anything else — year 0, year 99999, next month — is treated as no Date at all: the time it arrived.
     */
    static Instant sentAt(Instant date, Instant received) {
        return date != null && !date.isBefore(EARLIEST_DATE) && !date.isAfter(received.plus(Duration.ofDays(1))) ? date : received;
    }

    private static Document calendar(CalendarReply c) {
        return c == null ? null : new Document("method", c.method()).append("uid", c.uid()).append("attendee", c.attendee())
                .append("partstat", c.partstat());
    }

    /**
     * Takes the next received mail to process (or one whose processor died); null when there is none. Each take
     * counts an attempt ({@code attempts}), so a mail that kills its processor is counted too.
     */
    Document takeNext() {
        giveBackDeferred();
        takeBackFromTheProcessBefore();
        Instant now = clock.instant();
        return mongo.findAndModify(Query.query(new Criteria().orOperator(
                Criteria.where("status").is(RECEIVED).orOperator(Criteria.where("nextAttemptAt").is(null),
                        Criteria.where("nextAttemptAt").lte(Date.from(now))),
                Criteria.where("status").is(PROCESSING).and("leaseUntil").lt(Date.from(now))))
                .with(Sort.by("receivedAt")),
                new Update().set("status", PROCESSING).set("leaseUntil", Date.from(now.plus(processingLease)))
                        .set("holder", holder().name()).inc("attempts", 1),
                FindAndModifyOptions.options().returnNew(true), Document.class, INBOX);
    }

    /** Processing threw: the mail waits until {@code at} for its next attempt. */
    /**
     * The mails the process before this one was processing when it died ({@code kill -9}), given back once, so they are
     * processed now rather than after their lease. The take that died with it stays counted as an attempt.
     */
    private void takeBackFromTheProcessBefore() {
        String before = holder().predecessor();
        if (before == null) {
            return;
        }
        // a store that is away throws here, as the take after it would: tried again at the next take
        long given = mongo.updateMulti(Query.query(Criteria.where("status").is(PROCESSING).and("holder").is(before)),
                new Update().set("status", RECEIVED).unset("leaseUntil").unset("holder"), INBOX).getModifiedCount();
        holder().givenBack();
        if (given > 0) {
            log.info("event=mail_taken_back count={} from={}", given, before);
        }
    }

    private synchronized se.foubot.store.Holder holder() {
        if (holder == null) {
            holder = new se.foubot.store.Holder("mail-processor", boot);
        }
        return holder;
    }

    void retryAt(String key, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), new Update().set("status", RECEIVED)
                .set("nextAttemptAt", Date.from(at)).unset("leaseUntil"), INBOX);
    }

    /**
     * The sender of the mail {@code key}, which ended {@code awaiting} after {@code since}, has confirmed: it goes
     * back to be processed again, as proven. Once only. {@code saidBeside}: what the person wrote in their answer
     * besides the yes ("Ja. En sak till: …"), kept with the mail; null when nothing. @return whether there was such a mail
     */
    boolean confirmSender(String key, String awaiting, Instant since, String saidBeside) {
        Update update = new Update().set("status", RECEIVED).set("senderConfirmed", true).set("attempts", 0).unset("outcome")
                .unset("nextAttemptAt");
        if (saidBeside != null) {
            update.set(SAID_BESIDE_CONFIRMATION, saidBeside);
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("outcome").is(awaiting)
                .and("receivedAt").gte(Date.from(since))), update, INBOX).getModifiedCount() == 1;
    }

    /**
     * The sender said they did not write the mail {@code key}, which waited for their confirmation: it is done with,
     * never confirmed later. @return whether it was still waiting
     */
    boolean denySender(String key, String awaiting) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("outcome").is(awaiting)),
                new Update().set("outcome", DENIED_BY_SENDER), INBOX).getModifiedCount() == 1;
    }

    /** Out of attempts: kept (for its retention) but never processed again; the dead letter names the rule. */
    void park(String key, String rule) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), new Update().set("status", PARKED)
                .set("outcome", "parked:" + rule).unset("leaseUntil"), INBOX);
    }

    void done(String key, String outcome) {
        Update update = new Update().set("status", PROCESSED).set("outcome", outcome).unset("leaseUntil");
        if (NOT_KEPT.equals(outcome)) {
            // its sender was told it "har inte sparats": its words go now, not with the inbox's retention (helper 120)
            update.unset("text");
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), update, INBOX);
    }

    /**
     * The store went away while {@code key} was processed: back to waiting, and its take counts no attempt (an outage
     * is nobody's mail's fault; three of them parked a good mail). The store is usually still away for this write too:
     * then it is made before the next take, so the lease running out does not count the attempt after all.
     */
    void deferred(String key) {
        owedBack.add(key);
        giveBackDeferred();
    }

    private void giveBackDeferred() {
        for (String key : owedBack) {
            // only while it is still ours: if another replica took it meanwhile, its take counted and stands
            mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("status").is(PROCESSING).and("holder").is(holder().name())),
                    new Update().set("status", RECEIVED).unset("leaseUntil").unset("holder").inc("attempts", -1), INBOX);
            owedBack.remove(key);
        }
    }

    public List<Document> quarantine(int limit) {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "receivedAt")).limit(limit), Document.class, QUARANTINE);
    }
}

package se.foubot.channels.email;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import se.foubot.privacy.Sha256;
import se.foubot.store.LeasedQueue;
import se.foubot.store.StoreIndexes;

/** Outgoing mail in MongoDB: a {@link LeasedQueue}, so a crash loses nothing and two senders send nothing twice. */
@Component
public class Outbox implements StoreIndexes {

    static final String COLLECTION = "outbox";
    static final String PENDING = LeasedQueue.PENDING;
    static final String SENT = LeasedQueue.SENT;
    /** The {@code Auto-Submitted} value of an answer to a received mail (RFC 3834), as {@link OutgoingMail} carries it. */
    static final String AUTO_REPLIED = "auto-replied";

    /** A mail of ours that a received mail answers: what it belongs to and whom it went to. */
    record Replied(String thread, String to) {
    }

    private final MongoTemplate mongo;
    private final LeasedQueue queue;
    private final SecureRandom random = new SecureRandom();

    Outbox(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.queue = new LeasedQueue(mongo, clock, COLLECTION);
    }

    @Override
    public void ensure(MongoTemplate mongo) {
        queue.ensureIndexes(mongo);
        var outbox = mongo.indexOps(COLLECTION);
        outbox.createIndex(new Index("messageId", Sort.Direction.ASC).named("messageId"));
        outbox.createIndex(new Index("messageKey", Sort.Direction.ASC).named("messageKey"));
        // mail queued before answers were matched by hash gets its key, so an answer to it is still recognised
        for (Document d : mongo.find(Query.query(Criteria.where("messageKey").exists(false).and("messageId").ne(null)),
                Document.class, COLLECTION)) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(d.get("_id"))),
                    Update.update("messageKey", MailParser.keyOf(d.getString("messageId"))), COLLECTION);
        }
        outbox.createIndex(new Index().on("to", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC).named("to_createdAt"));
    }

    /** Queues {@code mail} once; queuing the same key again changes nothing. @return false if it was queued before */
    public boolean enqueue(OutgoingMail mail) {
        return queue.enqueue(mail.key(), document(mail));
    }

    /** Queues each mail once, all in one write (one commit to disk for the batch). @return the keys queued now */
    public Set<String> enqueueAll(List<OutgoingMail> mails) {
        Map<String, Document> items = new LinkedHashMap<>();
        for (OutgoingMail mail : mails) {
            items.putIfAbsent(mail.key(), document(mail));
        }
        return queue.enqueueAll(items);
    }

    private Document document(OutgoingMail mail) {
        String messageId = messageId(mail.key());
        Document doc = new Document("to", mail.to()).append("subject", mail.subject()).append("text", mail.text())
                .append("inReplyTo", mail.inReplyTo()).append("references", mail.references())
                .append("autoSubmitted", mail.autoSubmitted()).append("messageId", messageId)
                .append("messageKey", MailParser.keyOf(messageId))
                .append("thread", mail.thread());
        if (!mail.headers().isEmpty()) {
            doc.append("headers", new Document(mail.headers()));
        }
        if (mail.calendar() != null) {
            doc.append("calendar", new Document("method", mail.calendar().method()).append("ics", mail.calendar().ics()));
        }
        return doc;
    }

    LeasedQueue queue() {
        return queue;
    }

    /**
     * The newest of our mails among {@code messageIds} that belongs to something (see {@link OutgoingMail#thread()}).
     * Our Message-IDs cannot be guessed, so a mail that names one was written by someone who had that mail.
     *
     * @param messageKeys the Message-IDs a received mail names (In-Reply-To, References), hashed as {@link MailParser#keyOf}
     */
    Optional<Replied> repliedTo(List<String> messageKeys) {
        if (messageKeys.isEmpty()) {
            return Optional.empty();
        }
        Query q = Query.query(Criteria.where("messageKey").in(messageKeys).and("thread").ne(null))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(1);
        return Optional.ofNullable(mongo.findOne(q, Document.class, COLLECTION))
                .map(d -> new Replied(d.getString("thread"), d.getString("to")));
    }

    /**
     * Answers to received mail ({@code Auto-Submitted: auto-replied}) queued to {@code to} since {@code since}, for the
     * per-sender reply limit, which stops a loop with an auto-responder. What the bot sends on its own (a forum
     * announcement, a reminder, an invite: {@code auto-generated}) answers nothing and does not count: before, a
     * subscriber who had had ten announcements in an hour got no answer to their own mail (helper 122).
     */
    long repliesTo(String to, Instant since) {
        return mongo.count(Query.query(Criteria.where("to").is(to).and("createdAt").gte(Date.from(since))
                .and("autoSubmitted").is(AUTO_REPLIED)), COLLECTION);
    }

    /** Whether these very words were queued to {@code to} since {@code since}. */
    boolean sameTextQueuedTo(String to, String text, Instant since) {
        return mongo.exists(Query.query(Criteria.where("to").is(to).and("createdAt").gte(Date.from(since)).and("text").is(text)),
                COLLECTION);
    }

    /**
     * How many times these very words were queued to {@code to} in {@code thread} (see {@link OutgoingMail#thread()})
     * since {@code since} (found by the address's index).
     */
    long sameTextQueuedIn(String to, String thread, String text, Instant since) {
        return mongo.count(Query.query(Criteria.where("to").is(to).and("createdAt").gte(Date.from(since)).and("thread").is(thread)
                .and("text").is(text)), COLLECTION);
    }

    /** Automatic answers queued to addresses at {@code domain} since {@code since}, for the backscatter limit. */
    long autoRepliesForDomain(String domain, Instant since) {
        return mongo.count(Query.query(Criteria.where("to").regex("@" + domain.replaceAll("[^a-z0-9-]", "\\\\$0") + "$")
                .and("createdAt").gte(Date.from(since)).and("autoSubmitted").is(AUTO_REPLIED)), COLLECTION);
    }

    /** When the oldest mail still waiting was queued; empty when none waits. */
    Optional<Instant> oldestPending() {
        return queue.oldestPending();
    }

    long count(String status) {
        return queue.count(status);
    }

    /**
     * The Message-ID of the mail queued under {@code key}: made once, when it is queued, and kept with it, so every
     * attempt to send it uses the same one. Its second half is random: a reply naming it is a reply to that mail,
     * which went only to its recipient — this is how a person proves their address by answering the bot.
     */
    String messageId(String key) {
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        return "<" + HexFormat.of().formatHex(Sha256.of(key), 0, 8) + "." + HexFormat.of().formatHex(secret) + "@fou-bot>";
    }
}

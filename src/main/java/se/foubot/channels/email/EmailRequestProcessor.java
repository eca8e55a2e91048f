package se.foubot.channels.email;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import se.foubot.channels.InboundCommand;
import se.foubot.channels.Recipient;
import se.foubot.conversation.Language;
import se.foubot.deadletter.DeadLetters;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * Turns stored mail into work: a reply to one of the bot's mails (In-Reply-To/References first, the [FOU-…]
 * subject reference second, whatever "Re:"/"SV:" prefix) goes to its task or its open request; a new mail starts
 * a request. A request missing district, kind of support or timeframe gets one reply that asks for all of it;
 * once complete it becomes a task, sorted and posted like a Slack request, and the sender gets the reference.
 * Every step is keyed, so processing a mail again changes nothing.
 */
public class EmailRequestProcessor {

    private static final Logger log = LoggerFactory.getLogger(EmailRequestProcessor.class);
    static final String REQUESTS = "email_requests";
    static final String CHANNEL = "email";
    /** The dead-letter kind of a received mail. */
    static final String KIND = "mail";
    private static final Pattern SUBJECT_REFERENCE = Pattern.compile("\\[(FOU-\\d{4}-\\d{4,})\\]");

    private final MailInbox inbox;
    private final Outbox outbox;
    private final TaskService tasks;
    private final EmailFactReader facts;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId zone;
    private final int repliesPerHour;
    private final se.foubot.conversation.OptionList districts;
    private final se.foubot.conversation.OptionList categories;
    private final List<InboundCommand> commands;
    private final DeadLetters deadLetters;
    private final Duration retryDelay;

    EmailRequestProcessor(MailInbox inbox, Outbox outbox, TaskService tasks, EmailFactReader facts, MongoTemplate mongo,
            Clock clock, ZoneId zone, int repliesPerHour, se.foubot.conversation.OptionList districts,
            se.foubot.conversation.OptionList categories, List<InboundCommand> commands, DeadLetters deadLetters,
            Duration retryDelay) {
        this.deadLetters = deadLetters;
        this.retryDelay = retryDelay;
        this.commands = List.copyOf(commands);
        this.inbox = inbox;
        this.outbox = outbox;
        this.tasks = tasks;
        this.facts = facts;
        this.mongo = mongo;
        this.clock = clock;
        this.zone = zone;
        this.repliesPerHour = repliesPerHour;
        this.districts = districts;
        this.categories = categories;
    }

    /**
     * Processes all waiting mail. A mail whose processing throws is tried again on a later round, and after
     * {@link DeadLetters#maxAttempts()} attempts parked as a dead letter, its sender told that people will look at
     * it; a store outage only defers the mail. @return how many mails were processed
     */
    public int processWaiting() {
        int n = 0;
        Document mail;
        while ((mail = inbox.takeNext()) != null) {
            String key = mail.getString("_id");
            int attempts = mail.getInteger("attempts", 1);
            if (attempts > deadLetters.maxAttempts()) {
                // taken this often without an outcome: its processor died with it every time
                park(mail, "ProcessingInterrupted", null);
                continue;
            }
            try {
                inbox.done(key, process(mail));
                if (attempts > 1) {
                    deadLetters.cleared(KIND, key);
                }
                n++;
            } catch (RuntimeException | StackOverflowError e) {
                if (e instanceof DataAccessException d && DeadLetters.isOutage(d)) {
                    log.warn("event=mail_processing_deferred mail={} reason=\"{}\"", key, d.getMostSpecificCause().getMessage());
                    inbox.retry(key);
                    return n;
                }
                log.warn("event=mail_processing_failed mail={} attempt={} rule={}", key, attempts, e.getClass().getSimpleName());
                if (attempts >= deadLetters.maxAttempts()) {
                    park(mail, e.getClass().getSimpleName(), e);
                } else {
                    inbox.retryAt(key, clock.instant().plus(retryDelay.multipliedBy(attempts)));
                }
            }
        }
        return n;
    }

    /** Parks the mail and tells its sender, once, that it could not be handled automatically. */
    private void park(Document mail, String rule, Throwable failure) {
        String key = mail.getString("_id");
        int attempts = mail.getInteger("attempts", 1) - (failure == null ? 1 : 0);
        if (failure != null) {
            deadLetters.park(KIND, key, failure, attempts);
        } else {
            deadLetters.park(KIND, key, rule, attempts);
        }
        inbox.park(key, rule);
        if (mail.getString("from") != null) {
            String subject = mail.getString("subject") == null ? "" : mail.getString("subject");
            List<String> references = new ArrayList<>(mail.getList("references", String.class, List.of()));
            if (mail.getString("messageId") != null) {
                references.add(mail.getString("messageId"));
            }
            reply(new OutgoingMail("email-parked:" + key, mail.getString("from"), EmailTexts.reSubject(subject),
                    EmailTexts.parked(EmailTexts.guess(subject + " " + mail.getString("text"))), mail.getString("messageId"),
                    references, "auto-replied"));
        }
    }

    String process(Document mail) {
        String key = mail.getString("_id");
        List<String> threadIds = new ArrayList<>();
        if (mail.getString("inReplyTo") != null) {
            threadIds.add(mail.getString("inReplyTo"));
        }
        threadIds.addAll(mail.getList("references", String.class, List.of()));
        Optional<String> thread = outbox.threadOf(threadIds);
        if (thread.isEmpty()) {
            Matcher m = SUBJECT_REFERENCE.matcher(mail.getString("subject") == null ? "" : mail.getString("subject"));
            if (m.find() && tasks.find(m.group(1)).isPresent()) {
                thread = Optional.of("task:" + m.group(1));
            }
        }
        if (thread.isPresent() && thread.get().startsWith("task:")) {
            String reference = thread.get().substring("task:".length());
            tasks.mailFromRequester(reference, mail.getString("from"), key, mail.getString("text"));
            log.info("event=mail_attached_to_task mail={} task={}", key, reference);
            return "task:" + reference;
        }
        Optional<String> command = command(mail, thread.orElse(null));
        if (command.isPresent()) {
            return command.get();
        }
        if (thread.isPresent() && thread.get().startsWith("request:")) {
            Document request = mongo.findById(thread.get().substring("request:".length()), Document.class, REQUESTS);
            if (request != null) {
                return continueRequest(request, mail);
            }
        }
        return startRequest(mail);
    }

    /** A short command (forum, avsluta, anmäl) answered by the feature it belongs to, instead of starting a request. */
    private Optional<String> command(Document mail, String thread) {
        String subject = mail.getString("subject") == null ? "" : mail.getString("subject");
        String text = mail.getString("text") == null ? "" : mail.getString("text");
        InboundCommand.Message message = new InboundCommand.Message(Recipient.email(mail.getString("from")), subject, text,
                thread, mail.getString("_id"), EmailTexts.guess(subject + " " + text));
        for (InboundCommand c : commands) {
            Optional<InboundCommand.Answer> answer = c.handle(message);
            if (answer.isPresent()) {
                List<String> references = new ArrayList<>(mail.getList("references", String.class, List.of()));
                if (mail.getString("messageId") != null) {
                    references.add(mail.getString("messageId"));
                }
                reply(new OutgoingMail("email-command:" + mail.getString("_id"), mail.getString("from"),
                        EmailTexts.reSubject(subject), answer.get().text(), mail.getString("messageId"), references,
                        "auto-replied", answer.get().thread()));
                log.info("event=mail_command mail={} handler={}", mail.getString("_id"), c.getClass().getSimpleName());
                return Optional.of("command:" + c.getClass().getSimpleName());
            }
        }
        return Optional.empty();
    }

    private String startRequest(Document mail) {
        String key = mail.getString("_id");
        EmailFacts read = read(mail);
        Document request = new Document("_id", key).append("from", mail.getString("from"))
                .append("subject", mail.getString("subject")).append("rootMessageId", mail.getString("messageId"))
                .append("status", "open").append("attachments", mail.getList("attachments", String.class, List.of()))
                .append("language", EmailTexts.guess(mail.getString("subject") + " " + mail.getString("text")).name())
                .append("identityNumberRemoved", mail.getBoolean("identityNumberRemoved", false))
                .append("createdAt", Date.from(clock.instant()));
        put(request, read);
        try {
            mongo.insert(request, REQUESTS);
        } catch (DuplicateKeyException processedBefore) {
            request = mongo.findById(key, Document.class, REQUESTS);
        }
        log.info("event=email_request_started request={} complete={}", key, read.complete());
        return advance(request, mail);
    }

    private String continueRequest(Document request, Document mail) {
        if ("done".equals(request.getString("status"))) {
            String reference = request.getString("reference");
            tasks.mailFromRequester(reference, mail.getString("from"), mail.getString("_id"), mail.getString("text"));
            return "task:" + reference;
        }
        EmailFacts merged = stored(request).with(read(mail));
        Update update = new Update().set("updatedAt", Date.from(clock.instant()));
        Document values = new Document();
        put(values, merged);
        values.forEach(update::set);
        if (mail.getBoolean("identityNumberRemoved", false)) {
            update.set("identityNumberRemoved", true);
        }
        return advance(mongo.findAndModify(Query.query(Criteria.where("_id").is(request.getString("_id"))), update,
                org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true), Document.class, REQUESTS),
                mail);
    }

    /** Creates the task when the request is complete; otherwise asks, in one mail, for all that is missing. */
    private String advance(Document request, Document mail) {
        EmailFacts f = stored(request);
        Language language = Language.valueOf(request.getString("language"));
        String from = request.getString("from");
        List<String> references = new ArrayList<>(mail.getList("references", String.class, List.of()));
        if (mail.getString("messageId") != null) {
            references.add(mail.getString("messageId"));
        }
        boolean removed = request.getBoolean("identityNumberRemoved", false);
        if (!f.complete()) {
            reply(new OutgoingMail("email-ask:" + mail.getString("_id"), from, EmailTexts.reSubject(request.getString("subject")),
                    EmailTexts.askForMissing(f, districts.options(), categories.options(), language, removed),
                    mail.getString("messageId"), references, "auto-replied", "request:" + request.getString("_id")));
            return "asked";
        }
        SupportTask task = tasks.create("email:" + request.getString("_id"),
                new Requester(CHANNEL, from, Map.of("rootMessageId", String.valueOf(request.getString("rootMessageId")))),
                new SupportRequest(f.district(), null, f.concern(), null, f.categoryGiven() && f.category() != null
                        ? f.category() : "vet-inte", f.neededBy(), from, language.code()),
                request.getList("attachments", String.class, List.of()));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(request.getString("_id"))),
                new Update().set("status", "done").set("reference", task.reference()), REQUESTS);
        reply(new OutgoingMail("email-confirm:" + task.reference(), from,
                "[" + task.reference() + "] " + EmailTexts.reSubject(request.getString("subject")).substring(4),
                EmailTexts.confirmation(task.reference(), language, removed), mail.getString("messageId"), references,
                "auto-replied", "task:" + task.reference()));
        return "task:" + task.reference();
    }

    /** Sends a reply unless this sender has had as many as allowed in the last hour (a loop guard). */
    private void reply(OutgoingMail mail) {
        if (outbox.queuedTo(mail.to(), clock.instant().minus(Duration.ofHours(1))) >= repliesPerHour) {
            log.warn("event=mail_reply_suppressed key={} reason=\"{} replies in the last hour\"", mail.key(), repliesPerHour);
            return;
        }
        outbox.enqueue(mail);
    }

    private EmailFacts read(Document mail) {
        return facts.read(mail.getString("from"), mail.getString("subject"), mail.getString("text"),
                mail.getString("signature"), LocalDate.ofInstant(clock.instant(), zone));
    }

    private static void put(Document d, EmailFacts f) {
        d.append("district", f.district()).append("category", f.category()).append("categoryGiven", f.categoryGiven())
                .append("neededBy", f.neededBy() == null ? null : f.neededBy().toString())
                .append("timeframeGiven", f.timeframeGiven()).append("concern", f.concern());
    }

    private static EmailFacts stored(Document d) {
        return new EmailFacts(d.getString("district"), d.getString("category"), d.getBoolean("categoryGiven", false),
                d.getString("neededBy") == null ? null : LocalDate.parse(d.getString("neededBy")),
                d.getBoolean("timeframeGiven", false), d.getString("concern"));
    }
}

package se.foubot.channels.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
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
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import se.foubot.messaging.CalendarAnswers;
import se.foubot.messaging.CommandTable;
import se.foubot.messaging.Inbound;
import se.foubot.messaging.Reply;
import se.foubot.messaging.Recipient;
import se.foubot.conversation.FormAnswers;
import se.foubot.conversation.Language;
import se.foubot.deadletter.DeadLetters;
import se.foubot.privacy.LogText;

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
    /** How many times an hour the same question about what a request lacks goes to its sender (see {@link #mayAsk}). */
    static final int SAME_ASK_PER_HOUR = 2;
    /** The thread of our mails about an open request (its questions): "request:" and the request's id. */
    private static final String REQUEST_THREAD = "request:";
    static final String CHANNEL = "email";
    /** The dead-letter kind of a received mail. */
    static final String KIND = "mail";
    /** What a mail the bot asked its sender to confirm ends as, until they do. */
    static final String AWAITING_SENDER = "awaiting-sender";
    private static final String CONFIRM_THREAD = "confirm:";
    /** iMIP methods of an answer to an invite (RFC 5546): consumed, never answered. */
    private static final java.util.Set<String> CALENDAR_ANSWERS = java.util.Set.of("REPLY", "COUNTER", "REFRESH",
            "DECLINECOUNTER");
    /** Subjects calendars give their answers (Outlook, Google Calendar, Apple; Swedish and English). */
    private static final Pattern CALENDAR_SUBJECT = Pattern.compile("(?iu)^\\s*(accepterat|accepterad|godkänt|avböjt|avböjd"
            + "|avvisat|avvisad|preliminärt(\\s+accepterad|\\s+accepterat)?|preliminär|nytt tidsförslag|ny tid föreslagen"
            + "|accepted|declined|tentative|tentatively accepted|new time proposed|invitation accepted|invitation declined)\\s*:");
    /** How long the bot's question "was it you?" can be answered. */
    private static final Duration CONFIRMATION_VALID = Duration.ofDays(7);
    /**
     * A task's reference in a subject, in brackets as the bot writes it ("SV: [FOU-2026-0042] …") or not ("Angående
     * FOU-2026-0042", "avbryt fou-2026-0042", "FOU–2026–0042" as Word's autocorrect dashes it, or with minus signs):
     * the confirmation asks people to keep it in the subject, and they write it as they like. Group 1 is the opening
     * bracket, when there is one.
     */
    private static final Pattern SUBJECT_REFERENCE = Pattern.compile(
            "(?i)(\\[\\s*)?(?<![\\p{L}\\d\\p{Pd}\u2212])(FOU[\\p{Pd}\u2212]\\d{4}[\\p{Pd}\u2212]\\d{4,})(?![\\p{L}\\d\\p{Pd}\u2212])");

    private final MailInbox inbox;
    private final Outbox outbox;
    private final MailRequests tasks;
    private final MailIntake intake;
    private final MailReplies replies;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId zone;
    private final int repliesPerHour;
    private final CommandTable commands;
    private final DeadLetters deadLetters;
    private final Duration retryDelay;
    private final List<CalendarAnswers> calendarAnswers;
    private final List<String> allowedDomains;
    private final int unprovenRepliesPerDomain;
    /** Domains a held-back answer to was said at WARN this hour: once an hour per domain (a spam wave would write a line a mail). */
    private final se.foubot.privacy.OncePerWindow suppressionSaid;
    /** Domains remembered for it at most: a spam wave can name any number. */
    private static final int DOMAINS_REMEMBERED = 1_000;

    EmailRequestProcessor(MailInbox inbox, Outbox outbox, MailRequests tasks, MailIntake intake, MailReplies replies,
            MongoTemplate mongo, Clock clock, ZoneId zone, int repliesPerHour, CommandTable commands, DeadLetters deadLetters,
            Duration retryDelay, List<CalendarAnswers> calendarAnswers, List<String> allowedDomains,
            int unprovenRepliesPerDomain) {
        this.allowedDomains = List.copyOf(allowedDomains);
        this.unprovenRepliesPerDomain = unprovenRepliesPerDomain;
        this.calendarAnswers = List.copyOf(calendarAnswers);
        this.deadLetters = deadLetters;
        this.retryDelay = retryDelay;
        this.commands = commands;
        this.inbox = inbox;
        this.outbox = outbox;
        this.tasks = tasks;
        this.intake = intake;
        this.replies = replies;
        this.mongo = mongo;
        this.clock = clock;
        this.suppressionSaid = new se.foubot.privacy.OncePerWindow(clock, Duration.ofHours(1), DOMAINS_REMEMBERED);
        this.zone = zone;
        this.repliesPerHour = repliesPerHour;
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
                if (DeadLetters.isOutage(e)) {
                    Throwable cause = e instanceof DataAccessException d ? d.getMostSpecificCause() : e;
                    log.warn("event=mail_processing_deferred mail={} reason=\"{}\"", key, LogText.clean(cause.getMessage()));
                    inbox.deferred(key);
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
            Language language = replies.languageOf(subject + "\n" + mail.getString("text"));
            reply(mail, new OutgoingMail("email-parked:" + key, mail.getString("from"), replies.reSubject(subject, language),
                    replies.parked(language, notices(mail)), mail.getString("messageId"),
                    references(mail), "auto-replied"));
        }
    }

    String process(Document mail) {
        String key = mail.getString("_id");
        String from = mail.getString("from");
        Optional<Outbox.Replied> replied = outbox.repliedTo(threadIds(mail));
        // proof that From wrote it: the receiving server's verdict, an answer to our mail to that very address
        // (our Message-IDs cannot be guessed), or a confirmation given earlier
        boolean proven = mail.getString("senderProof") != null || mail.getBoolean("senderConfirmed", false)
                || replied.filter(r -> from != null && from.equalsIgnoreCase(r.to())).isPresent();
        Optional<String> thread = replied.map(Outbox.Replied::thread);
        Document calendar = mail.get("calendar", Document.class);
        if ((calendar != null && CALENDAR_ANSWERS.contains(calendar.getString("method")))
                || CALENDAR_SUBJECT.matcher(mail.getString("subject") == null ? "" : mail.getString("subject")).find()) {
            return calendarAnswer(mail, calendar, proven);
        }
        if (thread.isPresent() && thread.get().startsWith(CONFIRM_THREAD)) {
            if (!proven) {
                return "ignored:confirmation-from-another-address";
            }
            String original = thread.get().substring(CONFIRM_THREAD.length());
            return switch (ConfirmationAnswer.read(mail.getString("text"))) {
                case YES -> confirmed(original, mail);
                case NO -> denied(original, mail);
                case UNCLEAR -> askAgain(original, mail);
            };
        }
        if (thread.isEmpty() && MailReplies.CONFIRM_SUBJECT.matcher(mail.getString("subject") == null ? "" : mail.getString("subject")).find()) {
            // an answer to one of our "Bekräfta:" mails that names none we know (its mail was removed, or the mail
            // program left out In-Reply-To): never a new request
            return confirmationExpired(mail);
        }
        if (thread.isEmpty()) {
            thread = taskNamedInSubject(mail.getString("subject"), from).map(reference -> "task:" + reference);
        }
        if (thread.isEmpty()) {
            thread = ownEarlierRequest(mail);
        }
        if (thread.isPresent() && thread.get().startsWith("task:")) {
            return toTask(thread.get().substring("task:".length()), mail, proven);
        }
        Optional<String> command = command(mail, thread.orElse(null), proven);
        if (command.isPresent()) {
            return command.get();
        }
        if (thread.isPresent() && thread.get().startsWith(REQUEST_THREAD)) {
            Document request = mongo.findById(thread.get().substring(REQUEST_THREAD.length()), Document.class, REQUESTS);
            if (request != null) {
                return continueRequest(request, mail, proven);
            }
        }
        return startRequest(mail);
    }

    /**
     * An answer to a calendar invite is never answered: a REPLY to one of the bot's own invites is handed to the
     * feature that sent it (when its ATTENDEE is the sender), everything else (COUNTER, REFRESH, a reply without
     * its calendar part) is only recorded as seen.
     */
    private String calendarAnswer(Document mail, Document calendar, boolean proven) {
        String method = calendar == null || calendar.getString("method") == null ? "subject" : calendar.getString("method");
        if (!"REPLY".equals(method)) {
            return "calendar:" + method.toLowerCase();
        }
        String attendee = calendar.getString("attendee");
        if (attendee == null || !attendee.equalsIgnoreCase(mail.getString("from"))) {
            log.info("event=calendar_reply_ignored mail={} reason=attendee-is-not-the-sender", mail.getString("_id"));
            return "calendar:attendee-is-not-the-sender";
        }
        Language language = replies.languageOf(mail.getString("subject") + "\n" + mail.getString("text"));
        CalendarAnswers.Reply reply = new CalendarAnswers.Reply(calendar.getString("uid"), attendee,
                calendar.getString("partstat"), proven, language);
        for (CalendarAnswers answers : calendarAnswers) {
            Optional<CalendarAnswers.Handled> handled = answers.reply(reply);
            if (handled.isPresent() && handled.get().confirmFirst() != null) {
                return askSenderToConfirm(mail, handled.get().confirmFirst(), language);
            }
            if (handled.isPresent()) {
                log.info("event=calendar_reply mail={} outcome={}", mail.getString("_id"), handled.get().outcome());
                return "calendar:" + handled.get().outcome();
            }
        }
        return "calendar:not-ours";
    }

    /**
     * A mail that answers the sender's own earlier request mail rather than the bot's (written from the sent folder:
     * "I forgot to say…"): it goes on with that request, as an answer to the bot's question would, instead of starting
     * another beside it with the first one left waiting. Only the sender's own request: another person's mail in that
     * thread starts one of its own.
     */
    private Optional<String> ownEarlierRequest(Document mail) {
        List<String> ids = threadIds(mail);
        String from = mail.getString("from");
        if (ids.isEmpty() || from == null) {
            return Optional.empty();
        }
        // a request started before the key told mails apart is keyed by the hashed Message-ID itself
        Query q = Query.query(Criteria.where("from").is(from).orOperator(Criteria.where("_id").in(ids),
                Criteria.where("rootKey").in(ids))).with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(1);
        q.fields().include("_id");
        Document earlier = mongo.findOne(q, Document.class, REQUESTS);
        return earlier == null ? Optional.empty() : Optional.of(REQUEST_THREAD + earlier.getString("_id"));
    }

    private static List<String> threadIds(Document mail) {
        List<String> ids = new ArrayList<>();
        if (mail.getString("inReplyTo") != null) {
            ids.add(mail.getString("inReplyTo"));
        }
        ids.addAll(mail.getList("references", String.class, List.of()));
        return ids;
    }

    /**
     * A mail about a task: the requester's (or a person copied on the request) is added as their answer once the
     * sender is proven; anyone else's is shown to the staff as a third party's, never as the requester's.
     */
    private String toTask(String reference, Document mail, boolean proven) {
        String key = mail.getString("_id");
        String from = mail.getString("from");
        MailRequests.Sender sender = tasks.senderOf(reference, from);
        if (sender == null) {
            return "ignored:no-such-task";
        }
        if (sender == MailRequests.Sender.ANONYMISED) {
            // retention took its text and requester: the mail cannot be kept on it, and its sender is told so instead
            // of hearing nothing while the mail is dropped (helper 119: an answer to an analyst's question, by mail)
            Language language = languageOf(mail, () -> Language.SV);
            String subject = mail.getString("subject") == null ? "" : mail.getString("subject");
            reply(mail, new OutgoingMail("email-anonymised:" + key, from, replies.reSubject(subject, language),
                    replies.taskAnonymised(reference, language, notices(mail)), mail.getString("messageId"), references(mail),
                    "auto-replied", null));
            log.info("event=mail_to_anonymised_task mail={} task={}", key, reference);
            return MailInbox.NOT_KEPT;
        }
        boolean requester = sender == MailRequests.Sender.REQUESTER;
        // a third party's too: the staff thread names the address, and an analyst reads it as that person's mail
        // (helper 101: anyone could put words in a task's thread under a colleague's unproven address)
        if (!proven) {
            Language language = languageOf(mail, () -> tasks.languageOf(reference));
            return askSenderToConfirm(mail, replies.addToTask(reference, language), language);
        }
        tasks.attach(reference, sender, from, key, said(mail, reference));
        if (mail.getBoolean("senderConfirmed", false)) {
            // they answered "ja" to our question: say that it is done, or they hear nothing
            String subject = mail.getString("subject") == null ? "" : mail.getString("subject");
            Language language = languageOf(mail, () -> tasks.languageOf(reference));
            reply(mail, new OutgoingMail("email-confirmed:" + key, from, replies.reSubject(subject, language),
                    replies.confirmedAndDone(replies.addedToTask(reference, language), language, notices(mail)),
                    mail.getString("messageId"), references(mail), "auto-replied", "task:" + reference));
        }
        if (sender == MailRequests.Sender.THIRD_PARTY) {
            log.info("event=mail_attached_to_task mail={} task={} sender=third-party", key, reference);
            return "task-third-party:" + reference;
        }
        log.info("event=mail_attached_to_task mail={} task={} sender={}", key, reference, requester ? "requester" : "copied");
        return "task:" + reference;
    }

    /**
     * Nothing is done yet: the sender gets a mail at their address saying what will be done once they answer it, with
     * the mail it is about quoted (subject, when it was sent, its text as stored). Only someone who reads that mailbox
     * can answer it (its Message-ID cannot be guessed).
     */
    private String askSenderToConfirm(Document mail, String whatWillBeDone, Language language) {
        String key = mail.getString("_id");
        String subject = mail.getString("subject") == null ? "" : mail.getString("subject");
        Date sent = mail.getDate("sentAt") != null ? mail.getDate("sentAt") : mail.getDate("receivedAt");
        MailReplies.Quoted quoted = new MailReplies.Quoted(subject, sent == null ? null : sent.toInstant(), mail.getString("text"), zone);
        reply(mail, new OutgoingMail("email-confirm-sender:" + key, mail.getString("from"),
                replies.confirmSubject(subject, language),
                replies.confirmSender(whatWillBeDone, quoted, (int) CONFIRMATION_VALID.toDays(), language, notices(mail)),
                mail.getString("messageId"), references(mail), "auto-replied", CONFIRM_THREAD + key));
        log.info("event=mail_sender_unproven mail={} asked=true", key);
        return AWAITING_SENDER;
    }

    /**
     * The sender answered our question at their address: the mail it was about is processed again, as proven. An
     * answer that comes too late is told so (a second answer to one already confirmed changes nothing).
     */
    private String confirmed(String originalKey, Document answer) {
        String text = answer.getString("text");
        if (inbox.confirmSender(originalKey, AWAITING_SENDER, clock.instant().minus(CONFIRMATION_VALID),
                ConfirmationAnswer.saysMoreThanYes(text) ? text.strip() : null)) {
            return "confirmed:" + originalKey;
        }
        Document original = mongo.findById(originalKey, Document.class, MailInbox.INBOX);
        if (original != null && original.getBoolean("senderConfirmed", false)) {
            return "ignored:already-confirmed";
        }
        if (original != null && MailInbox.DENIED_BY_SENDER.equals(original.getString("outcome"))) {
            return denied(originalKey, answer); // they said no before: told again that nothing is done
        }
        return confirmationExpired(answer);
    }

    /**
     * The sender answered our question "no, that was not me": the mail it was about is never done (a later "yes" to the
     * same question changes nothing), they are told so, and the operators see that someone wrote in their name.
     */
    private String denied(String originalKey, Document answer) {
        boolean refused = inbox.denySender(originalKey, AWAITING_SENDER);
        String subject = answer.getString("subject") == null ? "" : answer.getString("subject");
        Language language = replies.languageOf(subject + "\n" + answer.getString("text"));
        String text = replies.senderDenied(language, notices(answer));
        if (!refused && outbox.sameTextQueuedTo(answer.getString("from"), text, clock.instant().minus(Duration.ofHours(1)))) {
            return "ignored:denied-before"; // said within the hour: no mail loop with a program that answers everything
        }
        log.warn("event=mail_sender_denied mail={} answer={} open={} hint=\"the sender says they did not write the mail; it is not done\"",
                originalKey, answer.getString("_id"), refused);
        reply(answer, new OutgoingMail("email-confirm-denied:" + answer.getString("_id"), answer.getString("from"),
                replies.reSubject(subject, language), text, answer.getString("messageId"), references(answer), "auto-replied"));
        return "denied:" + originalKey;
    }

    /**
     * An answer that is neither a yes nor a no ("Vad är det här?", a greeting alone): nothing is done, and the person is
     * asked once more, in the same thread, so that a "ja" to this mail confirms. Once an hour at most, as every answer
     * of the kind, so that two programs cannot keep mailing each other.
     */
    private String askAgain(String originalKey, Document answer) {
        Document original = mongo.findById(originalKey, Document.class, MailInbox.INBOX);
        if (original == null || !AWAITING_SENDER.equals(original.getString("outcome"))) {
            return original != null && MailInbox.DENIED_BY_SENDER.equals(original.getString("outcome")) ? denied(originalKey, answer)
                    : confirmed(originalKey, answer);
        }
        String subject = answer.getString("subject") == null ? "" : answer.getString("subject");
        Language language = replies.languageOf(subject + "\n" + answer.getString("text"));
        String text = replies.confirmUnclear(language, notices(answer));
        if (answer.getString("from") != null && outbox.sameTextQueuedTo(answer.getString("from"), text, clock.instant().minus(Duration.ofHours(1)))) {
            log.info("event=mail_confirmation_unclear mail={} answered=false reason=said_within_the_hour", originalKey);
            return "ignored:confirmation-unclear";
        }
        reply(answer, new OutgoingMail("email-confirm-unclear:" + answer.getString("_id"), answer.getString("from"),
                replies.reSubject(subject, language), text, answer.getString("messageId"), references(answer), "auto-replied",
                CONFIRM_THREAD + originalKey));
        log.info("event=mail_confirmation_unclear mail={} answer={}", originalKey, answer.getString("_id"));
        return "unclear:" + originalKey;
    }

    private String confirmationExpired(Document answer) {
        String subject = answer.getString("subject") == null ? "" : answer.getString("subject");
        Language language = replies.languageOf(subject + "\n" + answer.getString("text"));
        String text = replies.confirmationExpired((int) CONFIRMATION_VALID.toDays(), language, notices(answer));
        if (answer.getString("from") != null && outbox.sameTextQueuedTo(answer.getString("from"), text, clock.instant().minus(Duration.ofHours(1)))) {
            // said within the hour: a program that answers every mail (without saying it is one) would keep the two of
            // them mailing each other until the hourly limit
            log.info("event=mail_confirmation_expired mail={} answered=false reason=said_within_the_hour", answer.getString("_id"));
            return "ignored:confirmation-expired";
        }
        reply(answer, new OutgoingMail("email-confirm-expired:" + answer.getString("_id"), answer.getString("from"),
                replies.reSubject(subject, language), text, answer.getString("messageId"), references(answer), "auto-replied"));
        log.info("event=mail_confirmation_expired mail={}", answer.getString("_id"));
        return "ignored:confirmation-expired";
    }

    /**
     * The References of an answer: the received mail's own Message-ID (its References are kept only hashed, and the
     * Message-ID alone threads the answer in every common mail program).
     */
    private static List<String> references(Document mail) {
        List<String> references = new ArrayList<>();
        if (mail.getString("messageId") != null) {
            references.add(mail.getString("messageId"));
        }
        return references;
    }

    /**
     * The first task the subject names that this sender's mail goes to: bracketed, the bot's own subject answered by
     * anyone; written freely, only the task's own people's — someone else naming a task ("Som FOU-2026-0042, fast för
     * Bromma") is asking for something of their own. A subject may name several ("FOU-2026-0010 och FOU-2026-0007").
     */
    private Optional<String> taskNamedInSubject(String subject, String from) {
        Matcher m = SUBJECT_REFERENCE.matcher(subject == null ? "" : subject);
        while (m.find()) {
            String reference = referenceOf(m);
            if (m.group(1) != null ? tasks.taskExists(reference) : isOwn(tasks.senderOf(reference, from))) {
                return Optional.of(reference);
            }
        }
        return Optional.empty();
    }

    /**
     * The first reference the subject names, as written the bot's way; null when it names none. Asked only of a mail
     * that became a new request, so it is none of the sender's tasks — and whether it is someone else's is not said.
     */
    private static String namedReference(String subject) {
        Matcher m = SUBJECT_REFERENCE.matcher(subject == null ? "" : subject);
        return m.find() ? referenceOf(m) : null;
    }

    /**
     * The notices of a mail that is no task's, with the reference its subject names, if any: whether that task was
     * anonymised is said, as nobody can tell whose it was any more.
     */
    private MailReplies.Notices noticesNaming(boolean identityNumberRemoved, Document mail, String subject) {
        String reference = namedReference(subject);
        return new MailReplies.Notices(identityNumberRemoved, partUnreadable(mail), reference,
                reference != null && tasks.senderOf(reference, mail.getString("from")) == MailRequests.Sender.ANONYMISED);
    }

    /** The reference {@link #SUBJECT_REFERENCE} found, as the bot writes it: ASCII hyphens, capitals. */
    private static String referenceOf(Matcher m) {
        return m.group(2).replaceAll("[\\p{Pd}\u2212]", "-").toUpperCase(java.util.Locale.ROOT);
    }

    private static boolean isOwn(MailRequests.Sender sender) {
        return sender == MailRequests.Sender.REQUESTER || sender == MailRequests.Sender.COPIED;
    }

    /**
     * What a mail about a task says: its text, and its subject before it when the person wrote the subject (a new
     * mail, "Avbryt FOU-2026-0042", "Tillägg till FOU-2026-0042 – brukarråd"), not when it is the bot's own answered
     * ("SV: [FOU-2026-0042] Utvärdering"); and what they wrote beside their "ja" when they confirmed it.
     */
    private static String said(Document mail, String reference) {
        String text = mail.getString("text") == null ? "" : mail.getString("text").strip();
        String subject = MailReplies.bare(mail.getString("subject"));
        String said = subject.isEmpty() || subject.contains("[" + reference + "]") ? (text.isEmpty() ? subject : text)
                : text.isEmpty() ? subject : subject + "\n\n" + text;
        // what they wrote beside their "ja" to our question: an afterthought, not to be lost (helper 97)
        String beside = mail.getString(MailInbox.SAID_BESIDE_CONFIRMATION);
        return beside == null ? said : said + "\n\n" + beside;
    }

    /**
     * The language of a received mail (subject and text); {@code otherwise}'s when its words tell neither ("status",
     * "ok", a reference alone): the task's it is about, or the one the sender last asked in.
     */
    private Language languageOf(Document mail, java.util.function.Supplier<Language> otherwise) {
        return replies.languageOf(mail.getString("subject") + "\n" + mail.getString("text"), otherwise);
    }

    /** What an answer to this received mail says about it besides (see {@link MailReplies.Notices}). */
    private static MailReplies.Notices notices(Document mail) {
        return new MailReplies.Notices(mail.getBoolean("identityNumberRemoved", false), partUnreadable(mail));
    }

    /** Whether part of this received mail's text could not be read: the parser read what it could and said so. */
    private static boolean partUnreadable(Document mail) {
        return mail.getString("problem") != null;
    }

    /** A command of the one table (forum, avsluta, anmäl, bevakning, status) answered instead of starting a request. */
    private Optional<String> command(Document mail, String thread, boolean proven) {
        String subject = mail.getString("subject") == null ? "" : mail.getString("subject");
        String text = mail.getString("text") == null ? "" : mail.getString("text");
        Inbound message = new Inbound(Recipient.email(mail.getString("from")), subject, text, thread, mail.getString("_id"),
                languageOf(mail, () -> tasks.languageOfSender(mail.getString("from"))), proven);
        Optional<CommandTable.Handled> handled = commands.handle(message);
        if (handled.isEmpty() && thread == null && text.isBlank() && !MailReplies.bare(subject).isEmpty()) {
            // a command written in the subject alone ("status", "kunskapsluckor", "avbevaka LUM"), as people mail it
            message = new Inbound(message.from(), subject, MailReplies.bare(subject), null, message.key(), message.language(), proven);
            handled = commands.handle(message);
        }
        if (handled.isEmpty()) {
            return Optional.empty();
        }
        Reply answer = handled.get().reply();
        if (answer.needsProof()) {
            log.info("event=mail_command mail={} handler={} sender=unproven", mail.getString("_id"), handled.get().command());
            return Optional.of(askSenderToConfirm(mail, answer.text(), message.language()));
        }
        // a reference in the subject that led nowhere is another's (or none): said, as to a request (helper 118)
        MailReplies.Notices notices = thread == null ? noticesNaming(mail.getBoolean("identityNumberRemoved", false), mail, subject)
                : notices(mail);
        // an answer that made a task (a question handed to the analysts) names it first in the subject, as a request's
        // confirmation does (helper 118: the subject kept only the reference of another's task it was sent under)
        String task = answer.thread() != null && answer.thread().startsWith("task:") ? answer.thread().substring("task:".length()) : null;
        reply(mail, new OutgoingMail("email-command:" + mail.getString("_id"), mail.getString("from"),
                task != null ? replies.taskSubject(task, subject, message.language()) : replies.reSubject(subject, message.language()),
                replies.commandAnswer(answer.text(), message.language(), notices), mail.getString("messageId"),
                references(mail), "auto-replied", answer.thread()));
        log.info("event=mail_command mail={} handler={}", mail.getString("_id"), handled.get().command());
        return Optional.of("command:" + handled.get().command());
    }

    private String startRequest(Document mail) {
        String key = mail.getString("_id");
        MailIntake.Read read = read(mail);
        Document request = new Document("_id", key).append("from", mail.getString("from"))
                .append("subject", mail.getString("subject")).append("rootMessageId", mail.getString("messageId"))
                .append("rootKey", MailParser.messageKey(key))
                .append("status", "open").append("attachments", mail.getList("attachments", String.class, List.of()))
                .append("language", languageOf(mail, () -> tasks.languageOfSender(mail.getString("from"))).name())
                .append("identityNumberRemoved", mail.getBoolean("identityNumberRemoved", false))
                .append("copied", mail.getList("copied", String.class, List.of()))
                .append("createdAt", Date.from(clock.instant()));
        put(request, read.answers());
        try {
            mongo.insert(request, REQUESTS);
        } catch (DuplicateKeyException processedBefore) {
            request = mongo.findById(key, Document.class, REQUESTS);
        }
        log.info("event=email_request_started request={} complete={}", key, missing(read.answers()).isEmpty());
        return advance(request, mail, read.unreadable());
    }

    private String continueRequest(Document request, Document mail, boolean proven) {
        if ("done".equals(request.getString("status"))) {
            return toTask(request.getString("reference"), mail, proven);
        }
        MailIntake.Read later = read(mail);
        FormAnswers merged = stored(request).with(later.answers());
        Update update = new Update().set("updatedAt", Date.from(clock.instant()));
        Document values = new Document();
        put(values, merged);
        values.forEach(update::set);
        if (mail.getBoolean("identityNumberRemoved", false)) {
            update.set("identityNumberRemoved", true);
        }
        return advance(mongo.findAndModify(Query.query(Criteria.where("_id").is(request.getString("_id"))), update,
                org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true), Document.class, REQUESTS),
                mail, later.unreadable());
    }

    /**
     * Whether the question {@code ask} about {@code request} may go now: the same question at most
     * {@value #SAME_ASK_PER_HOUR} times an hour in the request's thread, as the outbox shows. An auto-responder without its headers (a holiday message) answers each of
     * our mails, and each of its answers was asked again: ten identical mails in 80 seconds (helper 101), then ten an
     * hour. A person asked the same twice who answers again unhelpfully hears nothing until the hour has passed; any
     * answer that changes the question is asked at once.
     */
    private boolean mayAsk(Document request, String ask) {
        return outbox.sameTextQueuedIn(request.getString("from"), REQUEST_THREAD + request.getString("_id"), ask,
                clock.instant().minus(Duration.ofHours(1))) < SAME_ASK_PER_HOUR;
    }

    private List<String> missing(FormAnswers answers) {
        return answers.missing(intake.form().fields());
    }

    /**
     * Creates the task when the request is complete; otherwise asks, in one mail, for all that is missing (an answer
     * in this mail the chat would refuse, with the chat's reason).
     */
    private String advance(Document request, Document mail, Map<String, String> unreadable) {
        FormAnswers f = stored(request);
        Language language = Language.valueOf(request.getString("language"));
        String from = request.getString("from");
        List<String> references = references(mail);
        // a number removed from any of the request's mails is told in every answer; damage, of the mail answered
        // a reference named in the subject is told of in the answer to the mail that started the request only
        boolean identityNumberRemoved = request.getBoolean("identityNumberRemoved", false);
        MailReplies.Notices notices = mail.getString("_id").equals(request.getString("_id"))
                ? noticesNaming(identityNumberRemoved, mail, mail.getString("subject"))
                : new MailReplies.Notices(identityNumberRemoved, partUnreadable(mail));
        List<String> missing = missing(f);
        if (!missing.isEmpty()) {
            String ask = replies.askForMissing(intake.form(), missing, unreadable, today(), language, notices);
            if (!mayAsk(request, ask)) {
                log.info("event=mail_ask_not_repeated request={} mail={} reason=\"the same question twice in the last hour\"",
                        request.getString("_id"), mail.getString("_id"));
                return "asked-before";
            }
            reply(mail, new OutgoingMail("email-ask:" + mail.getString("_id"), from, replies.reSubject(request.getString("subject"), language),
                    ask, mail.getString("messageId"), references, "auto-replied", REQUEST_THREAD + request.getString("_id")));
            return "asked";
        }
        Map<String, String> address = new LinkedHashMap<>();
        if (request.getString("rootMessageId") != null) { // none: the mail had no Message-ID, or one not kept
            address.put("rootMessageId", request.getString("rootMessageId"));
        }
        address.put("copied", String.join(",", request.getList("copied", String.class, List.of())));
        MailRequests.Created task = tasks.create("email:" + request.getString("_id"), from, address,
                f.value(MailIntake.DISTRICT), f.value("concern"), f.value(MailIntake.CATEGORY),
                f.value("timeframe") == null ? null : LocalDate.parse(f.value("timeframe")),
                request.getList("attachments", String.class, List.of()), language);
        if (task.refused() != null) {
            // once an hour per sender, outside the per-address reply limit that the confirmations have used up
            outbox.enqueue(new OutgoingMail("email-limit:" + from + ":" + clock.instant().truncatedTo(ChronoUnit.HOURS), from,
                    replies.reSubject(request.getString("subject"), language),
                    replies.limitReached(task.refused().text(), language, notices),
                    mail.getString("messageId"), references, "auto-replied", REQUEST_THREAD + request.getString("_id")));
            log.info("event=new_task_limited request={} limit={}", request.getString("_id"), task.refused().limit());
            return "limited";
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(request.getString("_id"))),
                new Update().set("status", "done").set("reference", task.reference()), REQUESTS);
        reply(mail, new OutgoingMail("email-confirm:" + task.reference(), from,
                replies.taskSubject(task.reference(), request.getString("subject"), language),
                replies.confirmation(task.reference(), language, notices), mail.getString("messageId"), references,
                "auto-replied", "task:" + task.reference()));
        return "task:" + task.reference();
    }

    /**
     * Sends a reply to the sender of {@code source} unless this address has had as many answers as allowed in the last
     * hour (a loop guard; the bot's own notices to it do not count), or — for a sender nobody proved, outside the
     * allowed domains — their domain has had as many automatic answers as allowed (backscatter: a spam wave with forged
     * From addresses must not make the bot mail the people whose addresses were forged).
     */
    private void reply(Document source, OutgoingMail mail) {
        Instant hourAgo = clock.instant().minus(Duration.ofHours(1));
        // only answers count: the notices the bot sends on its own to this address start no loop (helper 122)
        if (outbox.repliesTo(mail.to(), hourAgo) >= repliesPerHour) {
            log.warn("event=mail_reply_suppressed key={} reason=\"{} replies in the last hour\"", mail.key(), repliesPerHour);
            return;
        }
        String domain = mail.to() == null ? "" : mail.to().substring(mail.to().lastIndexOf('@') + 1);
        if (!proven(source) && !allowed(domain) && outbox.autoRepliesForDomain(domain, hourAgo) >= unprovenRepliesPerDomain) {
            if (!suppressionSaid.first(domain)) {
                log.debug("event=mail_reply_suppressed key={} domain={}", mail.key(), LogText.clean(domain));
                return;
            }
            // the domain (never the address) and what to do: a newcomer trying the bot from one domain meets this first
            log.warn("event=mail_reply_suppressed key={} domain={} reason=\"{} answers to unproven senders at one domain in the last hour\""
                    + " hint=\"{}\"", mail.key(), LogText.clean(domain), unprovenRepliesPerDomain, allowedDomains.isEmpty()
                            ? "FOUBOT_ALLOWED_SENDER_DOMAINS is not set: set it to the organisation's domains, whose senders have no such limit"
                            : "a domain outside FOUBOT_ALLOWED_SENDER_DOMAINS; raise FOUBOT_MAIL_UNPROVEN_REPLIES_PER_DOMAIN_PER_HOUR if it is a partner's");
            return;
        }
        outbox.enqueue(mail);
    }

    /** Proven by the receiving server, confirmed by answering us, or an answer to one of our mails to that address. */
    private boolean proven(Document mail) {
        String from = mail.getString("from");
        return mail.getString("senderProof") != null || mail.getBoolean("senderConfirmed", false)
                || outbox.repliedTo(threadIds(mail)).filter(r -> from != null && from.equalsIgnoreCase(r.to())).isPresent();
    }

    private boolean allowed(String domain) {
        return allowedDomains.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    private MailIntake.Read read(Document mail) {
        return intake.read(mail.getString("from"), mail.getString("subject"), mail.getString("text"),
                mail.getString("signature"), today());
    }

    /** The request's answers as the chat stores them (step id to value), and the optional steps answered with nothing. */
    private static void put(Document d, FormAnswers f) {
        d.append("answers", new Document(new java.util.LinkedHashMap<String, Object>(f.values()))).append("none", List.copyOf(f.none()));
    }

    private static FormAnswers stored(Document d) {
        Document answers = d.get("answers", Document.class);
        if (answers != null) {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            answers.forEach((k, v) -> values.put(k, String.valueOf(v)));
            return new FormAnswers(values, new java.util.LinkedHashSet<>(d.getList("none", String.class, List.of())));
        }
        // a request begun before the mail intake was read from the intake flow
        Map<String, String> values = new java.util.LinkedHashMap<>();
        java.util.Set<String> none = new java.util.LinkedHashSet<>();
        if (d.getString("district") != null) {
            values.put(MailIntake.DISTRICT, d.getString("district"));
        }
        if (d.getBoolean("categoryGiven", false)) {
            values.put(MailIntake.CATEGORY, d.getString("category") != null ? d.getString("category") : "vet-inte");
        }
        if (d.getBoolean("timeframeGiven", false)) {
            if (d.getString("neededBy") != null) {
                values.put("timeframe", d.getString("neededBy"));
            } else {
                none.add("timeframe");
            }
        }
        if (d.getString("concern") != null && !d.getString("concern").isBlank()) {
            values.put("concern", d.getString("concern"));
        }
        return new FormAnswers(values, none);
    }
}

package se.foubot.knowledge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.foubot.conversation.FlowCatalog;
import se.foubot.conversation.Language;
import se.foubot.conversation.ReplyChoice;
import se.foubot.conversation.TextNormalizer;
import se.foubot.language.TextAnalysis;
import se.foubot.messaging.Asking;
import se.foubot.messaging.Command;
import se.foubot.messaging.Inbound;
import se.foubot.messaging.Reply;
import se.foubot.messaging.Texts;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.tasks.NewTaskLimitReached;
import se.foubot.tasks.QuestionTasks;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskTexts;

/**
 * Questions answered from the knowledge base, on every channel, after every other command: sure, the answer with
 * its source and year; unsure, an honest "I am not sure" with the nearest topics and "Fråga en FoU-utredare" as
 * choices (buttons in Slack, numbers in the terminal and in mail); a question it knows nothing about, the same
 * hand-over without topics. Choosing "Fråga en FoU-utredare" makes the person's words a task of kind question. A
 * message that starts a conversation (the intake's "jag behöver stöd …") is left to the conversation, and so is
 * small talk that asks nothing.
 */
@Component
class KnowledgeQuestions implements Command {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeQuestions.class);

    /** The value of a topic's button: its answer. */
    static final String TOPIC = "kunskap:";
    /** The value of the hand-over button: the open question's id. */
    static final String ANALYST = "fråga-utredare:";
    private static final Pattern TOPIC_VALUE = Pattern.compile("^kunskap:([a-z0-9-]+)$");
    private static final Pattern ANALYST_VALUE = Pattern.compile("^fråga-utredare:([0-9a-f-]{36})$");
    /** A choice's number as people write it: "2", "2.", "2)", "02", "２" (full width), "-1", "2 tack". */
    private static final Pattern NUMBER = Pattern.compile("^([-+]?)(\\p{Nd}{1,9})[.)]?(\\s+\\S+){0,2}$");
    /** A value of one of this command's buttons, well formed or not (no button value has a space). */
    private static final Pattern BUTTON_VALUE = Pattern.compile("^(kunskap|fråga-utredare):\\S*$");
    private static final Set<String> ASK_ANALYST = Set.of("fraga en fou utredare", "fraga en utredare", "fraga utredare",
            "fraga en fou utredare tack", "ask an analyst", "ask an fou analyst", "ask a person");
    /** How long a chat's numbered choices stay open. */
    private static final Duration CHOICES_OPEN = Duration.ofHours(1);
    /** A mail longer than this is a request (the mail intake reads it), not a question. */
    private static final int SHORT_MAIL = 400;
    static final String MAIL_THREAD = "question:";

    private final KnowledgeBase knowledge;
    private final FlowCatalog flows;
    private final OpenQuestions open;
    private final QuestionTasks questionTasks;
    private final TaskTexts taskTexts;
    private final Texts texts;
    private final OutsideTextGuard guard;
    private final TextAnalysis analysis;

    KnowledgeQuestions(KnowledgeBase knowledge, FlowCatalog flows, OpenQuestions open, QuestionTasks questionTasks, TaskTexts taskTexts,
            Texts texts, OutsideTextGuard guard, TextAnalysis analysis) {
        this.analysis = analysis;
        this.knowledge = knowledge;
        this.flows = flows;
        this.open = open;
        this.questionTasks = questionTasks;
        this.taskTexts = taskTexts;
        this.texts = texts;
        this.guard = guard;
    }

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("När stänger ansökan om LUM?", "knowledge.help.ask", 50).inEnglish("When does the LUM application close?"));
    }

    @Override
    public boolean readsAnyText() {
        return true;
    }

    @Override
    public boolean ownsButtonValue(String line) {
        return BUTTON_VALUE.matcher(line).matches();
    }

    @Override
    public Optional<Reply> handle(Inbound m) {
        String line = m.firstLine();
        if (line.startsWith(TOPIC) && BUTTON_VALUE.matcher(line).matches()) {
            // a topic renamed or removed since its button was made (or a value nobody made): said so, never taken as text
            Matcher topic = TOPIC_VALUE.matcher(line);
            return Optional.of((topic.matches() ? knowledge.answerOf(topic.group(1), m.language()) : Optional.<KnowledgeAnswer.Confident>empty())
                    .map(a -> Reply.text(a.text())).orElseGet(() -> Reply.text(texts.get(m.language(), "knowledge.no-such-topic"))));
        }
        Matcher analyst = ANALYST_VALUE.matcher(line);
        if (line.startsWith(ANALYST) && BUTTON_VALUE.matcher(line).matches() && !analyst.matches()) {
            return Optional.of(Reply.text(texts.get(m.language(), "knowledge.nothing-open")));
        }
        if (analyst.matches()) {
            // a second click on the button (a double click) makes no second task and no second thanks
            return Optional.of(open.find(analyst.group(1)).filter(q -> q.from().equals(m.from()))
                    .map(q -> handOver(q, m, true)).orElseGet(() -> Reply.text(texts.get(m.language(), "knowledge.nothing-open"))));
        }
        Optional<OpenQuestions.Open> asked = openQuestionOf(m);
        if (asked.isPresent()) {
            Optional<Reply> chosen = chosen(asked.get(), m);
            if (chosen.isPresent() || m.isMail()) {
                return chosen;
            }
        }
        if (m.isMail() && m.thread() != null) {
            return Optional.empty();
        }
        String question = question(m);
        if (question.isBlank() || statesANeed(m.isMail() ? m.subject() + "\n" + m.text() : m.text())
                || (m.isMail() && !readsAsAQuestion(m, question))) {
            return Optional.empty();
        }
        Language language = languageOf(question, m.language());
        boolean startsAFlow = flows.match(question).isPresent();
        KnowledgeAnswer answer = knowledge.answer(question, language);
        if (answer instanceof KnowledgeAnswer.Confident sure) {
            if (startsAFlow && !asks(question)) {
                return Optional.empty();
            }
            log.info("event=knowledge_answer topic={} channel={}", sure.topic().id(), m.from().channel());
            return Optional.of(Reply.text(sure.text()));
        }
        if (startsAFlow) {
            return Optional.empty();
        }
        if (answer instanceof KnowledgeAnswer.Unsure unsure) {
            return Optional.of(offer(m, question, language, unsure.nearest().stream().map(KnowledgeAnswer.Suggestion::topicId).toList()));
        }
        // a mail the knowledge base knows nothing about goes on to the mail intake, which hands it to a person
        return asks(question) && !m.isMail() ? Optional.of(offer(m, question, language, List.of())) : Optional.empty();
    }

    /** A short mail that asks. */
    private static boolean readsAsAQuestion(Inbound m, String question) {
        return m.text().strip().length() <= SHORT_MAIL && asks(question);
    }

    /**
     * A request, not a question: a clause that does not ask says what the intake starts with ("behöver bolla målen",
     * "vi vill ha hjälp med …", the intake's trigger words). Such a message goes to the intake (the chat's
     * conversation, the mail intake), however many questions it also holds.
     */
    private boolean statesANeed(String text) {
        return Asking.clauses(text).stream().anyMatch(c -> !c.question() && flows.match(c.words()).isPresent());
    }

    /**
     * In chat the whole message; in mail the body's lines that ask (a greeting and a signature around a question
     * would only blur it), the whole body when none asks, or the subject when the body says nothing.
     */
    private static String question(Inbound m) {
        if (!m.isMail()) {
            return m.text().strip();
        }
        String body = m.text().strip();
        if (body.isEmpty()) {
            return m.subject().replaceFirst("(?i)^\\s*((re|sv|aw|vs|fw|fwd)\\s*:\\s*)+", "").strip();
        }
        String asking = body.lines().map(String::strip).filter(l -> l.contains("?"))
                .collect(java.util.stream.Collectors.joining(" "));
        return asking.isEmpty() ? body : asking;
    }

    /** A question mark, a question word first, or a verb first with its subject after it ({@link Asking}). */
    static boolean asks(String text) {
        return Asking.asks(text);
    }

    /** English when the question reads as English; Swedish when it has Swedish letters; else the conversation's. */
    private Language languageOf(String question, Language conversation) {
        Language guessed = analysis.guess(question);
        if (guessed == Language.EN) {
            return Language.EN;
        }
        return conversation == Language.EN && !question.matches("(?s).*[åäöÅÄÖ].*") ? Language.EN : Language.SV;
    }

    /** The question this message answers: in mail the one its thread names, in chat the person's newest one. */
    private Optional<OpenQuestions.Open> openQuestionOf(Inbound m) {
        if (m.isMail()) {
            return m.thread() != null && m.thread().startsWith(MAIL_THREAD)
                    ? open.find(m.thread().substring(MAIL_THREAD.length())).filter(q -> q.from().equals(m.from()))
                    : Optional.empty();
        }
        String line = TextNormalizer.normalize(m.firstLine());
        return NUMBER.matcher(m.firstLine()).matches() || ASK_ANALYST.contains(line) ? open.latest(m.from(), CHOICES_OPEN)
                : Optional.empty();
    }

    /** A number among the choices offered (the last is always "Fråga en FoU-utredare"), or asking for an analyst. */
    private Optional<Reply> chosen(OpenQuestions.Open q, Inbound m) {
        String line = m.firstLine();
        if (ASK_ANALYST.contains(TextNormalizer.normalize(line))) {
            return Optional.of(handOver(q, m, false));
        }
        if (!NUMBER.matcher(line).matches()) {
            return Optional.empty();
        }
        int n = choiceNumber(line);
        if (n >= 1 && n <= q.offered().size()) {
            return knowledge.answerOf(q.offered().get(n - 1), q.language()).map(a -> Reply.text(a.text()));
        }
        if (n == q.offered().size() + 1) {
            return Optional.of(handOver(q, m, false));
        }
        // a number that chooses nothing is not a new request (in mail it would become one): ask again
        Reply again = Reply.text(texts.get(q.language(), "knowledge.choose.again", "last", Integer.toString(q.offered().size() + 1)));
        return Optional.of(m.isMail() ? again.inThread(MAIL_THREAD + q.id()) : again);
    }

    /** The number {@link #NUMBER} matched; a negative one is -1 (no choice). */
    private static int choiceNumber(String line) {
        Matcher m = NUMBER.matcher(line);
        if (!m.matches() || m.group(1).equals("-")) {
            return -1;
        }
        int n = 0;
        for (char c : m.group(2).toCharArray()) {
            n = n * 10 + Character.digit(c, 10);
        }
        return n;
    }

    private Reply offer(Inbound m, String question, Language language, List<String> topics) {
        OpenQuestions.Open q = open.open(m.from(), guard.check(question), language, topics);
        List<ReplyChoice> choices = new ArrayList<>();
        StringBuilder text = new StringBuilder(texts.get(language, topics.isEmpty() ? "knowledge.unknown" : "knowledge.unsure"));
        int n = 1;
        for (String id : topics) {
            String title = knowledge.topic(id).map(t -> t.title(language)).orElse(id);
            choices.add(new ReplyChoice(TOPIC + id, title));
            text.append('\n').append(n++).append(". ").append(title);
        }
        String analyst = texts.get(language, "knowledge.ask-analyst");
        choices.add(new ReplyChoice(ANALYST + q.id(), analyst));
        text.append('\n').append(n).append(". ").append(analyst);
        text.append("\n\n").append(texts.get(language, m.isMail() ? "knowledge.choose.mail" : "knowledge.choose.chat"));
        log.info("event=knowledge_unsure question={} channel={} offered={}", q.id(), m.from().channel(), topics);
        Reply reply = new Reply(text.toString(), choices, null, false, null);
        return m.isMail() ? reply.inThread(MAIL_THREAD + q.id()) : reply;
    }

    /**
     * The person's words become a task of kind question, once per question; {@code clicked}: the answer to a button,
     * which a second click (a double click, a retry) does not give again.
     */
    private Reply handOver(OpenQuestions.Open q, Inbound m, boolean clicked) {
        Language language = q.language();
        SupportTask task;
        try {
            task = questionTasks.handOver("question:" + q.id(), m.from(), q.text(), language);
        } catch (NewTaskLimitReached limit) {
            return Reply.text(taskTexts.limitReached(limit, language));
        }
        if (!open.handedOver(q.id(), task.reference()) && clicked) {
            log.info("event=knowledge_handed_over_again question={} task={}", q.id(), task.reference());
            return Reply.none();
        }
        log.info("event=knowledge_handed_over question={} task={}", q.id(), task.reference());
        Reply reply = Reply.text(texts.get(language, m.isMail() ? "knowledge.handed-over.mail" : "knowledge.handed-over",
                "reference", task.reference()));
        return m.isMail() ? reply.inThread("task:" + task.reference()) : reply;
    }
}

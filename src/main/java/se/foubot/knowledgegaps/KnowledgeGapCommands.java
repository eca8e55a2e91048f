package se.foubot.knowledgegaps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.FlowCatalog;
import se.foubot.conversation.Language;
import se.foubot.conversation.ReplyChoice;
import se.foubot.conversation.TextNormalizer;
import se.foubot.messaging.Command;
import se.foubot.messaging.Inbound;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Reply;
import se.foubot.tasks.NewTaskLimitReached;
import se.foubot.tasks.QuestionTasks;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskTexts;

/**
 * The inventory's commands, in any channel: "kunskapsluckor" (what my district has sent), "ändra ID" (the flow again,
 * replacing that entry), "ta bort ID"; and in mail, an answer to the invitation or a reminder (its thread names the
 * round and the district), read from its headings ("Tema:", "Kunskapslucka:", …).
 */
@Component
class KnowledgeGapCommands implements Command {

    static final String THREAD = "knowledge-gaps:";
    static final String FLOW = "knowledge-gap";
    private static final Pattern CHANGE = Pattern.compile("^(?:andra|change) (kl \\d{4}(?: \\d+)? \\d{3})$");
    private static final Pattern REMOVE = Pattern.compile("^(?:ta bort|remove) (kl \\d{4}(?: \\d+)? \\d{3})$");
    /** "kunskapslucka kl-2027-2": an answer to that round (what the buttons of "which round?" send). */
    private static final Pattern START_IN = Pattern.compile("^(?:kunskapslucka|knowledge gap) (kl \\d{4}(?: \\d+)?)$");
    private static final int BUTTON_LABEL = 70;
    /** Longer than a line of thanks: a reply to the outcome this long is taken as something to answer. */
    private static final int QUESTION_WITHOUT_MARK = 80;
    private static final Logger log = LoggerFactory.getLogger(KnowledgeGapCommands.class);

    private final KnowledgeGapService service;
    private final GapTexts texts;
    private final ConversationEngine engine;
    private final MailAnswerReader mailAnswers;
    private final java.time.Clock clock;
    private final FlowCatalog catalog;
    private final DistrictPeople people;
    private final QuestionTasks questions;
    private final TaskTexts taskTexts;

    KnowledgeGapCommands(KnowledgeGapService service, GapTexts texts, ConversationEngine engine, MailAnswerReader mailAnswers,
            java.time.Clock clock, FlowCatalog catalog, DistrictPeople people, QuestionTasks questions, TaskTexts taskTexts) {
        this.questions = questions;
        this.taskTexts = taskTexts;
        this.clock = clock;
        this.service = service;
        this.texts = texts;
        this.engine = engine;
        this.mailAnswers = mailAnswers;
        this.catalog = catalog;
        this.people = people;
    }

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("kunskapsluckor", "knowledgegaps.help.list", 40).inEnglish("knowledge gaps"),
                new Usage("kunskapslucka", "knowledgegaps.help.add", 41).inEnglish("knowledge gap"));
    }

    /** The buttons of "which round?" ("kunskapslucka kl-2027-2") start that round's flow even from another conversation. */
    @Override
    public boolean ownsButtonValue(String line) {
        return START_IN.matcher(TextNormalizer.normalize(line)).matches();
    }

    @Override
    public Optional<Reply> handle(Inbound m) {
        if (m.isMail() && m.thread() != null && m.thread().startsWith(THREAD)) {
            return Optional.of(mailAnswer(m));
        }
        String line = TextNormalizer.normalize(m.firstLine());
        if (line.equals("kunskapsluckor") || line.equals("knowledge gaps") || line.equals("mina kunskapsluckor")) {
            return Optional.of(list(m));
        }
        if (m.isMail()) {
            // "kunskapslucka" as help lists it: by mail an entry is an answer to the invitation, so say how
            return line.equals("kunskapslucka") || line.equals("knowledge gap") ? Optional.of(Reply.text(texts.get(m.language(),
                    "knowledgegaps.list.how.mail", "form", texts.form(m.language())))) : Optional.empty();
        }
        Matcher change = CHANGE.matcher(line);
        if (change.matches()) {
            return Optional.of(change(m, id(change.group(1))));
        }
        Matcher remove = REMOVE.matcher(line);
        if (remove.matches()) {
            String id = id(remove.group(1));
            Optional<String> refused = service.remove(id, m.from());
            return Optional.of(Reply.text(refused.map(r -> refusal(r, id, m.language())).orElse(texts.get(m.language(),
                    "knowledgegaps.removed", "entry", id))));
        }
        Matcher startIn = START_IN.matcher(line);
        if (startIn.matches()) {
            return Optional.of(startIn(m, id(startIn.group(1))));
        }
        boolean startsTheFlow = catalog.match(m.firstLine()).filter(t -> t.flow().id().equals(FLOW)).isPresent();
        if (startsTheFlow && service.roundsTakingAnswers().size() > 1) {
            // with one round open or none, the engine begins the flow (in the trigger's language) or says none is open
            return Optional.of(start(m));
        }
        return Optional.empty();
    }

    /**
     * A reply to the outcome that asks something: a question mark, or more than a line of thanks would take. A short
     * "Tack för beskedet!" makes no task for the analysts.
     */
    private static boolean asksSomething(String text) {
        String said = text == null ? "" : text.strip();
        return said.contains("?") || said.codePointCount(0, said.length()) >= QUESTION_WITHOUT_MARK;
    }

    /**
     * The person's words to the analysts as a question, as "Fråga en FoU-utredare" does; confirmed first when unproven.
     * The task is for {@code district}, the one the outcome letter was about (its thread names it), as the analysts need
     * to know whose outcome is asked about (a black-box tester found the card without one).
     */
    private Reply questionAboutTheOutcome(Inbound m, Round round, String district) {
        Language language = m.language();
        if (!m.senderProven()) {
            return Reply.confirmFirst(texts.get(language, "knowledgegaps.outcome.confirm-question", "round", round.id()));
        }
        try {
            SupportTask task = questions.handOver("kg-outcome-question:" + m.key(), m.from(), m.text().strip(), district, language);
            log.info("event=knowledge_gap_outcome_question round={} task={}", round.id(), task.reference());
            return Reply.text(texts.get(language, "knowledgegaps.outcome.question-handed-over", "round", round.id(),
                    "reference", task.reference())).inThread("task:" + task.reference());
        } catch (NewTaskLimitReached limit) {
            return Reply.text(taskTexts.limitReached(limit, language));
        }
    }

    /** "kl 2027 003" (as normalised) → "kl-2027-003". */
    private static String id(String normalised) {
        return normalised.replace(' ', '-');
    }

    /**
     * "kunskapslucka" while several rounds are open: the flow, for the round the person was invited to or reminded of;
     * invited to several (or to none), which one, as choices.
     */
    private Reply start(Inbound m) {
        Language language = m.language();
        List<Round> rounds = service.roundsFor(m.from());
        if (rounds.isEmpty()) {
            return Reply.text(texts.get(language, "knowledgegaps.start.no-round"));
        }
        if (rounds.size() == 1) {
            return startFlow(m, rounds.get(0), true);
        }
        boolean invited = service.invitedTo(m.from()).containsAll(rounds.stream().map(Round::id).toList());
        return which(rounds, language, texts.get(language, invited ? "knowledgegaps.start.which" : "knowledgegaps.start.which-any",
                "n", rounds.size()));
    }

    private Reply startIn(Inbound m, String roundId) {
        Optional<Round> round = service.round(roundId);
        if (round.isPresent() && round.get().takesAnswers(clock.instant())) {
            return startFlow(m, round.get(), true);
        }
        String why = round.isPresent() ? texts.closed(round.get(), null, m.language())
                : texts.get(m.language(), "knowledgegaps.start.no-such-round", "round", roundId);
        List<Round> open = service.roundsFor(m.from());
        return open.isEmpty() ? Reply.text(why + " " + texts.get(m.language(), "knowledgegaps.start.no-round"))
                : which(open, m.language(), why + " " + texts.get(m.language(), "knowledgegaps.start.which-open"));
    }

    private Reply which(List<Round> rounds, Language language, String question) {
        StringBuilder b = new StringBuilder(question);
        List<ReplyChoice> choices = new ArrayList<>();
        for (Round r : rounds) {
            String opening = r.openingText() == null ? "" : " " + GapTexts.shortText(r.openingText(), 100);
            b.append("\n• ").append(texts.get(language, "knowledgegaps.start.which-line", "round", r.id(), "deadline",
                    GapTexts.date(r.deadline(), language))).append(opening);
            choices.add(new ReplyChoice((language == Language.EN ? "knowledge gap " : "kunskapslucka ") + r.id(), GapTexts.shortText(
                    texts.get(language, "knowledgegaps.start.which-button", "round", r.id(), "deadline", GapTexts.date(r.deadline(), language)),
                    BUTTON_LABEL)));
        }
        b.append("\n\n").append(texts.get(language, "knowledgegaps.start.which-how", "round", rounds.get(0).id()));
        return new Reply(b.toString(), choices, null, false, null);
    }

    private Reply startFlow(Inbound m, Round round, boolean sayWhich) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("round", round.id());
        Reply flow = Reply.of(engine.start(new ConversationKey(m.from().channel(), m.from().address()), FLOW, context, Map.of()));
        if (!sayWhich) {
            return flow;
        }
        return new Reply(texts.get(m.language(), "knowledgegaps.start.round", "round", round.id(), "deadline",
                GapTexts.date(round.deadline(), m.language())) + "\n\n" + flow.text(), flow.choices(), null, false, null);
    }

    /**
     * What the person's districts have sent, and what they sent themselves: the entries of a district the bot does not
     * know them to belong to are not shown, only their own, and they are told why.
     */
    private Reply list(Inbound m) {
        Language language = m.language();
        Instant now = clock.instant();
        List<Round> rounds = new ArrayList<>(service.roundsFor(m.from()));
        // a round FoU closed before its deadline is still the one people expect: listed, with when and that it was closed
        service.rounds().stream().filter(r -> r.status() == Round.Status.CLOSED && now.isBefore(r.closesAt()))
                .filter(r -> rounds.stream().noneMatch(x -> x.id().equals(r.id()))).forEach(rounds::add);
        rounds.sort(java.util.Comparator.comparing(Round::openedAt, java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())));
        if (rounds.isEmpty()) {
            service.rounds().stream().limit(1).forEach(rounds::add);
        }
        if (rounds.isEmpty()) {
            return Reply.text(texts.get(language, "knowledgegaps.no-round"));
        }
        java.util.Set<String> theirs = people.districtsOf(m.from());
        List<String> parts = new ArrayList<>();
        for (Round r : rounds) {
            list(r, m.from(), theirs, language).ifPresent(parts::add);
        }
        Optional<Round> answering = rounds.stream().filter(r -> r.takesAnswers(now)).findFirst();
        if (m.isMail()) {
            // by mail an entry is added only as an answer to the invitation or a reminder, under the form's headings
            String how = answering.isEmpty() ? "" : "\n\n" + texts.get(language, "knowledgegaps.list.how.mail", "form", texts.form(language));
            return Reply.text((parts.isEmpty() ? answering.map(r -> texts.get(language, "knowledgegaps.list.unknown.mail", "round", r.id()))
                    .orElseGet(() -> texts.closed(rounds.get(0), null, language)) : String.join("\n\n", parts)) + how);
        }
        if (parts.isEmpty()) {
            return Reply.text(answering.map(r -> texts.get(language, "knowledgegaps.list.unknown", "round", r.id()))
                    .orElseGet(() -> texts.closed(rounds.get(0), null, language)));
        }
        // how to change or remove only when there is something of theirs that can still be changed
        boolean ownChangeable = rounds.stream().filter(r -> r.takesAnswers(now)).anyMatch(r -> !service.entriesBy(r.id(), m.from()).isEmpty());
        String how = ownChangeable ? "\n\n" + texts.get(language, "knowledgegaps.list.how")
                : answering.isPresent() ? "\n\n" + texts.get(language, "knowledgegaps.list.how-add") : "";
        return Reply.text(String.join("\n\n", parts) + how);
    }

    /** The round's part of the list; empty when the person has no district there and sent nothing to it. */
    private Optional<String> list(Round r, Recipient person, java.util.Set<String> theirs, Language language) {
        List<GapEntry> mine = service.entriesBy(r.id(), person);
        java.util.Set<String> districts = new java.util.LinkedHashSet<>(theirs);
        mine.forEach(e -> districts.add(e.district()));
        if (districts.isEmpty()) {
            return Optional.empty();
        }
        boolean open = r.takesAnswers(clock.instant());
        List<String> parts = new ArrayList<>();
        for (String district : districts) {
            String name = texts.district(district, language);
            boolean tied = theirs.contains(district);
            List<GapEntry> shown = tied ? service.entries(r.id(), district)
                    : mine.stream().filter(e -> java.util.Objects.equals(e.district(), district)).toList();
            StringBuilder b = new StringBuilder();
            if (shown.isEmpty()) {
                b.append(texts.get(language, !open ? "knowledgegaps.list.none-closed"
                        : person.isEmail() ? "knowledgegaps.list.none.mail" : "knowledgegaps.list.none", "district", name,
                        "round", r.id(), "when", texts.answering(r, language)));
            } else {
                b.append(texts.get(language, tied ? "knowledgegaps.list.title" : "knowledgegaps.list.title-own", "district", name, "round",
                        r.id(), "when", texts.answering(r, language)));
                for (GapEntry e : shown) {
                    b.append("\n\n").append(texts.entry(e, language));
                    if (tied && mine.stream().anyMatch(x -> x.id().equals(e.id()))) {
                        b.append("\n(").append(texts.get(language, "knowledgegaps.list.yours")).append(")");
                    }
                }
            }
            if (!tied) {
                b.append("\n\n").append(texts.get(language, theirs.isEmpty() ? "knowledgegaps.list.no-district" : "knowledgegaps.list.not-tied",
                        "district", name));
            }
            parts.add(b.toString());
        }
        if (!open) {
            parts.add(texts.closed(r, null, language));
        }
        return Optional.of(String.join("\n\n", parts));
    }

    private Reply change(Inbound m, String id) {
        Optional<GapEntry> entry = service.entry(id);
        Optional<Round> round = entry.flatMap(e -> service.round(e.roundId()));
        String refused = entry.isEmpty() ? "knowledgegaps.no-such-entry"
                : entry.get().person() == null || !entry.get().person().channel().equals(m.from().channel())
                        || !entry.get().person().address().equalsIgnoreCase(m.from().address()) ? "knowledgegaps.not-yours"
                : !round.get().takesAnswers(clock.instant()) ? "knowledgegaps.round-closed" : null;
        if (refused != null) {
            return Reply.text(refusal(refused, id, m.language()));
        }
        Map<String, String> context = new LinkedHashMap<>();
        context.put("entry", id);
        context.put("round", round.get().id());
        return Reply.of(engine.start(new ConversationKey(m.from().channel(), m.from().address()), FLOW, context, Map.of()));
    }

    private String refusal(String reason, String id, Language language) {
        Optional<Round> round = service.entry(id).flatMap(e -> service.round(e.roundId()));
        return texts.notTaken(reason, round.orElse(null), id, language);
    }

    /** A mail in the thread of an invitation or reminder: one knowledge gap under headings, or a change of one. */
    private Reply mailAnswer(Inbound m) {
        String[] thread = m.thread().substring(THREAD.length()).split(":", 2);
        String roundId = thread[0];
        String district = thread.length > 1 ? thread[1] : null;
        Language language = m.language();
        String inThread = m.thread();
        Optional<Round> ofThread = service.round(roundId);
        if (ofThread.isPresent() && ofThread.get().outcomesSentAt() != null && asksSomething(m.text())) {
            // the outcome letter invites questions by reply (helper 121: such a reply was told the round had closed)
            return questionAboutTheOutcome(m, ofThread.get(), district);
        }
        if (ofThread.isPresent() && ofThread.get().outcomesSentAt() != null) {
            // a word of thanks for the outcome: no task, and not told the round has closed, as if they had tried to
            // add something (helper 127)
            return Reply.text(texts.get(language, "knowledgegaps.outcome.reply-thanks")).inThread(inThread);
        }
        if (ofThread.isPresent() && !ofThread.get().takesAnswers(clock.instant())) {
            // a late answer: nothing to read as an entry, and FoU is where to ask
            return Reply.text(texts.closed(ofThread.get(), null, language)).inThread(inThread);
        }
        MailAnswerReader.Read read = mailAnswers.read(m.text(), district);
        KnowledgeGapService.Answer answer = read.changing() == null ? read.answer()
                : service.entry(read.changing()).map(read::changing).orElse(read.answer());
        if (answer.text() == null || answer.text().strip().length() < 20) {
            return Reply.text(texts.get(language, "knowledgegaps.mail.no-text", "form", texts.form(language))).inThread(inThread);
        }
        if (!m.senderProven()) {
            return Reply.confirmFirst(texts.get(language, "knowledgegaps.mail.confirm", "district", texts.district(district, language)));
        }
        KnowledgeGapService.Saved saved = read.changing() != null ? service.change(read.changing(), m.from(), answer)
                : service.add(roundId, "mail:" + m.key(), GapEntry.Source.EMAIL, m.from(), answer);
        if (saved instanceof KnowledgeGapService.NotTaken notTaken) {
            return Reply.text(texts.notTaken(notTaken.reason(), notTaken.round(), read.changing(), language)).inThread(inThread);
        }
        KnowledgeGapService.SavedEntry entry = (KnowledgeGapService.SavedEntry) saved;
        String text = read.changing() != null
                ? texts.get(language, "knowledgegaps.mail.changed", "entry", entry.entry().id(), "entry-text", texts.entry(entry.entry(), language))
                : texts.get(language, "knowledgegaps.mail.saved", "entry", entry.entry().id(), "district", texts.district(district, language),
                        "entry-text", texts.entry(entry.entry(), language), "deadline", GapTexts.date(entry.round().deadline(), language));
        List<String> missing = read.unreadable().stream().filter(f -> !f.equals("theme")).toList();
        if (!missing.isEmpty()) {
            text += "\n\n" + texts.get(language, "knowledgegaps.mail.missing", "entry", entry.entry().id(), "fields",
                    String.join(", ", missing.stream().map(f -> texts.get(language, "knowledgegaps.field." + f)).toList()));
        }
        if (read.unreadable().contains("theme")) {
            text += "\n\n" + texts.themeUnreadable(entry.entry(), language);
        }
        if (!read.unknownHeadings().isEmpty()) {
            List<String> headings = read.unknownHeadings();
            String quote = language == Language.EN ? "“%s”" : "”%s”";
            List<String> quoted = headings.stream().map(h -> String.format(quote, h)).toList();
            String and = language == Language.EN ? " and " : " och ";
            text += "\n\n" + (headings.size() == 1 ? texts.get(language, "knowledgegaps.mail.unknown-heading", "heading", headings.get(0))
                    : texts.get(language, "knowledgegaps.mail.unknown-headings", "headings",
                            String.join(", ", quoted.subList(0, quoted.size() - 1)) + and + quoted.get(quoted.size() - 1)));
        }
        return Reply.text(text).inThread(inThread);
    }
}

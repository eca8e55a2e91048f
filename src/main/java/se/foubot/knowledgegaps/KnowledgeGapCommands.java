package se.foubot.knowledgegaps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.Language;
import se.foubot.conversation.TextNormalizer;
import se.foubot.messaging.Command;
import se.foubot.messaging.Inbound;
import se.foubot.messaging.Reply;

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

    private final KnowledgeGapService service;
    private final GapTexts texts;
    private final ConversationEngine engine;
    private final MailAnswerReader mailAnswers;
    private final java.time.Clock clock;

    KnowledgeGapCommands(KnowledgeGapService service, GapTexts texts, ConversationEngine engine, MailAnswerReader mailAnswers,
            java.time.Clock clock) {
        this.clock = clock;
        this.service = service;
        this.texts = texts;
        this.engine = engine;
        this.mailAnswers = mailAnswers;
    }

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("kunskapsluckor", "knowledgegaps.help.list", 40), new Usage("kunskapslucka", "knowledgegaps.help.add", 41));
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
            return Optional.empty();
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
        return Optional.empty();
    }

    /** "kl 2027 003" (as normalised) → "kl-2027-003". */
    private static String id(String normalised) {
        return normalised.replace(' ', '-');
    }

    private Reply list(Inbound m) {
        Language language = m.language();
        Optional<Round> round = service.openRound().or(() -> service.rounds().stream().findFirst());
        if (round.isEmpty()) {
            return Reply.text(texts.get(language, "knowledgegaps.no-round"));
        }
        Round r = round.get();
        List<GapEntry> mine = service.entriesBy(r.id(), m.from());
        String district = mine.isEmpty() ? null : mine.get(mine.size() - 1).district();
        if (district == null) {
            return Reply.text(texts.get(language, "knowledgegaps.list.unknown", "round", r.id()));
        }
        List<GapEntry> sent = service.entries(r.id(), district);
        StringBuilder b = new StringBuilder(texts.get(language, "knowledgegaps.list.title", "district", texts.district(district, language),
                "round", r.id(), "deadline", GapTexts.date(r.deadline(), language)));
        for (GapEntry e : sent) {
            b.append("\n\n").append(texts.entry(e, language));
            if (mine.stream().anyMatch(x -> x.id().equals(e.id()))) {
                b.append("\n(").append(texts.get(language, "knowledgegaps.list.yours")).append(")");
            }
        }
        b.append("\n\n").append(texts.get(language, "knowledgegaps.list.how"));
        return Reply.text(b.toString());
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
        return Reply.of(engine.start(new ConversationKey(m.from().channel(), m.from().address()), FLOW, context, Map.of()));
    }

    private String refusal(String reason, String id, Language language) {
        Optional<Round> round = service.entry(id).flatMap(e -> service.round(e.roundId()));
        return texts.get(language, reason, "entry", id, "round", round.map(Round::id).orElse(""), "deadline",
                round.map(r -> GapTexts.date(r.deadline(), language)).orElse(""));
    }

    /** A mail in the thread of an invitation or reminder: one knowledge gap under headings, or a change of one. */
    private Reply mailAnswer(Inbound m) {
        String[] thread = m.thread().substring(THREAD.length()).split(":", 2);
        String roundId = thread[0];
        String district = thread.length > 1 ? thread[1] : null;
        Language language = m.language();
        String inThread = m.thread();
        Optional<Round> ofThread = service.round(roundId);
        if (ofThread.isPresent() && !ofThread.get().takesAnswers(clock.instant())) {
            // e.g. a question in answer to the outcome: nothing to read as an entry, and FoU is where to ask
            return Reply.text(texts.get(language, "knowledgegaps.round-closed", "entry", "", "round", roundId, "deadline",
                    GapTexts.date(ofThread.get().deadline(), language))).inThread(inThread);
        }
        MailAnswerReader.Read read = mailAnswers.read(m.text(), district);
        if (read.answer().text() == null || read.answer().text().strip().length() < 20) {
            return Reply.text(texts.get(language, "knowledgegaps.mail.no-text", "form", texts.form(language))).inThread(inThread);
        }
        if (!m.senderProven()) {
            return Reply.confirmFirst(texts.get(language, "knowledgegaps.mail.confirm", "district", texts.district(district, language)));
        }
        KnowledgeGapService.Saved saved = read.changing() != null ? service.change(read.changing(), m.from(), read.answer())
                : service.add(roundId, "mail:" + m.key(), GapEntry.Source.EMAIL, m.from(), read.answer());
        if (saved instanceof KnowledgeGapService.NotTaken notTaken) {
            Round round = notTaken.round();
            return Reply.text(texts.get(language, notTaken.reason(), "entry", read.changing() == null ? "" : read.changing(), "round",
                    round == null ? roundId : round.id(), "deadline", round == null ? "" : GapTexts.date(round.deadline(), language)))
                    .inThread(inThread);
        }
        KnowledgeGapService.SavedEntry entry = (KnowledgeGapService.SavedEntry) saved;
        String text = read.changing() != null
                ? texts.get(language, "knowledgegaps.mail.changed", "entry", entry.entry().id(), "entry-text", texts.entry(entry.entry(), language))
                : texts.get(language, "knowledgegaps.mail.saved", "entry", entry.entry().id(), "district", texts.district(district, language),
                        "entry-text", texts.entry(entry.entry(), language), "deadline", GapTexts.date(entry.round().deadline(), language));
        List<String> missing = new ArrayList<>(read.unreadable());
        if (!missing.isEmpty()) {
            text += "\n\n" + texts.get(language, "knowledgegaps.mail.missing", "entry", entry.entry().id(), "fields",
                    String.join(", ", missing.stream().map(f -> texts.get(language, "knowledgegaps.field." + f)).toList()));
        }
        return Reply.text(text).inThread(inThread);
    }
}

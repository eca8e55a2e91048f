package se.foubot.knowledgegaps;

import java.util.Map;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.conversation.OutcomeAction;
import se.foubot.conversation.OutcomeRequest;
import se.foubot.conversation.OutcomeResult;
import se.foubot.messaging.Recipient;

/**
 * The knowledge-gap flow's outcome: the answers become an entry of the round the flow was begun for (keyed by the
 * flow run, so a retried confirmation adds one), or replace the entry the person chose to change. Answering for a
 * district the bot does not know the person to belong to is taken, and they are told they will see only their own.
 */
@Component
class RecordKnowledgeGapOutcome implements OutcomeAction {

    private final KnowledgeGapService service;
    private final GapTexts texts;
    /** Looked up when used: the district list it reads comes from the flow catalogue, which needs this outcome. */
    private final org.springframework.beans.factory.ObjectProvider<DistrictPeople> people;

    RecordKnowledgeGapOutcome(KnowledgeGapService service, GapTexts texts, org.springframework.beans.factory.ObjectProvider<DistrictPeople> people) {
        this.service = service;
        this.texts = texts;
        this.people = people;
    }

    @Override
    public java.util.Optional<String> refuseStart(se.foubot.conversation.ConversationKey key, Language language) {
        // told before the six questions, not after them (with several rounds open, the inventory's command asks which first)
        return service.roundsTakingAnswers().isEmpty() ? java.util.Optional.of(texts.get(language, "knowledgegaps.start.no-round"))
                : java.util.Optional.empty();
    }

    @Override
    public String name() {
        return "record-knowledge-gap";
    }

    @Override
    public OutcomeResult run(OutcomeRequest request) {
        Map<String, String> a = request.answers();
        Recipient person = new Recipient(request.key().channel(), request.key().person());
        // an own theme as mail keeps one: a formula is not kept, and the person is told (helper 121)
        String ownTheme = OwnTheme.of(a.get("own-theme")).orElse(null);
        KnowledgeGapService.Answer answer = new KnowledgeGapService.Answer(a.get("district"), a.get("theme"), ownTheme,
                a.get("perspective"), a.get("gap"), a.get("help"), a.get("level"), a.get("urgency"));
        String changing = request.context().get("entry");
        KnowledgeGapService.Saved saved = changing != null ? service.change(changing, person, answer)
                : service.add(request.context().get("round"), "flow:" + request.runId(), source(request.key().channel()), person, answer);
        Language language = request.language();
        if (saved instanceof KnowledgeGapService.NotTaken notTaken) {
            return OutcomeResult.instead(reason(notTaken, changing, language));
        }
        KnowledgeGapService.SavedEntry entry = (KnowledgeGapService.SavedEntry) saved;
        String district = entry.entry().district();
        java.util.Set<String> theirs = people.getObject().districtsOf(person);
        String note = district == null || theirs.contains(district) ? "" : " " + texts.get(language, theirs.isEmpty()
                ? "knowledgegaps.list.no-district" : "knowledgegaps.list.not-tied", "district", texts.district(district, language));
        if (OwnTheme.refused(a.get("own-theme"))) {
            note += " " + texts.themeUnreadable(entry.entry(), language);
        }
        return new OutcomeResult(Map.of("entry", entry.entry().id(), "deadline", GapTexts.date(entry.round().deadline(), language),
                "note", note));
    }

    String reason(KnowledgeGapService.NotTaken notTaken, String entry, Language language) {
        if (notTaken.round() == null && "knowledgegaps.no-round".equals(notTaken.reason())) {
            return texts.get(language, "knowledgegaps.done.no-round");
        }
        return texts.notTaken(notTaken.reason(), notTaken.round(), entry, language);
    }

    static GapEntry.Source source(String channel) {
        return switch (channel) {
            case Recipient.SLACK -> GapEntry.Source.SLACK;
            case Recipient.EMAIL -> GapEntry.Source.EMAIL;
            default -> GapEntry.Source.TERMINAL;
        };
    }
}

package se.foubot.knowledgegaps;

import java.util.Map;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.conversation.OutcomeAction;
import se.foubot.conversation.OutcomeRequest;
import se.foubot.conversation.OutcomeResult;
import se.foubot.messaging.Recipient;

/**
 * The knowledge-gap flow's outcome: the answers become an entry of the open round (keyed by the flow run, so a
 * retried confirmation adds one), or replace the entry the person chose to change.
 */
@Component
class RecordKnowledgeGapOutcome implements OutcomeAction {

    private final KnowledgeGapService service;
    private final GapTexts texts;

    RecordKnowledgeGapOutcome(KnowledgeGapService service, GapTexts texts) {
        this.service = service;
        this.texts = texts;
    }

    @Override
    public String name() {
        return "record-knowledge-gap";
    }

    @Override
    public OutcomeResult run(OutcomeRequest request) {
        Map<String, String> a = request.answers();
        Recipient person = new Recipient(request.key().channel(), request.key().person());
        KnowledgeGapService.Answer answer = new KnowledgeGapService.Answer(a.get("district"), a.get("theme"), a.get("own-theme"),
                a.get("perspective"), a.get("gap"), a.get("help"), a.get("level"), a.get("urgency"));
        String changing = request.context().get("entry");
        KnowledgeGapService.Saved saved = changing != null ? service.change(changing, person, answer)
                : service.add(null, "flow:" + request.runId(), source(request.key().channel()), person, answer);
        Language language = request.language();
        if (saved instanceof KnowledgeGapService.NotTaken notTaken) {
            return OutcomeResult.instead(reason(notTaken, changing, language));
        }
        KnowledgeGapService.SavedEntry entry = (KnowledgeGapService.SavedEntry) saved;
        return new OutcomeResult(Map.of("entry", entry.entry().id(), "deadline", GapTexts.date(entry.round().deadline(), language)));
    }

    String reason(KnowledgeGapService.NotTaken notTaken, String entry, Language language) {
        if (notTaken.round() == null && "knowledgegaps.no-round".equals(notTaken.reason())) {
            return texts.get(language, "knowledgegaps.done.no-round");
        }
        return texts.get(language, notTaken.reason(), "entry", entry == null ? "" : entry, "round",
                notTaken.round() == null ? "" : notTaken.round().id(), "deadline",
                notTaken.round() == null ? "" : GapTexts.date(notTaken.round().deadline(), language));
    }

    static GapEntry.Source source(String channel) {
        return switch (channel) {
            case Recipient.SLACK -> GapEntry.Source.SLACK;
            case Recipient.EMAIL -> GapEntry.Source.EMAIL;
            default -> GapEntry.Source.TERMINAL;
        };
    }
}

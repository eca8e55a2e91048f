package se.foubot.tasks;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.stereotype.Component;

import se.foubot.conversation.OutcomeAction;
import se.foubot.conversation.OutcomeRequest;
import se.foubot.conversation.OutcomeResult;

/** The intake flow's outcome: the confirmed request becomes a support task; tells its reference. Once per run. */
@Component
class CreateSupportRequestOutcome implements OutcomeAction {

    private final TaskService tasks;
    private final TaskTexts texts;

    CreateSupportRequestOutcome(TaskService tasks, TaskTexts texts) {
        this.tasks = tasks;
        this.texts = texts;
    }

    @Override
    public String name() {
        return "create-support-request";
    }

    /** At the limit of new tasks already: told before the intake, not after its last question. */
    @Override
    public java.util.Optional<String> refuseStart(se.foubot.conversation.ConversationKey key, se.foubot.conversation.Language language) {
        return tasks.newTaskLimitReached(key.channel(), key.person()).map(limit -> texts.limitReached(limit, language));
    }

    @Override
    public OutcomeResult run(OutcomeRequest request) {
        Map<String, String> a = request.answers();
        SupportRequest asked = new SupportRequest(a.get("district"), a.get("role"), a.get("concern"), a.get("initiative"),
                a.get("category"), a.get("timeframe") == null ? null : LocalDate.parse(a.get("timeframe")), a.get("email"),
                request.language().code());
        Requester requester = new Requester(request.key().channel(), request.key().person(), request.origin());
        try {
            SupportTask task = tasks.createInTurn(request.runId(), requester, asked);
            return new OutcomeResult(Map.of("reference", task.reference()));
        } catch (NewTaskLimitReached limit) {
            return OutcomeResult.instead(texts.limitReached(limit, request.language()));
        }
    }
}

package se.foubot.tasks;

import java.util.Map;

import org.springframework.stereotype.Component;

import se.foubot.conversation.OutcomeAction;
import se.foubot.conversation.OutcomeRequest;
import se.foubot.conversation.OutcomeResult;
import se.foubot.conversation.Unanswered;

/** The task-question flow's outcome: the requester's answer goes onto the task (and so into the staff thread). */
@Component
class RecordTaskAnswerOutcome implements OutcomeAction {

    private final TaskService tasks;

    RecordTaskAnswerOutcome(TaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public String name() {
        return "record-task-answer";
    }

    @Override
    public OutcomeResult run(OutcomeRequest request) {
        String reference = request.context().get("reference");
        tasks.answer(reference, request.key().person(), request.runId(), request.answers().get("answer"));
        return new OutcomeResult(Map.of("reference", reference));
    }

    @Override
    public void unanswered(OutcomeRequest request, Unanswered why) {
        String words = switch (why) {
            case CANCELLED -> "Beställaren avbröt frågan utan att svara.";
            case REPLACED -> "Frågan blev obesvarad: en nyare fråga till beställaren ersatte den.";
            case EXPIRED -> "Frågan blev obesvarad: beställaren svarade inte innan konversationen gick ut.";
        };
        tasks.unanswered(request.context().get("reference"), request.key().person(), request.runId(), words);
    }
}

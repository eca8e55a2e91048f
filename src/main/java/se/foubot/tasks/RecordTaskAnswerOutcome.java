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
    private final TaskTexts texts;

    RecordTaskAnswerOutcome(TaskService tasks, TaskTexts texts) {
        this.tasks = tasks;
        this.texts = texts;
    }

    @Override
    public String name() {
        return "record-task-answer";
    }

    @Override
    public OutcomeResult run(OutcomeRequest request) {
        String reference = request.context().get("reference");
        if (tasks.answer(reference, request.key().person(), request.runId(), request.answers().get("answer")).isEmpty()
                && tasks.find(reference).map(SupportTask::anonymised).orElse(false)) {
            // closed and anonymised since the question was asked: the answer is not kept on it, and the person must not
            // be told it was (helper 117); an answer recorded already (the outcome done again) is said saved as before
            return OutcomeResult.instead(texts.answerToAnonymised(reference, request.language()));
        }
        return new OutcomeResult(Map.of("reference", reference));
    }

    @Override
    public void unanswered(OutcomeRequest request, Unanswered why) {
        // which question: an analyst may have asked several, and the lines may come in any order
        String question = "”" + shortened(request.context().getOrDefault("question", "")) + "”";
        String words = switch (why) {
            case CANCELLED -> "Beställaren avbröt frågan " + question + " utan att svara.";
            case REPLACED -> "Frågan " + question + " blev obesvarad: en nyare fråga till beställaren ersatte den.";
            case EXPIRED -> "Frågan " + question + " blev obesvarad: beställaren svarade inte innan konversationen gick ut.";
            case UNREADABLE -> "Frågan " + question + " blev obesvarad: beställarens konversation kunde inte läsas och började om.";
            case FLOW_GONE -> "Frågan " + question + " blev obesvarad: botens frågor hade ändrats, så beställarens konversation "
                    + "avslutades utan svar.";
        };
        tasks.unanswered(request.context().get("reference"), request.key().person(), request.runId(), words);
    }

    /** Its first 60 characters, whole code points, and "…" when there were more. */
    private static String shortened(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        if (oneLine.codePointCount(0, oneLine.length()) <= 60) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, 59)) + "…";
    }
}

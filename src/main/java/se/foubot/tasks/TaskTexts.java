package se.foubot.tasks;

import java.time.ZoneId;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;

/** What the requester is told about tasks that is not a notice: the new-task limit, an answer to a task anonymised meanwhile. */
@Component
public class TaskTexts {


    private final Texts texts;
    private final ZoneId zone;

    TaskTexts(Texts texts, ZoneId zone) {
        this.texts = texts;
        this.zone = zone;
    }

    /** The answer when the sender has reached the new-task limit. */
    public String limitReached(NewTaskLimitReached limit, Language language) {
        var at = limit.freeAgainAt().atZone(zone);
        return texts.get(language, limit.limit() == 1 ? "tasks.limit-reached.one" : "tasks.limit-reached", "limit", limit.limit(), "time",
                se.foubot.conversation.Dates.time(at, language));
    }

    /** The answer to a question whose task retention anonymised meanwhile: it cannot be kept on it (helper 117). */
    public String answerToAnonymised(String reference, Language language) {
        return texts.get(language, "tasks.answer.anonymised", "reference", reference);
    }
}

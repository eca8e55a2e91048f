package se.foubot.tasks;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import se.foubot.conversation.Language;

/** What the requester is told about tasks, in their language. */
public final class TaskTexts {

    private static final DateTimeFormatter SV = DateTimeFormatter.ofPattern("'kl.' HH.mm");
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("HH:mm");

    private TaskTexts() {
    }

    /** The answer when the sender has reached the new-task limit. */
    public static String limitReached(NewTaskLimitReached limit, Language language, ZoneId zone) {
        var at = limit.freeAgainAt().atZone(zone);
        return language == Language.EN
                ? "You have already sent " + limit.limit() + " new requests in the last hour, which is as many as we take from "
                        + "one person in an hour, so this one was not registered. Please send it again after " + EN.format(at)
                        + "; if it cannot wait, write to the FoU unit directly."
                : "Du har redan skickat " + limit.limit() + " nya förfrågningar den senaste timmen, och fler än så tar vi inte "
                        + "emot från en person på en timme, så den här registrerades inte. Skicka den gärna igen efter "
                        + SV.format(at) + ". Är det bråttom kan du kontakta FoU-enheten direkt.";
    }
}

package se.foubot.tasks;

import java.time.Instant;

/**
 * One line of a task's history: who did what, when. {@code text} is said in the staff thread; {@code detail}
 * carries what a channel may need besides, such as the words of a question to the requester.
 */
public record TaskEvent(Instant at, String actor, String kind, String text, String detail) {

    public TaskEvent(Instant at, String actor, String kind, String text) {
        this(at, actor, kind, text, null);
    }
}

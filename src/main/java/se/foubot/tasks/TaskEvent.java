package se.foubot.tasks;

import java.time.Instant;

/** One line of a task's history: who did what, when. {@code text} is said in the staff thread. */
public record TaskEvent(Instant at, String actor, String kind, String text) {
}

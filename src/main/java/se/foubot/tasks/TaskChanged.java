package se.foubot.tasks;

/** Published after every change of a task (creation included), for the channels to show it. */
public record TaskChanged(SupportTask task, TaskEvent event) {
}

package se.foubot.tasks;

/** The task's message in the staff channel: where it is, so it can be updated in place. */
public record StaffPost(String channel, String ts) {
}

package se.foubot.tasks;

/**
 * Published after every change of a task (creation included), for the channels to show it.
 *
 * @param carried the change was written without waiting for the disk, because a durable write of the same piece of
 *                work follows it before anything is told outside ({@link se.foubot.store.CarriedWrites}): what a
 *                listener writes for it in the same thread may be carried too
 */
public record TaskChanged(SupportTask task, TaskEvent event, boolean carried) {

    public TaskChanged(SupportTask task, TaskEvent event) {
        this(task, event, false);
    }
}

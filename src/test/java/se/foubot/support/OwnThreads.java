package se.foubot.support;

import java.util.concurrent.Executor;

/**
 * Runs each task on a new thread of its own. Tests that race work against each other, or hold one task up while
 * another goes on, give it to {@code CompletableFuture}: without an executor, whether the tasks run at once is the
 * JDK's choice — Java 17 on two cores gives each task a thread, Java 25 queues them on the common pool's one worker,
 * where racing claims run one after the other and a task waiting for the next never sees it start.
 */
public final class OwnThreads implements Executor {

    /** The one instance; it holds nothing. */
    public static final Executor EACH = new OwnThreads();

    private OwnThreads() {
    }

    @Override
    public void execute(Runnable task) {
        Thread thread = new Thread(task, "test-own-thread");
        thread.setDaemon(true);
        thread.start();
    }
}

package se.foubot.channels.slack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The threads that do Slack work after the ack: a fixed number, sized to the machine, with a bounded queue. The
 * thread that answers Slack only ever {@link #offer}s: when the queue is full it is told so at once and never runs
 * the work itself, so a backlog cannot delay an ack (Slack allows 3 s) nor take the request threads. Others
 * (a staff post after a claim, a notice) {@link #execute}: when full, they do the work on their own thread, which
 * slows them, not Slack's answers. How long work waits is measured ({@code foubot.slack.work.wait}) and the age of
 * the oldest waiting piece is a gauge ({@code foubot.slack.work.queue.age}).
 */
final class SlackWorkers extends ThreadPoolExecutor {

    /** How often {@link #awaitIdle} looks (a stop waits at most this much longer than it must). */
    private static final long IDLE_CHECK_MILLIS = 20;

    private final Timer waited;
    private final Counter refused;

    SlackWorkers(int threads, int queue, MeterRegistry meters) {
        super(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), daemons(), new AbortPolicy());
        this.waited = Timer.builder("foubot.slack.work.wait").description("time Slack work waited for a worker after its ack")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.refused = Counter.builder("foubot.slack.work.refused")
                .description("Slack work offered while every worker was busy and the queue full").register(meters);
        Gauge.builder("foubot.slack.work.queue.age", this, SlackWorkers::oldestWaitSeconds).baseUnit("seconds")
                .description("how long the oldest waiting Slack work has waited").register(meters);
        Gauge.builder("foubot.slack.work.queued", this, w -> w.getQueue().size())
                .description("Slack work waiting for a worker").register(meters);
    }

    /** The default size: one worker per core, at least two (the work waits on the store and on Slack as much as it computes). */
    static int threadsFor(int configured) {
        return configured > 0 ? configured : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** Queues {@code work} without ever running it here. @return false when the queue is full (or shutting down) */
    boolean offer(Runnable work) {
        try {
            super.execute(new Queued(work, System.nanoTime()));
            return true;
        } catch (RejectedExecutionException full) {
            refused.increment();
            return false;
        }
    }

    /** Queues {@code work}; when the queue is full, the caller does it (never call this from the thread that acks). */
    @Override
    public void execute(Runnable work) {
        if (!offer(work) && !isShutdown()) {
            work.run();
        }
    }

    /**
     * Waits until no work runs or waits, at most {@code atMost}; new work may still be offered meanwhile.
     *
     * @return true when idle; false when something still ran or waited at the end
     */
    boolean awaitIdle(Duration atMost) {
        long end = System.nanoTime() + atMost.toNanos();
        while (getActiveCount() > 0 || !getQueue().isEmpty()) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            try {
                Thread.sleep(IDLE_CHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Takes the queued pieces of work that {@code which} picks out of the queue, unrun. @return them, oldest first */
    List<Runnable> withdraw(Predicate<Runnable> which) {
        List<Runnable> taken = new ArrayList<>();
        for (Runnable queued : getQueue()) {
            if (queued instanceof Queued q && which.test(q.work()) && getQueue().remove(queued)) {
                taken.add(q.work());
            }
        }
        return taken;
    }

    @Override
    protected void beforeExecute(Thread t, Runnable r) {
        if (r instanceof Queued q) {
            waited.record(System.nanoTime() - q.since(), TimeUnit.NANOSECONDS);
        }
    }

    private double oldestWaitSeconds() {
        return getQueue().peek() instanceof Queued q ? (System.nanoTime() - q.since()) / 1e9 : 0;
    }

    private static java.util.concurrent.ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "slack-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            // below the threads that acknowledge Slack, where the JVM honours priorities (-XX:ThreadPriorityPolicy=1)
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        };
    }

    /** A piece of work and when it was queued. */
    private record Queued(Runnable work, long since) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }
}

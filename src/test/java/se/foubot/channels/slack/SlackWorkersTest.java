package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class SlackWorkersTest {

    @Test
    void aFullPoolRefusesAnOfferInsteadOfRunningItOnTheCallersThread() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SlackWorkers workers = new SlackWorkers(1, 1, meters);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try {
            assertThat(workers.offer(() -> {
                started.countDown();
                await(stuck);
            })).isTrue();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(workers.offer(() -> { })).as("waits in the queue").isTrue();
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            assertThat(workers.offer(() -> ranOn.set(Thread.currentThread()))).as("queue full").isFalse();
            assertThat(ranOn.get()).as("never run by the caller").isNull();
            assertThat(meters.get("foubot.slack.work.refused").counter().count()).isEqualTo(1);
            assertThat(meters.get("foubot.slack.work.queued").gauge().value()).isEqualTo(1);
            assertThat(meters.get("foubot.slack.work.queue.age").gauge().value()).isGreaterThanOrEqualTo(0);
        } finally {
            stuck.countDown();
            workers.shutdown();
        }
    }

    @Test
    void workHandedOnByAnotherPartRunsOnItsOwnThreadWhenThePoolIsFull() throws Exception {
        SlackWorkers workers = new SlackWorkers(1, 1, new SimpleMeterRegistry());
        CountDownLatch stuck = new CountDownLatch(1);
        try {
            workers.execute(() -> await(stuck));
            workers.execute(() -> { });
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            workers.execute(() -> ranOn.set(Thread.currentThread()));
            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        } finally {
            stuck.countDown();
            workers.shutdown();
        }
    }

    @Test
    void theDefaultSizeFollowsTheMachine() {
        assertThat(SlackWorkers.threadsFor(0)).isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
        assertThat(SlackWorkers.threadsFor(7)).isEqualTo(7);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

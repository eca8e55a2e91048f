package se.foubot.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;

import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/** A job that fails every run while a service is away fills the log with one line a minute, not a stack each run. */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledJobFailuresTest {

    private final MutableClock clock = new MutableClock(TestClockConfiguration.START);
    private final ScheduledJobFailures failures = new ScheduledJobFailures(clock);

    private static DataAccessResourceFailureException storeAway() {
        return new DataAccessResourceFailureException("Timed out after 3000 ms while waiting for a server",
                new RuntimeException("Exception opening socket 127.0.0.1:27017"));
    }

    @Test
    void aStoreAwayForAMinuteAndAHalfIsTwoLinesWithoutAStack(CapturedOutput output) {
        for (int second = 0; second < 90; second += 2) {
            failures.handleError(storeAway());
            clock.advance(Duration.ofSeconds(2));
        }
        assertThat(output.getOut().lines().filter(l -> l.contains("event=scheduled_job_deferred"))).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("rule=DataAccessResourceFailureException")
                        .contains("job=ScheduledJobFailuresTest.")
                        .contains("Exception opening socket 127.0.0.1:27017"));
        assertThat(output.getOut()).doesNotContain("\tat ");
    }

    @Test
    void aStoreAwayForAJobWaitingOnItsOwnThreadsIsTheSameOneLineWithoutAStack(CapturedOutput output) {
        // the outbox waits on its connections' threads: their failure comes wrapped, as CompletableFuture.join wraps it
        failures.handleError(new java.util.concurrent.CompletionException(storeAway()));
        assertThat(output.getOut().lines().filter(l -> l.contains("event=scheduled_job_deferred"))).singleElement()
                .satisfies(l -> assertThat(l).contains("rule=DataAccessResourceFailureException"));
        assertThat(output.getOut()).doesNotContain("\tat ").doesNotContain("scheduled_job_failed");
    }

    @Test
    void aFailureThatIsNoOutageShowsItsStackOnceThenOneLineAMinute(CapturedOutput output) {
        for (int second = 0; second < 70; second += 5) {
            failures.handleError(new IllegalStateException("a bug"));
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(output.getOut().lines().filter(l -> l.contains("event=scheduled_job_failed"))).hasSize(2);
        assertThat(output.getOut().lines().filter(l -> l.startsWith("java.lang.IllegalStateException: a bug"))).hasSize(1);
    }
}

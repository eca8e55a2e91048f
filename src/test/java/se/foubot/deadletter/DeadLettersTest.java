package se.foubot.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import se.foubot.deadletter.DeadLetters.Outcome;
import se.foubot.support.EmbeddedStoreFixture;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/** Bounded retries and parking, on the embedded store through the real driver. */
class DeadLettersTest {

    @TempDir
    static Path dir;

    static EmbeddedStoreFixture store;
    static final List<Object> published = new ArrayList<>();
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    static DeadLetters deadLetters;

    @BeforeAll
    static void start() {
        store = new EmbeddedStoreFixture(dir);
        deadLetters = new DeadLetters(store.template(), new MutableClock(TestClockConfiguration.START), published::add,
                new DeadLetterProperties(3, Duration.ofMillis(1)));
        deadLetters.ensure(store.template());
        deadLetters.bindTo(meters);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private static long announced(String key) {
        return published.stream().filter(e -> e instanceof DeadLetterParked p && p.deadLetter().key().equals(key)).count();
    }

    @Test
    void workThatKeepsFailingIsParkedAfterThreeAttemptsAndAnnouncedOnce() {
        Runnable poison = () -> Long.parseLong("inom 99999999999 veckor");
        assertThat(deadLetters.guard("job:test", "item-1", poison)).isEqualTo(Outcome.RETRY);
        assertThat(deadLetters.guard("job:test", "item-1", poison)).isEqualTo(Outcome.RETRY);
        assertThat(announced("item-1")).isZero();
        assertThat(deadLetters.guard("job:test", "item-1", poison)).isEqualTo(Outcome.PARKED);
        AtomicInteger ranAgain = new AtomicInteger();
        assertThat(deadLetters.guard("job:test", "item-1", ranAgain::incrementAndGet)).isEqualTo(Outcome.PARKED);
        assertThat(ranAgain).hasValue(0);
        assertThat(announced("item-1")).isEqualTo(1);

        DeadLetter parked = deadLetters.parked(100).stream().filter(d -> d.key().equals("item-1")).findFirst().orElseThrow();
        assertThat(parked.kind()).isEqualTo("job:test");
        assertThat(parked.rule()).isEqualTo("NumberFormatException");
        assertThat(parked.where()).startsWith("DeadLettersTest.");
        assertThat(parked.attempts()).isEqualTo(3);
        assertThat(parked.toString()).as("the rule, never the text").doesNotContain("99999999999").doesNotContain("veckor");
        assertThat(meters.get("foubot.dead.letters").tag("kind", "job:test").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("foubot.dead.letters.parked").gauge().value()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void workThatSucceedsOnItsSecondAttemptIsNotParkedAndItsCountIsForgotten() {
        AtomicInteger calls = new AtomicInteger();
        Runnable flaky = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first time only");
            }
        };
        assertThat(deadLetters.guard("job:test", "item-2", flaky)).isEqualTo(Outcome.RETRY);
        assertThat(deadLetters.guard("job:test", "item-2", flaky)).isEqualTo(Outcome.DONE);
        deadLetters.cleared("job:test", "item-2");
        assertThat(deadLetters.guard("job:test", "item-2", () -> {
            throw new IllegalStateException();
        })).as("a fresh count of three").isEqualTo(Outcome.RETRY);
        assertThat(deadLetters.isParked("job:test", "item-2")).isFalse();
    }

    @Test
    void retriedThenParkedInOneGoForWorkNothingBringsBack() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(deadLetters.retryThenPark("slack-event", "Ev123", () -> {
            calls.incrementAndGet();
            throw new StackOverflowError();
        })).isEqualTo(Outcome.PARKED);
        assertThat(calls).hasValue(3);
        assertThat(announced("Ev123")).isEqualTo(1);
        assertThat(deadLetters.retryThenPark("slack-event", "Ev124", calls::incrementAndGet)).isEqualTo(Outcome.DONE);
    }

    @Test
    void aStoreOutageIsNeverCountedAgainstTheWork() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> deadLetters.guard("job:test", "item-3", () -> {
                throw new DataAccessResourceFailureException("store away");
            })).isInstanceOf(DataAccessResourceFailureException.class);
        }
        assertThat(deadLetters.isParked("job:test", "item-3")).isFalse();
        assertThat(deadLetters.guard("job:test", "item-3", () -> { })).isEqualTo(Outcome.DONE);
    }
}

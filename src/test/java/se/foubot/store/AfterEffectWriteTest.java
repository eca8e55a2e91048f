package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class AfterEffectWriteTest {

    @Test
    void aWriteThatFailsWhileTheStoreIsAwayIsRetriedUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        new AfterEffectWrite().run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new DataAccessResourceFailureException("store away");
            }
        });
        assertThat(calls).hasValue(3);
    }

    @Test
    void aFailureThatIsNotTheStoresIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> new AfterEffectWrite().run(() -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("a bug");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void afterItsPatienceTheStoresLastFailureIsThrown() {
        assertThatThrownBy(() -> new AfterEffectWrite(Duration.ofMillis(600)).run(() -> {
            throw new DataAccessResourceFailureException("store away for long");
        })).isInstanceOf(DataAccessResourceFailureException.class).hasMessageContaining("for long");
    }
}

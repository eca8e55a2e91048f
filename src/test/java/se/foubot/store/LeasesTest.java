package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.foubot.support.EmbeddedStoreFixture;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/** Named leases on the embedded store through the real driver. */
class LeasesTest {

    @TempDir
    static Path dir;

    static EmbeddedStoreFixture store;

    @BeforeAll
    static void start() {
        store = new EmbeddedStoreFixture(dir);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void aHolderRenewingInTheSameMillisecondStillHoldsItAndNobodyElseGetsIt() {
        MutableClock clock = new MutableClock(TestClockConfiguration.START);
        Leases leases = new Leases(store.template(), clock);
        assertThat(leases.acquire("reader", "replica-a", Duration.ofMinutes(1))).isTrue();
        // the same instant: the renewal changes no field, and must still count as held
        assertThat(leases.acquire("reader", "replica-a", Duration.ofMinutes(1))).isTrue();
        assertThat(leases.acquire("reader", "replica-b", Duration.ofMinutes(1))).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(leases.acquire("reader", "replica-b", Duration.ofMinutes(1))).as("ran out: taken over").isTrue();
        assertThat(leases.acquire("reader", "replica-a", Duration.ofMinutes(1))).isFalse();
    }
}

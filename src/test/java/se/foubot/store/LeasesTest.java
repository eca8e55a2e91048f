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

    @Test
    void aLeaseTheDeadProcessBeforeHeldIsTakenAtOnceButOneALiveReplicaHoldsIsNot(@TempDir Path dataDir) throws Exception {
        MutableClock clock = new MutableClock(TestClockConfiguration.START);
        Leases leases = new Leases(store.template(), clock);
        // the process before this one on the same data directory, killed while it held the lease
        java.nio.file.Files.writeString(dataDir.resolve(ProcessBoot.FILE), "aaaaaaaaaaaa");
        ProcessBoot boot = new ProcessBoot(dataDir);
        try {
            assertThat(leases.acquire("imap-reader-dead", "reader-aaaaaaaaaaaa", Duration.ofMinutes(1))).isTrue();
            assertThat(leases.acquire("imap-reader-alive", "reader-bbbbbbbbbbbb", Duration.ofMinutes(1))).isTrue();

            Holder dead = new Holder("reader", boot);
            assertThat(dead.takeBackLease(leases, "imap-reader-dead")).isEqualTo("reader-aaaaaaaaaaaa");
            assertThat(leases.acquire("imap-reader-dead", dead.name(), Duration.ofMinutes(1))).isTrue();

            Holder beside = new Holder("reader", boot);
            beside.takeBackLease(leases, "imap-reader-alive");
            assertThat(leases.acquire("imap-reader-alive", beside.name(), Duration.ofMinutes(1)))
                    .as("held by a replica that lives: not this process's predecessor").isFalse();
            assertThat(dead.takeBackLease(leases, "imap-reader-dead")).as("once").isNull();
        } finally {
            boot.release();
        }
    }
}

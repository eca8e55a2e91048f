package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose port another process holds fails to start, and leaves nothing behind: no thread that would keep a bot
 * that could not start alive (a supervisor restarts only a process that ends), and no lock on its file.
 */
class StorePortTakenTest {

    @Test
    void aStoreWhosePortIsTakenFailsAndLeavesNoThreadRunningAndItsFileFree(@TempDir Path dir) throws Exception {
        // other tests' stores may run in this JVM: only threads this start left count
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedMongoStore.start(dir, taken.getLocalPort())).isInstanceOf(StorePortTaken.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort()).hasMessageContaining("FOUBOT_STORE_PORT");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> !before.contains(t) && t.isAlive() && !t.isDaemon() && t.getName().startsWith("mongo-server"))
                .extracting(Thread::getName).isEmpty());
        try (EmbeddedMongoStore again = EmbeddedMongoStore.start(dir, 0)) {
            assertThat(again.port()).isPositive();
        }
    }
}

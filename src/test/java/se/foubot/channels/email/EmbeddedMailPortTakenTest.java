package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * An embedded mail server one of whose ports another process holds fails to start and leaves no server running: the
 * one that did start would keep a bot that could not start alive (a supervisor restarts only a process that ends).
 */
class EmbeddedMailPortTakenTest {

    @Test
    void aTakenImapPortFailsTheStartNamingItAndLeavesTheSmtpServerThatStartedStopped() throws Exception {
        // other tests' mail servers may run in this JVM: only threads this start left count
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedMailServer.start(0, taken.getLocalPort())).isInstanceOf(EmbeddedMailPortTaken.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort()).hasMessageContaining("foubot.mail.embedded-imap-port");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> !before.contains(t) && t.isAlive() && !t.isDaemon()
                        && (t.getName().startsWith("smtp:") || t.getName().startsWith("imap:")))
                .extracting(Thread::getName).isEmpty());
    }
}

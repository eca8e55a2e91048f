package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.foubot.support.TestMail;

/**
 * The watcher waits for new mail with IMAP IDLE on a real IMAP server (the embedded GreenMail) and has the mailbox read
 * when the server announces one. A read that fails — the store away — is the read's problem, not the connection's:
 * the watcher used to drop the connection and wait half a minute before listening again.
 */
class MailboxWatcherTest {

    static EmbeddedMailServer mail;

    @BeforeAll
    static void start() {
        mail = EmbeddedMailServer.start(0, 0);
    }

    @AfterAll
    static void stop() {
        mail.close();
    }

    @Test
    void aReadThatFailsLeavesTheWatcherListeningSoTheNextMailIsAnnouncedAtOnce() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        MailboxWatcher watcher = new MailboxWatcher(mail.imapUrl(), () -> {
            reads.incrementAndGet();
            throw new org.springframework.dao.DataAccessResourceFailureException("the store is away");
        });
        watcher.start();
        try {
            // the read of what arrived before idling began
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= 1);
            int before = reads.get();
            new TestMail(mail).send("anna@stockholm.se", "Fråga", "Hej! Vad gäller för LUM?", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() > before);
            assertThat(watcher.isRunning()).isTrue();
        } finally {
            watcher.stop();
        }
    }
}

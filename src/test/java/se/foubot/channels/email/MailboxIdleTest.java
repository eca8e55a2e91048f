package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.icegreen.greenmail.util.GreenMailUtil;

import se.foubot.support.TestClockConfiguration;
import se.foubot.tasks.TaskService;

/** With IMAP IDLE a mail is handled as it arrives, long before the next poll (an hour away here). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.mail.idle=true",
                "foubot.mail.outbox-poll-interval=200ms"})
@Import(TestClockConfiguration.class)
class MailboxIdleTest {

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    TaskService tasks;

    @Test
    void aNewMailIsHandledAsItArrives() {
        GreenMailUtil.sendTextEmail("fou@localhost", "idle.tester@stockholm.se", "Utvärdering",
                "Vi i Bromma behöver en utvärderingsplan, ingen brådska.", mail.greenMail().getSmtp().getServerSetup());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(tasks.byRequester("email", "idle.tester@stockholm.se")).hasSize(1));
    }
}

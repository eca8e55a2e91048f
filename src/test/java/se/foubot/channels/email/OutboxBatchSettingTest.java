package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The outbox batch is bounded: what a kill may send again is at most a small batch per connection. */
class OutboxBatchSettingTest {

    @EnableConfigurationProperties(MailProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withPropertyValues("foubot.mail.from=fou@localhost", "foubot.mail.outbox-poll-interval=2s",
                    "foubot.mail.outbox-lease=2m", "foubot.mail.outbox-max-attempts=20", "foubot.mail.poll-interval=10s",
                    "foubot.mail.replies-per-sender-per-hour=10", "foubot.mail.reader-lease=1m",
                    "foubot.mail.processing-lease=5m", "foubot.mail.smtp-connections=4",
                    "foubot.mail.unproven-replies-per-domain-per-hour=20");

    @Test
    void aBatchFromOneToTwentyIsTaken() {
        runner.withPropertyValues("foubot.mail.outbox-batch=20")
                .run(context -> assertThat(context.getBean(MailProperties.class).outboxBatch()).isEqualTo(20));
        runner.withPropertyValues("foubot.mail.outbox-batch=1")
                .run(context -> assertThat(context.getBean(MailProperties.class).outboxBatch()).isEqualTo(1));
    }

    @Test
    void aBatchAboveTwentyOrBelowOneStopsTheStartNamingTheSetting() {
        for (String batch : new String[] {"21", "0"}) {
            runner.withPropertyValues("foubot.mail.outbox-batch=" + batch).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("outboxBatch");
            });
        }
    }
}

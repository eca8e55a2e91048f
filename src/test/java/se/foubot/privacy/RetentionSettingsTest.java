package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import se.foubot.channels.email.MailProperties;

/**
 * A retention period below an hour is a typo, not a wish ("-1d" deleted every received mail at the first run), and an
 * interval or lease of zero or less stops the work it paces: each stops the start, naming the setting, before anything
 * is deleted.
 */
class RetentionSettingsTest {

    @EnableConfigurationProperties({RetentionProperties.class, MailProperties.class})
    static class Settings {
    }

    /** The shipped defaults (application.yaml); each setting below is what its environment variable sets. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withInitializer(new ConfigDataApplicationContextInitializer());

    @Test
    void theShippedPeriodsStart() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RetentionProperties.class).mailText()).isEqualTo(Duration.ofDays(90));
        });
    }

    @Test
    void aNegativeOrZeroRetentionPeriodStopsTheStartNamingIt() {
        String[][] wrong = {{"foubot.retention.mail-text", "-1d", "mailText"}, {"foubot.retention.sent-messages", "0s", "sentMessages"},
                {"foubot.retention.conversations", "-5d", "conversations"}, {"foubot.retention.first-run", "-1s", "firstRun"},
                {"foubot.retention.audit", "30m", "audit"}};
        for (String[] w : wrong) {
            runner.withPropertyValues(w[0] + "=" + w[1]).run(context -> {
                assertThat(context).as(w[0] + "=" + w[1]).hasFailed();
                assertThat(context.getStartupFailure()).as(w[0]).rootCause().hasMessageContaining(w[2]);
            });
        }
    }

    @Test
    void aPollIntervalOfZeroStopsTheStartNamingIt() {
        runner.withPropertyValues("foubot.mail.poll-interval=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("pollInterval");
        });
    }
}

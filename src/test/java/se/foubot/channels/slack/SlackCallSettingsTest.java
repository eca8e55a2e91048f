package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * How long a Slack call may wait, and how long before it is tried again, are bounded: 0 s would be no timeout at all, and
 * a call to a Slack that never answers would hold its thread for good.
 */
class SlackCallSettingsTest {

    @EnableConfigurationProperties(SlackProperties.class)
    static class Settings {
    }

    /** The shipped defaults (application.yaml), Slack off: the bounds hold whether or not Slack is used. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withInitializer(new ConfigDataApplicationContextInitializer());

    @Test
    void theDefaultsAreTenSecondsAndHalfASecond() {
        runner.run(context -> {
            SlackProperties slack = context.getBean(SlackProperties.class);
            assertThat(slack.apiTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(slack.apiRetryWait()).isEqualTo(Duration.ofMillis(500));
        });
    }

    @Test
    void aTimeoutOfZeroNegativeOrBeyondTenMinutesStopsTheStartNamingTheSetting() {
        for (String timeout : new String[] {"0s", "-1s", "11m", "9999999999d"}) {
            runner.withPropertyValues("foubot.slack.api-timeout=" + timeout).run(context -> {
                assertThat(context).as(timeout).hasFailed();
                assertThat(context.getStartupFailure()).as(timeout).rootCause().hasMessageContaining("apiTimeout");
            });
        }
    }

    @Test
    void aRetryWaitOfZeroNegativeOrBeyondAMinuteStopsTheStartNamingTheSetting() {
        for (String wait : new String[] {"0s", "-1s", "2m"}) {
            runner.withPropertyValues("foubot.slack.api-retry-wait=" + wait).run(context -> {
                assertThat(context).as(wait).hasFailed();
                assertThat(context.getStartupFailure()).as(wait).rootCause().hasMessageContaining("apiRetryWait");
            });
        }
    }
}

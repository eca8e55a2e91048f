package se.foubot.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import se.foubot.channels.email.MailProperties;
import se.foubot.channels.slack.SlackProperties;
import se.foubot.messaging.HttpProperties;

/**
 * A web address without its scheme or a sender domain written as "@stockholm.se" started without a word and failed
 * later, quietly: unsubscribe links that lead nowhere, Slack calls to nowhere, every sender refused. Each stops the
 * start now, naming the environment variable the operator set.
 */
class AddressSettingsTest {

    @EnableConfigurationProperties({HttpProperties.class, SlackProperties.class, MailProperties.class})
    static class Settings {
    }

    /** The shipped application.yaml, whose placeholders read the environment variables set below. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withInitializer(new ConfigDataApplicationContextInitializer());

    /** What FOUBOT_ALLOWED_SENDER_DOMAINS sets; the tests' own config/application.yaml sets it too, and would win. */
    private static final String DOMAINS = "foubot.mail.allowed-sender-domains";

    @Test
    void theShippedDefaultsStart() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void webAddressesWithSchemeHostPortAndPathStart() {
        runner.withPropertyValues("FOUBOT_PUBLIC_URL=https://fou.stockholm.se/bot/", "SLACK_API_URL=http://127.0.0.1:19610/api")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(HttpProperties.class).link("/x")).isEqualTo("https://fou.stockholm.se/bot/x");
                });
    }

    @Test
    void aPublicUrlThatIsNoWebAddressStopsTheStartNamingIt() {
        for (String wrong : new String[] {"fou.stockholm.se", "https://fou.stockholm.se/ bot", "ftp://fou.stockholm.se",
                "https://", "https://fou.stockholm.se/?a=1"}) {
            runner.withPropertyValues("FOUBOT_PUBLIC_URL=" + wrong).run(context -> {
                assertThat(context).as(wrong).hasFailed();
                assertThat(context.getStartupFailure()).as(wrong).rootCause().hasMessageContaining("FOUBOT_PUBLIC_URL");
            });
        }
    }

    @Test
    void aSlackApiUrlThatIsNoWebAddressStopsTheStartNamingIt() {
        runner.withPropertyValues("SLACK_API_URL=slack.com/api/").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("SLACK_API_URL");
        });
    }

    @Test
    void senderDomainsAreReadWithoutCaseOrSpacesIncludingSwedishLetters() {
        runner.withPropertyValues(DOMAINS + "= Stockholm.SE , malmö.se,xn--malm-yqa.se").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MailProperties.class).allowedSenderDomains())
                    .containsExactly("stockholm.se", "malmö.se", "xn--malm-yqa.se");
        });
    }

    @Test
    void aSenderDomainWrittenAsAnAddressOrPatternStopsTheStartNamingIt() {
        for (String wrong : new String[] {"@stockholm.se", "*.stockholm.se", "stockholm.se.", "stockholm se", "fou@stockholm.se",
                "-stockholm.se"}) {
            runner.withPropertyValues(DOMAINS + "=" + wrong).run(context -> {
                assertThat(context).as(wrong).hasFailed();
                assertThat(context.getStartupFailure()).as(wrong).rootCause()
                        .hasMessageContaining("FOUBOT_ALLOWED_SENDER_DOMAINS");
            });
        }
    }
}

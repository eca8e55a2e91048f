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
        String[][] wrong = {{"fou.stockholm.se", "does not start with http:// or https://"},
                {"https://fou.stockholm.se/ bot", "holds a space"}, {"ftp://fou.stockholm.se", "does not start with http"},
                {"https://", "cannot be read"}, {"https://fou.stockholm.se/?a=1", "has a query"},
                {"https://fou.stockholm.se/#top", "has a fragment"}, {"https://fou.stockholm.se:99999/", "names a port that is not 1 to 65535"},
                {"https://fou.stockholm.se:0/", "names a port that is not 1 to 65535"},
                {"https://op:hemligt@fou.stockholm.se/", "user name or password"}, {"", "is empty"}};
        for (String[] w : wrong) {
            runner.withPropertyValues("FOUBOT_PUBLIC_URL=" + w[0]).run(context -> {
                assertThat(context).as(w[0]).hasFailed();
                assertThat(context.getStartupFailure()).as(w[0]).rootCause().isInstanceOf(SettingProblem.class)
                        .hasMessageStartingWith("FOUBOT_PUBLIC_URL is not a web address: it ").hasMessageContaining(w[1])
                        .hasMessageNotContaining("hemligt");
            });
        }
    }

    @Test
    void aSlackApiUrlThatIsNoWebAddressStopsTheStartNamingIt() {
        runner.withPropertyValues("SLACK_API_URL=https://slack.com/api/?token=xoxb-hemlig").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(SettingProblem.class)
                    .hasMessageStartingWith("SLACK_API_URL is not a web address: it has a query").hasMessageNotContaining("hemlig");
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
                "-stockholm.se", "stockholm.se\nevent=forged"}) {
            runner.withPropertyValues(DOMAINS + "=edu.stockholm.se," + wrong).run(context -> {
                assertThat(context).as(wrong).hasFailed();
                assertThat(context.getStartupFailure()).as(wrong).rootCause().isInstanceOf(SettingProblem.class)
                        .hasMessage("FOUBOT_ALLOWED_SENDER_DOMAINS lists something that is no domain (entry 2 of 2).");
            });
        }
    }
}

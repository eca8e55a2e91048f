package se.foubot.channels.slack;

import java.time.Clock;

import jakarta.servlet.DispatcherType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;

import se.foubot.privacy.OutsideTextGuard;

/** Bolt and the Slack Web API client, when a bot token is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSlack
class SlackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SlackConfiguration.class);

    @Bean
    Slack slack(SlackProperties properties) {
        SlackConfig config = new SlackConfig();
        String url = properties.apiUrl().endsWith("/") ? properties.apiUrl() : properties.apiUrl() + "/";
        config.setMethodsEndpointUrlPrefix(url);
        config.setPrettyResponseLoggingEnabled(false);
        // the SDK's own call statistics: nothing here reads them (the pace is ChannelPacer's), and every call paid for them
        config.setStatsEnabled(false);
        int timeout = Math.toIntExact(properties.apiTimeout().toMillis());
        config.setHttpClientReadTimeoutMillis(timeout);
        config.setHttpClientWriteTimeoutMillis(timeout);
        return Slack.getInstance(config);
    }

    @Bean
    App slackApp(Slack slack, SlackProperties properties, SlackIdentity identity) {
        AppConfig.AppConfigBuilder config = AppConfig.builder().slack(slack).singleTeamBotToken(properties.botToken());
        if (properties.httpEnabled()) {
            config.signingSecret(properties.signingSecret());
        }
        // SlackRawBodyFilter checks the signature over the raw bytes before Bolt parses (and may log) anything;
        // Bolt's own check would come after its parser and accepts timestamps from the future
        config.requestVerificationEnabled(false);
        if (properties.staffUsers().isEmpty()) {
            log.warn("event=slack_no_staff hint=\"FOUBOT_STAFF_USERS is empty: nobody can claim or change tasks\"");
        }
        log.info("event=slack_enabled http={} socket_mode={} api={} staff_channel={}", properties.httpEnabled(),
                properties.socketModeEnabled(), properties.apiUrl(), properties.staffChannel());
        // Bolt's own authorization asks Slack (auth.test) on the request thread, on the first request and every 10
        // minutes after; the same steps with the answer kept up to date in the background (SlackIdentity)
        AppConfig built = config.build();
        return new App(built, identity.middlewares(built)).asOAuthApp(false);
    }

    @Bean
    SlackApi slackApi(Slack slack, SlackProperties properties, OutsideTextGuard guard, Clock clock) {
        MethodsClient methods = slack.methods(properties.botToken());
        return new SlackApi(methods, new SlackWebForms(methods, properties.botToken(), slack.getConfig()), Thread::sleep,
                properties.apiRetryWait(),
                new ChannelPacer(properties.channelMessagesPerSecond(), properties.channelBurst(), TimeMeter.SYSTEM_NANOTIME),
                new SlackRateLimits(clock), guard);
    }

    /** Reads, verifies and answers {@code POST /slack/events} before any other filter or Spring can touch the body. */
    @Bean
    FilterRegistrationBean<SlackRawBodyFilter> slackRawBodyFilter(SlackProperties properties, Clock clock, App app, DoorMark door,
            SlackIdentity identity, MeterRegistry meters, @Value("${server.error.path:/error}") String errorPath) {
        FilterRegistrationBean<SlackRawBodyFilter> registration = new FilterRegistrationBean<>(
                new SlackRawBodyFilter(properties, clock, new SlackEventsEndpoint(app, door, identity, clock), meters));
        registration.addUrlPatterns("/slack/events", errorPath);
        // the error page's dispatch for a request the filter refused comes back to it (see shouldNotFilterErrorDispatch)
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Work after the ack: a fixed pool sized to the machine, a bounded queue; the thread that acks never does the work. */
    @Bean(destroyMethod = "shutdown")
    SlackWorkers slackWorkers(SlackProperties properties, MeterRegistry meters) {
        return new SlackWorkers(SlackWorkers.threadsFor(properties.workers()), properties.workQueue(), meters);
    }
}

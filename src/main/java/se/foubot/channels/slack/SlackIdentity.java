package se.foubot.channels.slack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.slack.api.Slack;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.IgnoringSelfEvents;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;

/**
 * Who the bot is in its workspace ({@code auth.test}), asked in the background at start-up and every few minutes.
 * Bolt's own authorization step asks Slack on the thread answering the request — on the first request and again
 * whenever its answer is ten minutes old — so an ack could wait on Slack; here that step takes the answer known. Only
 * before Slack has answered once does a request ask, as Bolt would.
 */
@Component
@ConditionalOnSlack
class SlackIdentity {

    private static final Logger log = LoggerFactory.getLogger(SlackIdentity.class);

    private final MethodsClient client;
    private volatile AuthTestResponse known;
    private volatile boolean failing;

    SlackIdentity(Slack slack, SlackProperties properties) {
        this.client = slack.methods(properties.botToken());
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "PT5M")
    void refresh() {
        try {
            AuthTestResponse answer = client.authTest(r -> r);
            if (answer.isOk()) {
                known = answer;
                failing = false;
                return;
            }
            logOnce(answer.getError());
        } catch (IOException | SlackApiException | RuntimeException e) {
            logOnce(e.getClass().getSimpleName());
        }
    }

    /** Who Slack said the bot is; empty before it has answered once. */
    java.util.Optional<AuthTestResponse> known() {
        return java.util.Optional.ofNullable(known);
    }

    private void logOnce(String why) {
        if (!failing) {
            failing = true;
            log.warn("event=slack_auth_test_failed reason={}", why);
        }
    }

    /** Bolt's default steps (SSL check, single-team authorization, ignoring its own events), with this identity. */
    List<Middleware> middlewares(AppConfig config) {
        List<Middleware> steps = new ArrayList<>();
        if (config.isSslCheckEnabled()) {
            steps.add(new SSLCheck(config.getVerificationToken()));
        }
        steps.add(new SingleTeamAuthorization(config, null, null) {
            @Override
            protected AuthTestResponse callAuthTest(String token, AppConfig appConfig, MethodsClient methods)
                    throws IOException, SlackApiException {
                AuthTestResponse answer = known;
                return answer != null ? answer : super.callAuthTest(token, appConfig, methods);
            }
        });
        if (config.isIgnoringSelfEventsEnabled()) {
            steps.add(new IgnoringSelfEvents(config.getSlack().getConfig(), config.isIgnoringSelfAssistantMessageEventsEnabled()) {
                /**
                 * Bolt asks Slack ({@code bots.info}) whose a post without a user is, on the thread that acks; an answer
                 * without the bot (another integration's post, a proxy's page) made it throw, and the event got a 400
                 * that Slack retries. Every post with a bot_id is dropped after this step anyway
                 * ({@link IgnoreWhatNeedsNoAnswer}), so nobody is asked.
                 */
                @Override
                public String findAndSaveBotUserId(MethodsClient client, String botId) {
                    return null;
                }
            });
        }
        return steps;
    }
}

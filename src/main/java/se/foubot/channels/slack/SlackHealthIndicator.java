package se.foubot.channels.slack;

import java.time.ZoneId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Slack's part of {@code /actuator/health}: which modes are on and whether the Web API answered the last
 * call. Slack being away does not make the bot DOWN (it keeps taking email and retries Slack work later).
 */
@Component("slackHealthIndicator")
class SlackHealthIndicator extends AbstractHealthIndicator {

    private final SlackProperties properties;
    private final ObjectProvider<SlackApi> api;
    private final ObjectProvider<SlackSocketMode> socketMode;
    private final ZoneId zone;

    SlackHealthIndicator(SlackProperties properties, ObjectProvider<SlackApi> api, ObjectProvider<SlackSocketMode> socketMode,
            ZoneId zone) {
        super("Slack health check failed");
        this.properties = properties;
        this.api = api;
        this.socketMode = socketMode;
        this.zone = zone;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        if (!properties.enabled()) {
            builder.withDetail("slack", "disabled (set SLACK_BOT_TOKEN)");
            return;
        }
        builder.withDetail("http", properties.httpEnabled()).withDetail("socketMode", properties.socketModeEnabled())
                .withDetail("staffChannel", SlackProperties.has(properties.staffChannel()))
                .withDetail("staffUsers", properties.staffUsers().size());
        // a socket that is down shows here, never as DOWN: the bot is still useful (HTTP, mail) and readiness ignores it
        socketMode.ifAvailable(s -> {
            SlackSocketMode.Status status = s.status();
            builder.withDetail("socketModeConnected", status.connected());
            if (!status.connected() && status.disconnectedSince() != null) {
                builder.withDetail("socketModeDisconnectedSince", status.disconnectedSince().atZone(zone).toOffsetDateTime().toString());
            }
            if (!status.connected() && status.lastError() != null) {
                builder.withDetail("socketModeLastError", status.lastError());
            }
            builder.withDetail("socketModeReconnects", (long) status.reconnects());
        });
        api.ifAvailable(a -> builder.withDetail("lastWebApiCall", a.lastCallSucceeded() ? "ok" : "failed"));
    }
}

package se.foubot.channels.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says once, at start, that the bot runs without Slack and how to turn it on. */
@Component
class SlackStartupReport {

    private static final Logger log = LoggerFactory.getLogger(SlackStartupReport.class);

    private final SlackProperties properties;

    SlackStartupReport(SlackProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        if (!properties.enabled()) {
            log.info("event=slack_disabled hint=\"set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN "
                    + "(Socket Mode) to talk to Slack\"");
        } else if (!properties.httpEnabled() && !properties.socketModeEnabled()) {
            log.warn("event=slack_no_inbound hint=\"SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET nor "
                    + "SLACK_APP_TOKEN: the bot can post but receives nothing\"");
        }
    }
}

package se.foubot.grants;

import java.time.LocalTime;
import java.time.Period;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Grant reminders.
 *
 * @param reminderOffsets {@code FOUBOT_GRANT_REMINDER_OFFSETS}: how long before each deadline, ISO-8601 periods
 * @param sendTime        {@code FOUBOT_GRANT_REMINDER_TIME}: local time of day the reminders go out
 * @param slackChannel    {@code FOUBOT_GRANTS_SLACK_CHANNEL}: a channel id where each reminder is also posted
 */
@Validated
@ConfigurationProperties("foubot.grants")
public record GrantsProperties(@NotEmpty List<Period> reminderOffsets, @NotNull LocalTime sendTime, String slackChannel) {

    public boolean postsToSlack() {
        return slackChannel != null && !slackChannel.isBlank();
    }
}

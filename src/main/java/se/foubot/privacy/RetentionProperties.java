package se.foubot.privacy;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Gallring: how long each kind of data is kept.
 *
 * @param conversations {@code FOUBOT_RETENTION_CONVERSATIONS}: a conversation untouched this long is deleted
 * @param closedTasks   {@code FOUBOT_RETENTION_CLOSED_TASKS}: a task closed this long ago is anonymised (free text,
 *                      requester and history text removed; district, category, status and times stay for statistics)
 * @param mailText      {@code FOUBOT_RETENTION_MAIL_TEXT}: stored mail older than this loses its text
 * @param audit         {@code FOUBOT_RETENTION_AUDIT}: audit-log lines older than this are deleted
 * @param interval      how often the retention job runs
 */
@Validated
@ConfigurationProperties("foubot.retention")
public record RetentionProperties(@NotNull Duration conversations, @NotNull Duration closedTasks, @NotNull Duration mailText,
        @NotNull Duration audit, @NotNull Duration interval) {
}

package se.foubot.privacy;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Gallring: how long each kind of data is kept. Each feature's retention rules ({@link RetainedData}) say what these
 * periods mean for its collections.
 *
 * @param conversations       {@code FOUBOT_RETENTION_CONVERSATIONS}: a conversation untouched this long is deleted
 * @param closedTasks         {@code FOUBOT_RETENTION_CLOSED_TASKS}: a task closed this long ago is anonymised (free text,
 *                            requester and history removed; district, category, status and times stay for statistics)
 * @param mailText            {@code FOUBOT_RETENTION_MAIL_TEXT}: received mail (inbox, quarantine, email requests) and
 *                            the record of sent mail are deleted after this
 * @param sentMessages        {@code FOUBOT_RETENTION_SENT_MESSAGES}: sent mail loses its text, and sent Slack messages
 *                            are deleted, this long after sending
 * @param forumRegistrations  {@code FOUBOT_RETENTION_FORUM}: a FoU-forum meeting and its registrations (names,
 *                            addresses, agenda proposals) are deleted this long after the meeting
 * @param inactiveSubscribers {@code FOUBOT_RETENTION_INACTIVE_SUBSCRIBERS}: a grant-reminder subscriber who stopped is
 *                            deleted this long after stopping ({@code 0d}: at the next run; the other periods are at least an
 *                            hour, since below that they are a typo rather than a wish)
 * @param audit               {@code FOUBOT_RETENTION_AUDIT}: audit-log lines older than this are deleted
 * @param deadLetters         {@code FOUBOT_RETENTION_DEAD_LETTERS}: a dead letter is deleted this long after its last
 *                            failure
 * @param interval            how often the retention job runs
 * @param firstRun            {@code FOUBOT_RETENTION_FIRST_RUN}: how soon after start-up it runs first (a bot restarted
 *                            often still deletes on time)
 */
@Validated
@ConfigurationProperties("foubot.retention")
public record RetentionProperties(@NotNull @DurationMin(hours = 1) Duration conversations, @NotNull @DurationMin(hours = 1) Duration closedTasks, @NotNull @DurationMin(hours = 1) Duration mailText,
        @NotNull @DurationMin(hours = 1) Duration sentMessages, @NotNull @DurationMin(hours = 1) Duration forumRegistrations, @NotNull @DurationMin(millis = 0) Duration inactiveSubscribers,
        @NotNull @DurationMin(hours = 1) Duration audit, @NotNull @DurationMin(hours = 1) Duration deadLetters, @NotNull @DurationMin(minutes = 1) Duration interval,
        @NotNull @DurationMin(millis = 0) Duration firstRun) {
}

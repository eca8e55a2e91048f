package se.foubot.forum;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * FoU-forum.
 *
 * @param reminderOffsets {@code FOUBOT_FORUM_REMINDERS}: how long before a meeting registered people are reminded
 *                        (and the coordinator gets the count and the agenda proposals)
 * @param organizer       the ORGANIZER of the calendar invites: the bot's mail address ({@code FOUBOT_MAIL_FROM})
 * @param announceChannel {@code FOUBOT_FORUM_ANNOUNCE_CHANNEL}: the Slack channel id where a newly planned meeting is
 *                        announced (once); empty: no channel announcement (people who asked for forum news still hear)
 */
@Validated
@ConfigurationProperties("foubot.forum")
public record ForumProperties(@NotEmpty List<Duration> reminderOffsets, @jakarta.validation.constraints.NotBlank String organizer,
        @jakarta.validation.constraints.Pattern(regexp = "|#?[A-Za-z0-9][A-Za-z0-9._-]{1,79}",
                message = "must be a Slack channel id such as C0123ABCD")
        String announceChannel) {
}

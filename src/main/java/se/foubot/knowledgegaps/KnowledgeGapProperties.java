package se.foubot.knowledgegaps;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The yearly knowledge-gap inventory.
 *
 * @param reminderWorkingDays {@code FOUBOT_KNOWLEDGE_GAP_REMINDER_DAYS}: how many working days before a round's
 *                            deadline the districts that have sent nothing are reminded (once per number)
 * @param reminderTime        {@code FOUBOT_KNOWLEDGE_GAP_REMINDER_TIME}: the local time those reminders go out
 * @param groupingSimilarity  how alike (0–1, the cosine of the analysed words) two entries from different districts
 *                            must be to be proposed as one group
 * @param slackChannel        {@code FOUBOT_KNOWLEDGE_GAP_CHANNEL}: where the proposed groups are posted for the analysts
 *                            to confirm, split and decide; empty: the staff channel
 * @param retention           {@code FOUBOT_RETENTION_KNOWLEDGE_GAPS}: an entry loses its text and sender this long after
 *                            it was last changed (theme, district, perspective, level and decision stay for the figures)
 */
@Validated
@ConfigurationProperties("foubot.knowledge-gaps")
public record KnowledgeGapProperties(@NotEmpty List<Integer> reminderWorkingDays, @NotNull LocalTime reminderTime,
        @DecimalMin("0.05") @DecimalMax("1.0") double groupingSimilarity, String slackChannel, @NotNull @DurationMin(hours = 1) Duration retention) {

    public KnowledgeGapProperties {
        slackChannel = slackChannel == null ? "" : slackChannel.strip();
    }
}

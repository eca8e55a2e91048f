package se.foubot.tasks;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How many new tasks one sender may start.
 *
 * @param newPerSender {@code FOUBOT_NEW_TASKS_PER_SENDER}: new tasks one sender may start per channel in {@code window}
 * @param window       the sliding window the limit counts in
 */
@Validated
@ConfigurationProperties("foubot.tasks.limit")
public record TaskLimitProperties(@Min(1) int newPerSender, @NotNull @DurationMin(millis = 1) Duration window) {
}

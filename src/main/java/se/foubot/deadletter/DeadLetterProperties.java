package se.foubot.deadletter;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Bounded retries.
 *
 * @param maxAttempts {@code FOUBOT_DEAD_LETTER_MAX_ATTEMPTS}: attempts at one piece of work (a mail, a Slack
 *                    event, one item of a job) before it is parked as a dead letter
 * @param retryDelay  pause before the next attempt of work retried in the same run (a Slack event); work that
 *                    comes round again by itself (a mail, a job) is retried on its next round
 */
@Validated
@ConfigurationProperties("foubot.dead-letters")
public record DeadLetterProperties(@Min(1) int maxAttempts, @NotNull @DurationMin(millis = 1) Duration retryDelay) {
}

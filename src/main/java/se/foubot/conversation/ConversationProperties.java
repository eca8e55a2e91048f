package se.foubot.conversation;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The conversation engine's settings.
 *
 * @param flowsDir      directory of the flow files ({@code FOUBOT_FLOWS_DIR}); blank: ./conversation-flows when it
 *                      exists, otherwise the flows packaged in the jar
 * @param idleTimeout   a conversation idle for longer expires; the person is told when they come back
 * @param turnAttempts  how often one message is retried when another message of the same person won the race
 */
@Validated
@ConfigurationProperties("foubot.conversation")
public record ConversationProperties(
        String flowsDir,
        @NotNull @DurationMin(millis = 1) Duration idleTimeout,
        @Min(1) @Max(1000) int turnAttempts) {
}

package se.foubot.scheduling;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How far ahead reminders are planned into Quartz, and how often the plan is rebuilt from MongoDB.
 *
 * @param enabled         false in the command-line modes: nothing runs on its own ({@link ConditionalOnBackgroundWork})
 * @param horizon         due instants this far ahead become triggers
 * @param replanInterval  the plan is rebuilt (and due reminders sent) this often, as a safety net
 */
@Validated
@ConfigurationProperties("foubot.scheduling")
public record SchedulingProperties(boolean enabled, @NotNull @DurationMin(millis = 1) Duration horizon, @NotNull @DurationMin(millis = 1) Duration replanInterval) {
}

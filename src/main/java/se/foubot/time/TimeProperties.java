package se.foubot.time;

import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param zone the time zone of every date people see ({@code FOUBOT_ZONE}); inside, times are instants */
@Validated
@ConfigurationProperties("foubot.time")
public record TimeProperties(@NotNull ZoneId zone) {
}

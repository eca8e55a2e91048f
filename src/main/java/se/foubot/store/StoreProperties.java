package se.foubot.store;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the bot keeps its state.
 *
 * @param mongodbUri       a MongoDB connection string ({@code FOUBOT_MONGODB_URI}); blank starts the embedded store
 * @param dataDir          where the embedded store keeps its file ({@code FOUBOT_DATA_DIR})
 * @param database         database name used when the URI names none
 * @param embeddedPort     loopback port of the embedded store; 0 picks a free one
 * @param retryInterval    how often an unreachable MongoDB is tried again at start-up
 * @param connectTimeout   how long one attempt to reach MongoDB may take before it counts as down
 */
@Validated
@ConfigurationProperties("foubot.store")
public record StoreProperties(
        String mongodbUri,
        @NotNull Path dataDir,
        @NotBlank String database,
        @PositiveOrZero @Max(65535) int embeddedPort,
        @NotNull @DurationMin(millis = 1) Duration retryInterval,
        @NotNull @DurationMin(millis = 1) Duration connectTimeout) {

    public boolean embedded() {
        return mongodbUri == null || mongodbUri.isBlank();
    }
}

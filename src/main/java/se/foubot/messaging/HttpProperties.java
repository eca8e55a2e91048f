package se.foubot.messaging;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bot's own web address as people reach it.
 *
 * @param publicUrl {@code FOUBOT_PUBLIC_URL}: the base of links the bot puts in mail (one-click unsubscribe)
 */
@Validated
@ConfigurationProperties("foubot.http")
public record HttpProperties(@NotBlank String publicUrl) {

    /** {@code path} (starting with /) under the public URL. */
    public String link(String path) {
        return (publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl) + path;
    }
}

package se.foubot.messaging;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bot's own web address as people reach it.
 *
 * @param publicUrl {@code FOUBOT_PUBLIC_URL}: the base of links the bot puts in mail (one-click unsubscribe)
 */
@Validated
@ConfigurationProperties("foubot.http")
public record HttpProperties(
        // a link made from anything else (a host without http://, a stray space) leads nowhere, and no test would notice
        @NotBlank @Pattern(regexp = WEB_ADDRESS, message = "FOUBOT_PUBLIC_URL must be a web address such as https://fou.example.se")
        String publicUrl) {

    /** http:// or https://, a host (and port), perhaps a path; no spaces, query or fragment. */
    public static final String WEB_ADDRESS = "(?i)https?://[^\\s/?#@]+(/[^\\s?#]*)?";

    /** {@code path} (starting with /) under the public URL. */
    public String link(String path) {
        return (publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl) + path;
    }
}

package se.foubot.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

import se.foubot.settings.WebAddress;

/**
 * The bot's own web address as people reach it.
 *
 * @param publicUrl {@code FOUBOT_PUBLIC_URL}: the base of links the bot puts in mail (one-click unsubscribe)
 */
@ConfigurationProperties("foubot.http")
public record HttpProperties(String publicUrl) {

    public HttpProperties {
        // a link made from anything else (a host without http://, a stray space) leads nowhere, and no test would notice
        WebAddress.require("FOUBOT_PUBLIC_URL", publicUrl, "https://fou.stad.se");
    }

    /** {@code path} (starting with /) under the public URL. */
    public String link(String path) {
        return (publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl) + path;
    }
}

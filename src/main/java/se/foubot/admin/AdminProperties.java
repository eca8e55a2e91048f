package se.foubot.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param token {@code FOUBOT_ADMIN_TOKEN}, the bearer token of the admin API; blank: the API is off (404) */
@ConfigurationProperties("foubot.admin")
public record AdminProperties(String token) {

    boolean enabled() {
        return token != null && !token.isBlank();
    }
}

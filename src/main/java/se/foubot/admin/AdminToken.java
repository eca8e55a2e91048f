package se.foubot.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/** The admin bearer token ({@code FOUBOT_ADMIN_TOKEN}): whether one is set, and whether a request carries it (compared in constant time). */
@Component
class AdminToken {

    private final AdminProperties properties;

    AdminToken(AdminProperties properties) {
        this.properties = properties;
    }

    boolean enabled() {
        return properties.enabled();
    }

    boolean presentIn(HttpServletRequest request) {
        if (!enabled()) {
            return false;
        }
        String header = request.getHeader("Authorization");
        // RFC 7235 section 2.1: the scheme is case-insensitive ("bearer", "BEARER"); one or more spaces follow it
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : "";
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), properties.token().getBytes(StandardCharsets.UTF_8));
    }
}

package se.foubot.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The staff web: who may sign in with which role, and how.
 *
 * @param coordinators {@code FOUBOT_WEB_COORDINATORS}: Slack user ids or e-mail addresses of the FoU coordinators
 *                     (figures, exports, attendee lists)
 * @param analysts     {@code FOUBOT_WEB_ANALYSTS}: Slack user ids or e-mail addresses of the analysts (figures and the
 *                     text of open requests)
 * @param linkValidity how long a single-use sign-in link works
 * @param oidc         the city's identity provider; when its issuer is set, sign-in goes there and links are off
 */
@Validated
@ConfigurationProperties("foubot.web")
public record WebProperties(List<String> coordinators, List<String> analysts, @NotNull @DurationMin(millis = 1) Duration linkValidity,
        @Valid @NotNull Oidc oidc) {

    /**
     * OpenID Connect (Microsoft Entra ID, Keycloak, "Sign in with Slack").
     *
     * @param issuer          {@code FOUBOT_OIDC_ISSUER}, e.g. https://login.microsoftonline.com/{tenant}/v2.0
     * @param clientId        {@code FOUBOT_OIDC_CLIENT_ID}
     * @param clientSecret    {@code FOUBOT_OIDC_CLIENT_SECRET}
     * @param name            {@code FOUBOT_OIDC_NAME}: what the sign-in button calls the provider
     * @param scopes          scopes asked for
     * @param groupsClaim     {@code FOUBOT_OIDC_GROUPS_CLAIM}: the claim listing the person's groups
     * @param coordinatorGroup {@code FOUBOT_OIDC_COORDINATOR_GROUP}: members are coordinators
     * @param analystGroup    {@code FOUBOT_OIDC_ANALYST_GROUP}: members are analysts
     */
    public record Oidc(String issuer, String clientId, String clientSecret, @NotBlank String name, List<String> scopes,
            @NotBlank String groupsClaim, String coordinatorGroup, String analystGroup) {

        public Oidc {
            scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : List.copyOf(scopes);
        }

        public boolean enabled() {
            return issuer != null && !issuer.isBlank();
        }
    }

    public WebProperties {
        coordinators = clean(coordinators);
        analysts = clean(analysts);
        if (oidc != null && oidc.enabled() && (oidc.clientId() == null || oidc.clientId().isBlank())) {
            throw new IllegalArgumentException("FOUBOT_OIDC_ISSUER is set: set FOUBOT_OIDC_CLIENT_ID (and FOUBOT_OIDC_CLIENT_SECRET) too");
        }
    }

    /** Ids and addresses compare without case and surrounding space. */
    static String key(String identifier) {
        return identifier == null ? "" : identifier.strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> clean(List<String> ids) {
        return ids == null ? List.of() : ids.stream().map(WebProperties::key).filter(s -> !s.isEmpty()).distinct().toList();
    }
}

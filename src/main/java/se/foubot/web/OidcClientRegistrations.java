package se.foubot.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

import se.foubot.privacy.LogText;

/**
 * The identity provider as one client registration ("idp"), read from its discovery document on the first sign-in
 * rather than at start-up, so the bot starts (and serves Slack, mail and the admin API) while the provider is away.
 * A failed read is tried again at the next sign-in.
 */
final class OidcClientRegistrations implements ClientRegistrationRepository {

    static final String ID = "idp";
    private static final Logger log = LoggerFactory.getLogger(OidcClientRegistrations.class);

    private final WebProperties.Oidc oidc;
    private volatile ClientRegistration registration;

    OidcClientRegistrations(WebProperties.Oidc oidc) {
        this.oidc = oidc;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        if (!ID.equals(registrationId)) {
            return null;
        }
        ClientRegistration r = registration;
        if (r == null) {
            synchronized (this) {
                if (registration == null) {
                    try {
                        registration = ClientRegistrations.fromIssuerLocation(oidc.issuer()).registrationId(ID)
                                .clientId(oidc.clientId()).clientSecret(oidc.clientSecret()).scope(oidc.scopes())
                                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").clientName(oidc.name()).build();
                        log.info("event=oidc_provider_read issuer={}", oidc.issuer());
                    } catch (RuntimeException e) {
                        log.warn("event=oidc_provider_unreachable issuer={} reason=\"{}\"", oidc.issuer(), LogText.clean(e.getMessage()));
                        throw e;
                    }
                }
                r = registration;
            }
        }
        return r;
    }
}

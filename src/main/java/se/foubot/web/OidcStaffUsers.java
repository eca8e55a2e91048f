package se.foubot.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A person signed in at the identity provider, with their staff roles: from the configured Slack user ids and
 * addresses (matched against the e-mail, user name and Slack user id claims) or from the groups claim.
 */
final class OidcStaffUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** Claims that may carry an id or address the configuration names (Entra ID, Keycloak, Slack). */
    private static final List<String> IDENTIFIER_CLAIMS = List.of("email", "preferred_username", "upn",
            "https://slack.com/user_id", "sub");
    private static final Logger log = LoggerFactory.getLogger(OidcStaffUsers.class);

    private final OidcUserService delegate = new OidcUserService();
    private final StaffRoles roles;
    private final String groupsClaim;

    OidcStaffUsers(StaffRoles roles, String groupsClaim) {
        this.roles = roles;
        this.groupsClaim = groupsClaim;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = delegate.loadUser(request);
        Set<StaffRole> staff = roles.of(identifiers(user), groups(user, groupsClaim));
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        staff.forEach(r -> authorities.add(r.authority()));
        log.info("event=web_signed_in mode=oidc roles={}", staff);
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo());
    }

    /** The ids and addresses the person's claims carry, which the configuration may name. */
    static List<String> identifiers(OidcUser user) {
        List<String> identifiers = new ArrayList<>();
        for (String claim : IDENTIFIER_CLAIMS) {
            Object value = user.getClaims().get(claim);
            if (value instanceof String s) {
                identifiers.add(s);
            }
        }
        return identifiers;
    }

    /** The groups the person's claims name, as the provider sent them at sign-in. */
    static List<String> groups(OidcUser user, String groupsClaim) {
        return strings(user.getClaims().get(groupsClaim));
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim instanceof String s ? List.of(s) : List.of();
    }
}

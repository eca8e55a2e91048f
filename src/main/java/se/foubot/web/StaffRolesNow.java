package se.foubot.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in person's roles as the configuration gives them now, on every request: a session outlives its sign-in
 * (it is kept in the store, survives restarts and slides with each request), so roles written into it at sign-in kept
 * a coordinator taken off the list a coordinator for as long as they kept using the web (helper 121). Roles that
 * changed are changed in the session; someone who is no longer staff is signed out.
 */
final class StaffRolesNow extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(StaffRolesNow.class);

    private final StaffRoles roles;
    private final String groupsClaim;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    StaffRolesNow(StaffRoles roles, String groupsClaim) {
        this.roles = roles;
        this.groupsClaim = groupsClaim;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        Set<StaffRole> now = signedIn == null ? null : rolesNow(signedIn);
        if (now != null && !now.equals(StaffUser.of(signedIn).roles())) {
            log.info("event=web_session_roles_changed roles_before={} roles_now={}", StaffUser.of(signedIn).roles(), now);
            if (now.isEmpty()) {
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                SecurityContextHolder.clearContext();
            } else {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(withRoles(signedIn, now));
                SecurityContextHolder.setContext(context);
                contexts.saveContext(context, request, response);
            }
        }
        chain.doFilter(request, response);
    }

    /** The roles the configuration gives the person now; null for a sign-in this filter does not know. */
    private Set<StaffRole> rolesNow(Authentication signedIn) {
        if (signedIn.getPrincipal() instanceof StaffPrincipal link) {
            return roles.of(List.of(link.identifier()), List.of());
        }
        if (signedIn.getPrincipal() instanceof OidcUser user) {
            return roles.of(OidcStaffUsers.identifiers(user), OidcStaffUsers.groups(user, groupsClaim));
        }
        return null;
    }

    private static Authentication withRoles(Authentication signedIn, Set<StaffRole> now) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        Set<String> staff = EnumSet.allOf(StaffRole.class).stream().map(r -> r.authority().getAuthority())
                .collect(java.util.stream.Collectors.toSet());
        // what the sign-in gave besides the staff roles (the provider's scopes) stays as it was
        signedIn.getAuthorities().stream().filter(a -> !staff.contains(a.getAuthority())).forEach(authorities::add);
        now.forEach(r -> authorities.add(r.authority()));
        if (signedIn instanceof OAuth2AuthenticationToken oidc && oidc.getPrincipal() instanceof OidcUser user) {
            return new OAuth2AuthenticationToken(new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo()),
                    authorities, oidc.getAuthorizedClientRegistrationId());
        }
        return UsernamePasswordAuthenticationToken.authenticated(signedIn.getPrincipal(), null, authorities);
    }
}

package se.foubot.web;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The signed-in person as the pages see them: a name to show and their roles. */
public record StaffUser(String name, Set<StaffRole> roles) {

    public boolean coordinator() {
        return roles.contains(StaffRole.COORDINATOR);
    }

    /** Analysts see the text of the requests; nobody else does. */
    public boolean seesRequestText() {
        return roles.contains(StaffRole.ANALYST);
    }

    static StaffUser of(Authentication authentication) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (GrantedAuthority a : authentication.getAuthorities()) {
            for (StaffRole r : StaffRole.values()) {
                if (r.authority().getAuthority().equals(a.getAuthority())) {
                    roles.add(r);
                }
            }
        }
        return new StaffUser(name(authentication.getPrincipal()), roles);
    }

    private static String name(Object principal) {
        if (principal instanceof OidcUser user) {
            return first(user.getFullName(), user.getEmail(), user.getPreferredUsername(), user.getSubject());
        }
        return String.valueOf(principal);
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return "";
    }
}

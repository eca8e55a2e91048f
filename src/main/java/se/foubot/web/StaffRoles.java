package se.foubot.web;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Who is a coordinator or an analyst: by Slack user id or e-mail address from configuration, or by membership of the
 * configured groups of the identity provider.
 */
@Component
class StaffRoles {

    private final WebProperties properties;

    StaffRoles(WebProperties properties) {
        this.properties = properties;
    }

    /** The roles of someone known by any of {@code identifiers} (ids, addresses) and a member of {@code groups}. */
    Set<StaffRole> of(Collection<String> identifiers, Collection<String> groups) {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        List<String> ids = identifiers.stream().map(WebProperties::key).filter(s -> !s.isEmpty()).toList();
        if (ids.stream().anyMatch(properties.coordinators()::contains) || member(groups, properties.oidc().coordinatorGroup())) {
            roles.add(StaffRole.COORDINATOR);
        }
        if (ids.stream().anyMatch(properties.analysts()::contains) || member(groups, properties.oidc().analystGroup())) {
            roles.add(StaffRole.ANALYST);
        }
        return roles;
    }

    /** Whether anyone at all may sign in with a link. */
    boolean anyConfigured() {
        return !properties.coordinators().isEmpty() || !properties.analysts().isEmpty();
    }

    private static boolean member(Collection<String> groups, String group) {
        return group != null && !group.isBlank() && groups.stream().anyMatch(g -> g.strip().equalsIgnoreCase(group.strip()));
    }
}

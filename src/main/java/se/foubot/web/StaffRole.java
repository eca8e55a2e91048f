package se.foubot.web;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a person may see in the staff web. */
public enum StaffRole {
    /** FoU coordinators: every figure and export, attendee lists and agenda proposals; no request text. */
    COORDINATOR,
    /** FoU analysts: every figure and the figures' exports, and the text of the requests they may take. */
    ANALYST;

    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }
}

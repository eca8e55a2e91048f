package se.foubot.channels.slack;

import org.springframework.stereotype.Component;

import se.foubot.messaging.Recipient;
import se.foubot.messaging.Roles;

/** Roles as Slack knows them: the staff list, and the forum coordinators (the staff when no coordinator is named). */
@Component
@ConditionalOnSlack
class SlackRoles implements Roles {

    private final StaffDirectory staff;
    private final SlackProperties properties;

    SlackRoles(StaffDirectory staff, SlackProperties properties) {
        this.staff = staff;
        this.properties = properties;
    }

    @Override
    public boolean has(Recipient person, Role role) {
        if (!Recipient.SLACK.equals(person.channel())) {
            return false;
        }
        return switch (role) {
            case EVERYONE -> true;
            case STAFF -> staff.isStaff(person.address());
            case COORDINATOR -> isCoordinator(person.address());
        };
    }

    /** The coordinators named in the settings; when none is named, the staff. */
    public boolean isCoordinator(String user) {
        return properties.forumCoordinators().isEmpty() ? staff.isStaff(user) : properties.forumCoordinators().contains(user);
    }
}

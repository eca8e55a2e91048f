package se.foubot.channels.slack;

import org.springframework.stereotype.Component;

/** Who may claim and change tasks: the Slack user ids in FOUBOT_STAFF_USERS. */
@Component
class StaffDirectory {

    private final SlackProperties properties;

    StaffDirectory(SlackProperties properties) {
        this.properties = properties;
    }

    boolean isStaff(String userId) {
        return userId != null && properties.staffUsers().contains(userId);
    }
}

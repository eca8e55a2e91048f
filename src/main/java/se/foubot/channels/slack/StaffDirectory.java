package se.foubot.channels.slack;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import se.foubot.privacy.LogText;

/**
 * Who may claim and change tasks: the Slack user ids in FOUBOT_STAFF_USERS, and the members of the user group
 * FOUBOT_STAFF_USERGROUP (asked from Slack, remembered for a while; the last known members stay valid while
 * Slack cannot be asked).
 */
@Component
public class StaffDirectory {

    private static final Logger log = LoggerFactory.getLogger(StaffDirectory.class);

    private final SlackProperties properties;
    private final ObjectProvider<SlackApi> api;
    private final Clock clock;
    private volatile List<String> groupMembers = List.of();
    private volatile Instant groupFetchedAt;

    StaffDirectory(SlackProperties properties, ObjectProvider<SlackApi> api, Clock clock) {
        this.properties = properties;
        this.api = api;
        this.clock = clock;
    }

    public boolean isStaff(String userId) {
        if (userId == null) {
            return false;
        }
        return properties.staffUsers().contains(userId) || groupMembers().contains(userId);
    }

    private List<String> groupMembers() {
        String group = properties.staffUsergroup();
        SlackApi slack = api.getIfAvailable();
        if (!SlackProperties.has(group) || slack == null) {
            return List.of();
        }
        Instant now = clock.instant();
        if (groupFetchedAt == null || groupFetchedAt.plus(properties.staffUsergroupRefresh()).isBefore(now)) {
            try {
                groupMembers = List.copyOf(slack.usergroupMembers(group));
                groupFetchedAt = now;
            } catch (SlackApi.SlackCallFailed e) {
                log.warn("event=staff_usergroup_unavailable usergroup={} known_members={} reason=\"{}\"", group,
                        groupMembers.size(), LogText.clean(e.getMessage()));
            }
        }
        return groupMembers;
    }
}

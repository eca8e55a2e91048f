package se.foubot.channels.slack;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import se.foubot.settings.WebAddress;

/**
 * Slack settings. Slack is off without a bot token; the HTTP endpoint needs the signing secret, Socket Mode
 * the app token.
 *
 * @param botToken              {@code SLACK_BOT_TOKEN} (xoxb-…)
 * @param signingSecret         {@code SLACK_SIGNING_SECRET}; enables {@code POST /slack/events}
 * @param appToken              {@code SLACK_APP_TOKEN} (xapp-…); enables Socket Mode
 * @param apiUrl                {@code SLACK_API_URL}, the Web API base URL
 * @param apiTimeout            how long a Web API call may wait for Slack's answer; a call not answered by then counts
 *                              as not known to have been taken (a post is then tried once more after a pause, not at once);
 *                              1 s to 10 min
 * @param apiRetryWait          the wait before a failed Web API call (5xx, network) is tried again; doubled each time;
 *                              1 ms to 1 min
 * @param staffChannel          {@code FOUBOT_STAFF_CHANNEL}, the channel id where tasks are posted
 * @param staffUsers            {@code FOUBOT_STAFF_USERS}, user ids allowed to claim and change tasks
 * @param staffUsergroup        {@code FOUBOT_STAFF_USERGROUP}, a user group (S…) whose members may too
 * @param staffUsergroupRefresh how long the user group's members are remembered before they are asked again
 * @param coordinator           {@code FOUBOT_COORDINATOR}, user id (U…) or user group id (S…) mentioned on escalation
 * @param escalationWorkingDays a task unclaimed this many working days is raised again
 * @param eventRetention        how long an event id is remembered to drop repeated deliveries
 * @param workers               threads doing the work after the ack ({@code FOUBOT_SLACK_WORKERS}); 0: one per core, at
 *                              least two
 * @param workQueue             acknowledged work that may wait for a worker; beyond it, recorded work waits in
 *                              {@code slack_inbox} and is taken up as workers free
 * @param channelMessagesPerSecond messages (posts and updates) per channel per second, on average
 * @param channelBurst          messages per channel that may go at once before the pace applies
 * @param outboxInterval        how often queued notices (reminders, waitlist news) are posted
 * @param forumCoordinators     {@code FOUBOT_FORUM_COORDINATORS}, user ids allowed to plan FoU-forum meetings
 *                              (empty: the staff)
 * @param maxRequestSize        the largest body {@code POST /slack/events} reads; larger gets 413 unread
 * @param socketCheckInterval   how often the Socket Mode connection is checked (a ping) while it is up
 * @param socketRetryMax        the longest wait between attempts to open a Socket Mode connection (1 s, 2 s, 4 s … up to this)
 * @param ackJournal            with the embedded store: the ack waits for a small journal file of its own, not for the
 *                              store's commit ({@code FOUBOT_SLACK_ACK_JOURNAL}, on)
 * @param workLease             how long a replica holds acknowledged Slack work (a message, a click) it is doing; when
 *                              it dies, another replica (or it, restarted) does the work once this has run out (the
 *                              bot renews it four times a lease while it holds the work)
 */
@Validated
@ConfigurationProperties("foubot.slack")
public record SlackProperties(
        String botToken,
        String signingSecret,
        String appToken,
        String apiUrl,
        // 0 would be no timeout at all (OkHttp), and a call to a Slack that never answers would hold its thread for good
        @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) Duration apiTimeout,
        @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 1) Duration apiRetryWait,
        String staffChannel,
        List<String> staffUsers,
        String staffUsergroup,
        @NotNull @DurationMin(millis = 1) Duration staffUsergroupRefresh,
        String coordinator,
        @Min(1) int escalationWorkingDays,
        @NotNull @DurationMin(millis = 1) Duration escalationCheckInterval,
        @NotNull @DurationMin(millis = 1) Duration eventRetention,
        @NotNull @DurationMin(millis = 1) Duration repostInterval,
        @Min(0) int workers,
        @Min(1) int workQueue,
        @Positive double channelMessagesPerSecond,
        @Min(1) int channelBurst,
        @NotNull @DurationMin(millis = 1) Duration outboxInterval,
        List<String> forumCoordinators,
        @NotNull DataSize maxRequestSize,
        @NotNull @DurationMin(millis = 1) Duration socketCheckInterval,
        @NotNull @DurationMin(millis = 1) Duration socketRetryMax,
        @NotNull @DurationMin(millis = 1) Duration workLease,
        boolean ackJournal) {

    public SlackProperties {
        WebAddress.require("SLACK_API_URL", apiUrl, "https://slack.com/api/");
        forumCoordinators = forumCoordinators == null ? List.of()
                : forumCoordinators.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        staffUsers = staffUsers == null ? List.of() : staffUsers.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public boolean enabled() {
        return has(botToken);
    }

    public boolean httpEnabled() {
        return enabled() && has(signingSecret);
    }

    public boolean socketModeEnabled() {
        return enabled() && has(appToken);
    }

    public static boolean has(String s) {
        return s != null && !s.isBlank();
    }
}

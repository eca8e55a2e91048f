package se.foubot.channels.slack;

import java.util.List;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionProperties;
import se.foubot.privacy.RetentionRule;
import se.foubot.store.LeasedQueue;

/**
 * What the Slack channel keeps: the messages it sends (until FOUBOT_RETENTION_SENT_MESSAGES after sending), the
 * once-only keys of events and the work recorded before its ack (a day; MongoDB's TTL indexes remove them too). Declared whether or not Slack is on, so data
 * from a time it was on is still removed.
 */
@Component
class SlackRetention implements RetainedData {

    private final RetentionProperties periods;
    private final SlackProperties slack;

    SlackRetention(RetentionProperties periods, SlackProperties slack) {
        this.periods = periods;
        this.slack = slack;
    }

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(
                RetentionRule.delete(SlackNotices.COLLECTION, "a sent (or given-up) Slack message is deleted "
                        + "FOUBOT_RETENTION_SENT_MESSAGES after it was queued", periods.sentMessages(), "createdAt",
                        Criteria.where("status").in(LeasedQueue.SENT, LeasedQueue.FAILED)),
                RetentionRule.delete(SlackEventDeduplicator.COLLECTION, "the once-only keys of Slack events (ids, no text) are "
                        + "deleted after foubot.slack.event-retention", slack.eventRetention(), "receivedAt", null),
                RetentionRule.delete(SlackInbox.COLLECTION, "Slack work recorded before its ack (a message's text, a click's "
                        + "values) is deleted foubot.slack.event-retention after it arrived, once done or parked (MongoDB's TTL "
                        + "index removes done work too); work not yet done is kept until it is", slack.eventRetention(), "createdAt",
                        Criteria.where("status").in(LeasedQueue.SENT, LeasedQueue.FAILED)));
    }
}

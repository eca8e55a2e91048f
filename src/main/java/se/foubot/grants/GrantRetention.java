package se.foubot.grants;

import java.util.List;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionProperties;
import se.foubot.privacy.RetentionRule;

/**
 * What the grant reminders keep: subscribers while they subscribe, and FOUBOT_RETENTION_INACTIVE_SUBSCRIBERS after; the
 * reminder log holds counts only.
 */
@Component
class GrantRetention implements RetainedData {

    private final RetentionProperties periods;

    GrantRetention(RetentionProperties periods) {
        this.periods = periods;
    }

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(RetentionRule.delete(Subscriber.COLLECTION, "a subscriber who stopped the reminders (address, district) "
                + "is deleted FOUBOT_RETENTION_INACTIVE_SUBSCRIBERS after stopping", periods.inactiveSubscribers(),
                "unsubscribedAt", Criteria.where("active").is(false)),
                RetentionRule.noPersonalData(GrantReminderLog.COLLECTION, "which reminders went out and to how many: counts, "
                        + "no addresses"));
    }
}

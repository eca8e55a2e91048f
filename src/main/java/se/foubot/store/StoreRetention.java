package se.foubot.store;

import java.util.List;

import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionRule;

/** What the store keeps for itself: leases (which replica does a job until when), no personal data. */
@Component
class StoreRetention implements RetainedData {

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(RetentionRule.noPersonalData(Leases.COLLECTION, "leases: which replica holds a job until when"));
    }
}

package se.foubot.deadletter;

import java.util.List;

import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionProperties;
import se.foubot.privacy.RetentionRule;

/** What the dead letters keep (kind, key, rule, times; never text): until FOUBOT_RETENTION_DEAD_LETTERS after the last failure. */
@Component
class DeadLetterRetention implements RetainedData {

    private final RetentionProperties periods;

    DeadLetterRetention(RetentionProperties periods) {
        this.periods = periods;
    }

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(RetentionRule.delete(DeadLetters.COLLECTION, "a dead letter (kind, key, rule, attempts) is deleted "
                + "FOUBOT_RETENTION_DEAD_LETTERS after its last failure", periods.deadLetters(), "lastFailedAt", null));
    }
}

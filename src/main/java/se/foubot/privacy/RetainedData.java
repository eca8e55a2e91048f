package se.foubot.privacy;

import java.util.List;

/**
 * A feature's declaration of what it keeps: one {@link RetentionRule} for every MongoDB collection it writes. The
 * retention job runs what the features declare, so a feature that adds a collection adds its rule beside it (a test
 * fails for a collection without one).
 */
public interface RetainedData {

    List<RetentionRule> retentionRules();
}

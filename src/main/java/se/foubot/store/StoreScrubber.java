package se.foubot.store;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.privacy.RetentionJob;

/**
 * After a retention run that deleted or anonymised something, the embedded store's file is scrubbed, so what was
 * removed is gone from the disk within the run, not left in the file's free space until it happens to be reused. A
 * real MongoDB manages its own files (WiredTiger reuses freed blocks; see the runbook).
 */
@Component
class StoreScrubber {

    private final StoreProperties properties;
    private final ObjectProvider<EmbeddedMongoStore> embedded;

    StoreScrubber(StoreProperties properties, ObjectProvider<EmbeddedMongoStore> embedded) {
        this.properties = properties;
        this.embedded = embedded;
    }

    /** Whether a scrub was owed before this run noted one; one scheduled thread runs retention, a run at a time. */
    private boolean owedBefore;

    @EventListener
    void beforeRetention(RetentionJob.Starting starting) {
        if (properties.embedded()) {
            owedBefore = embedded.getObject().oweScrub();
        }
    }

    @EventListener
    void afterRetention(RetentionJob.Ran ran) {
        if (!properties.embedded()) {
            return;
        }
        EmbeddedMongoStore store = embedded.getObject();
        if (owedBefore || ran.report().changed().values().stream().anyMatch(n -> n > 0)) {
            store.scrub();
        } else {
            store.forgetScrub();
        }
    }
}

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

    @EventListener
    void afterRetention(RetentionJob.Ran ran) {
        if (properties.embedded() && ran.report().changed().values().stream().anyMatch(n -> n > 0)) {
            embedded.getObject().scrub();
        }
    }
}

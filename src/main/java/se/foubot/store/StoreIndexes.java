package se.foubot.store;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A feature's indexes. Each feature declares its own; {@link StoreInitializer} ensures them all at start-up.
 * Must be idempotent: it runs on every start and on every replica.
 */
public interface StoreIndexes {

    void ensure(MongoTemplate mongo);
}

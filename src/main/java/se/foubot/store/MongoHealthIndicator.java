package se.foubot.store;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB's part of {@code /actuator/health}. Boot's own indicator sends {@code hello}, which the embedded
 * store does not know; {@code ping} is answered by both the embedded store and a real MongoDB.
 */
@Component("mongodbHealthIndicator")
class MongoHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;
    private final StoreProperties properties;

    MongoHealthIndicator(MongoTemplate mongo, StoreProperties properties) {
        super("MongoDB health check failed");
        this.mongo = mongo;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("store", properties.embedded() ? "embedded" : "external")
                .withDetail("database", mongo.getDb().getName());
        try {
            mongo.executeCommand(new Document("ping", 1));
            builder.up();
        } catch (RuntimeException e) {
            builder.down().withDetail("error", StoreInitializer.rootMessage(e));
        }
    }
}

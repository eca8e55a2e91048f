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
    private final StoreStatus status;

    MongoHealthIndicator(MongoTemplate mongo, StoreProperties properties, StoreStatus status) {
        super("MongoDB health check failed");
        this.mongo = mongo;
        this.properties = properties;
        this.status = status;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("store", properties.embedded() ? "embedded" : "external")
                .withDetail("database", mongo.getDb().getName());
        try {
            mongo.executeCommand(new Document("ping", 1));
            status.markReachable();
            builder.up();
        } catch (RuntimeException e) {
            status.markUnreachable();
            builder.down().withDetail("error", StoreInitializer.rootMessage(e));
        }
    }
}

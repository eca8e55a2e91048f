package se.foubot.tasks;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** {@code foubot_tasks{status}}: tasks by status, counted in MongoDB when scraped (NaN while it cannot be reached). */
@Component
class TaskMetrics implements MeterBinder {

    private final MongoTemplate mongo;

    TaskMetrics(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TaskStatus status : TaskStatus.values()) {
            Gauge.builder("foubot.tasks", mongo, m -> {
                try {
                    return m.count(Query.query(Criteria.where("status").is(status)), SupportTask.class);
                } catch (RuntimeException e) {
                    return Double.NaN;
                }
            }).tag("status", status.name().toLowerCase()).description("tasks by status").register(registry);
        }
    }
}

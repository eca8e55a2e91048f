package se.foubot.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gallring: runs the retention rules every feature declares ({@link RetainedData}), after the configured periods. It
 * names no collection itself. Every rule is an idempotent update or delete, so replicas may run it side by side.
 */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    /** What one run deleted or anonymised, by collection. */
    public record Report(Map<String, Long> changed) {

        public long in(String collection) {
            return changed.getOrDefault(collection, 0L);
        }
    }

    /** A run is about to delete and anonymise: a store that must overwrite what is deleted notes that it owes it. */
    public record Starting() {
    }

    /** A run finished: the store may now overwrite what it deleted. */
    public record Ran(Report report) {
    }

    private final MongoTemplate mongo;
    private final List<RetainedData> features;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RetentionJob(MongoTemplate mongo, List<RetainedData> features, Clock clock, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.features = List.copyOf(features);
        this.clock = clock;
        this.events = events;
    }

    @Scheduled(fixedDelayString = "${foubot.retention.interval}", initialDelayString = "${foubot.retention.first-run}")
    void scheduled() {
        try {
            run();
        } catch (DataAccessException e) {
            log.warn("event=retention_deferred reason=\"{}\"", LogText.clean(e.getMostSpecificCause().getMessage()));
        }
    }

    /** Every rule the features declare. */
    public List<RetentionRule> rules() {
        return features.stream().flatMap(f -> f.retentionRules().stream()).toList();
    }

    /** The collections that have a rule. */
    public Set<String> coveredCollections() {
        Set<String> covered = new TreeSet<>();
        rules().forEach(r -> covered.add(r.collection()));
        return covered;
    }

    public Report run() {
        events.publishEvent(new Starting());
        Instant now = clock.instant();
        Map<String, Long> changed = new LinkedHashMap<>();
        for (RetentionRule rule : rules()) {
            if (rule.period() == null) {
                continue;
            }
            long n = rule.action().run(mongo, now.minus(rule.period()), now);
            changed.merge(rule.collection(), n, Long::sum);
            if (n > 0) {
                log.info("event=retention_applied collection={} changed={} kept_for={}", rule.collection(), n, rule.period());
            }
        }
        log.info("event=retention_done rules={} changed={}", rules().size(), changed.values().stream().mapToLong(Long::longValue).sum());
        Report report = new Report(changed);
        events.publishEvent(new Ran(report));
        return report;
    }
}

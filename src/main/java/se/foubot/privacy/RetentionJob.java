package se.foubot.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gallring: deletes idle conversations, anonymises long-closed tasks, strips old mail of its text and deletes old
 * audit lines, after the configured periods. Every step is an idempotent update or delete, so replicas may run it
 * side by side.
 */
@Component
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    /** What one run removed or anonymised. */
    public record Report(long conversations, long tasks, long mails, long requests, long auditLines) {
    }

    private final MongoTemplate mongo;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionJob(MongoTemplate mongo, RetentionProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${foubot.retention.interval}", initialDelayString = "PT5M")
    void scheduled() {
        try {
            run();
        } catch (DataAccessException e) {
            log.warn("event=retention_deferred reason=\"{}\"", e.getMostSpecificCause().getMessage());
        }
    }

    public Report run() {
        Instant now = clock.instant();
        long conversations = mongo.remove(Query.query(Criteria.where("updatedAt").lt(Date.from(now.minus(properties.conversations())))),
                "conversations").getDeletedCount();
        long tasks = mongo.updateMulti(Query.query(Criteria.where("status").is("DONE").and("closedAt")
                .lt(Date.from(now.minus(properties.closedTasks()))).and("anonymisedAt").exists(false)),
                new Update().set("request.concern", "(gallrad)").unset("request.initiative").unset("request.contactEmail")
                        .set("requester.person", "(gallrad)").unset("requester.address").unset("history").unset("attachments")
                        .set("anonymisedAt", Date.from(now)), "support_tasks").getModifiedCount();
        Date mailCutoff = Date.from(now.minus(properties.mailText()));
        long mails = mongo.updateMulti(Query.query(Criteria.where("receivedAt").lt(mailCutoff).and("text").exists(true)),
                new Update().unset("text").unset("signature").unset("subject").set("textRemovedAt", Date.from(now)), "mail_inbox")
                .getModifiedCount();
        mails += mongo.updateMulti(Query.query(Criteria.where("receivedAt").lt(mailCutoff).and("text").exists(true)),
                new Update().unset("text").set("textRemovedAt", Date.from(now)), "mail_quarantine").getModifiedCount();
        long requests = mongo.updateMulti(Query.query(Criteria.where("createdAt").lt(mailCutoff).and("concern").exists(true)),
                new Update().unset("concern").set("textRemovedAt", Date.from(now)), "email_requests").getModifiedCount();
        long audit = mongo.remove(Query.query(Criteria.where("at").lt(Date.from(now.minus(properties.audit())))), "audit_log")
                .getDeletedCount();
        Report report = new Report(conversations, tasks, mails, requests, audit);
        log.info("event=retention_done conversations_deleted={} tasks_anonymised={} mails_stripped={} requests_stripped={} audit_deleted={}",
                conversations, tasks, mails, requests, audit);
        return report;
    }
}

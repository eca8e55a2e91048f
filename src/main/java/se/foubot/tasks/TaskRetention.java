package se.foubot.tasks;

import java.util.Date;
import java.util.List;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionProperties;
import se.foubot.privacy.RetentionRule;

/**
 * What the tasks keep: closed tasks are anonymised (the figures stay for the yearly report), audit lines are deleted,
 * the reference counters hold no personal data, a sender's new-task times go when the limit's window has passed.
 */
@Component
class TaskRetention implements RetainedData {

    private final RetentionProperties periods;
    private final TaskLimitProperties limits;

    TaskRetention(RetentionProperties periods, TaskLimitProperties limits) {
        this.periods = periods;
        this.limits = limits;
    }

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(
                RetentionRule.anonymise("support_tasks", "a task closed FOUBOT_RETENTION_CLOSED_TASKS ago loses its free text, "
                        + "requester, contact, history and attachment names; district, category, status and times stay; its "
                        + "staff-channel post is updated and the bot's replies in its thread deleted",
                        periods.closedTasks(), "closedAt",
                        Criteria.where("status").is(TaskStatus.DONE).and("anonymisedAt").exists(false),
                        now -> new Update().set("request.concern", SupportTask.ANONYMISED).unset("request.initiative")
                                .unset("request.contactEmail").set("requester.person", SupportTask.ANONYMISED).unset("requester.address")
                                .unset("history").unset("attachments").set("anonymisedAt", Date.from(now))
                                // the staff post and its thread show the text: updated and deleted on the next round
                                .set("staffPostStale", true)),
                RetentionRule.delete(AuditLog.COLLECTION, "audit lines (who claimed, changed or closed which task) are deleted "
                        + "after FOUBOT_RETENTION_AUDIT", periods.audit(), "at", null),
                RetentionRule.noPersonalData(ReferenceGenerator.COLLECTION, "the yearly counters of task references"),
                RetentionRule.delete(NewTaskLimit.COLLECTION, "a sender's recent new-task times (address or Slack id) are "
                        + "deleted once the limit's window has passed since the newest", limits.window(), "lastAt", null));
    }
}

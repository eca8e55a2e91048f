package se.foubot.channels.email;

import java.util.Date;
import java.util.List;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionProperties;
import se.foubot.privacy.RetentionRule;
import se.foubot.store.LeasedQueue;

/**
 * What the email channel keeps: received mail (inbox, quarantine, email requests) until FOUBOT_RETENTION_MAIL_TEXT;
 * the text of sent mail until FOUBOT_RETENTION_SENT_MESSAGES after sending, the rest of its record (addresses, the
 * Message-ID that lets a reply find its thread) until FOUBOT_RETENTION_MAIL_TEXT.
 */
@Component
class MailRetention implements RetainedData {

    private final RetentionProperties periods;

    MailRetention(RetentionProperties periods) {
        this.periods = periods;
    }

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(
                RetentionRule.delete(MailInbox.INBOX, "a received mail (sender, subject, text, file names) is deleted "
                        + "FOUBOT_RETENTION_MAIL_TEXT after it arrived", periods.mailText(), "receivedAt", null),
                RetentionRule.delete(MailInbox.QUARANTINE, "a quarantined mail (sender, subject, rule) is deleted "
                        + "FOUBOT_RETENTION_MAIL_TEXT after it arrived", periods.mailText(), "receivedAt", null),
                RetentionRule.delete(EmailRequestProcessor.REQUESTS, "an email request (what it asked, its facts) is deleted "
                        + "FOUBOT_RETENTION_MAIL_TEXT after it started; the task keeps its own rule", periods.mailText(),
                        "createdAt", null),
                RetentionRule.anonymise(Outbox.COLLECTION, "a sent mail loses its subject, text and invite "
                        + "FOUBOT_RETENTION_SENT_MESSAGES after sending", periods.sentMessages(), "sentAt",
                        Criteria.where("status").is(LeasedQueue.SENT).and("textRemovedAt").exists(false),
                        now -> new Update().unset("subject").unset("text").unset("headers").unset("calendar")
                                .set("textRemovedAt", Date.from(now))),
                RetentionRule.delete(Outbox.COLLECTION, "the record of a sent or given-up mail is deleted "
                        + "FOUBOT_RETENTION_MAIL_TEXT after it was queued", periods.mailText(), "createdAt",
                        Criteria.where("status").in(LeasedQueue.SENT, LeasedQueue.FAILED)));
    }
}

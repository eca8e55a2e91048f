package se.foubot.forum;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionProperties;
import se.foubot.privacy.RetentionRule;

/**
 * What FoU-forum keeps: a meeting and its registrations (names, addresses, agenda proposals) until
 * FOUBOT_RETENTION_FORUM after the meeting, long enough for the yearly attendance figures.
 */
@Component
class ForumRetention implements RetainedData {

    private final RetentionProperties periods;

    ForumRetention(RetentionProperties periods) {
        this.periods = periods;
    }

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(
                new RetentionRule(Registration.COLLECTION, "registrations (who, address, district, agenda proposal) are deleted "
                        + "FOUBOT_RETENTION_FORUM after their meeting ended", periods.forumRegistrations(),
                        ForumRetention::deleteRegistrationsOfPastMeetings),
                RetentionRule.deleteAfterItsOwnDate(Meeting.COLLECTION, "a meeting (title, place, agenda, coordinator) is deleted "
                        + "FOUBOT_RETENTION_FORUM after it ended, once its registrations are gone", periods.forumRegistrations(),
                        "end", null),
                RetentionRule.delete(ForumNewsSubscriber.COLLECTION, "a person who stopped forum news (address) is deleted "
                        + "FOUBOT_RETENTION_INACTIVE_SUBSCRIBERS after stopping", periods.inactiveSubscribers(), "unsubscribedAt",
                        Criteria.where("active").is(false)));
    }

    private static long deleteRegistrationsOfPastMeetings(MongoTemplate mongo, Instant cutoff, Instant now) {
        Query ended = Query.query(Criteria.where("end").lt(Date.from(cutoff)));
        ended.fields().include("_id");
        List<Object> past = mongo.find(ended, Document.class, Meeting.COLLECTION).stream().map(d -> d.get("_id")).toList();
        return past.isEmpty() ? 0 : mongo.remove(Query.query(Criteria.where("meetingId").in(past)), Registration.COLLECTION)
                .getDeletedCount();
    }
}

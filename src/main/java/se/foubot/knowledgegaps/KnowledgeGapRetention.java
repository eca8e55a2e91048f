package se.foubot.knowledgegaps;

import java.util.List;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionRule;

/**
 * What the inventory keeps: an entry's text and sender, like a closed task's, until FOUBOT_RETENTION_KNOWLEDGE_GAPS
 * after it last changed; then they are removed and the figures stay (round, district, theme, perspective, kind of
 * help, level, urgency, group, decision). Rounds and groups hold no one's words.
 */
@Component
class KnowledgeGapRetention implements RetainedData {

    private final KnowledgeGapProperties properties;

    KnowledgeGapRetention(KnowledgeGapProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(
                RetentionRule.anonymise(GapEntry.COLLECTION, "an entry's text, own theme and sender are removed "
                        + "FOUBOT_RETENTION_KNOWLEDGE_GAPS after it last changed; district, theme, perspective, help, level, urgency "
                        + "and group stay for the figures", properties.retention(), "updatedAt", Criteria.where("anonymisedAt").is(null),
                        now -> new Update().unset("text").unset("ownTheme").unset("person").set("anonymisedAt", now)),
                RetentionRule.delete(Invitation.COLLECTION, "who was invited to a round in Slack (a Slack id and a district) is "
                        + "deleted when the round closes, or FOUBOT_RETENTION_KNOWLEDGE_GAPS after the invitation", properties.retention(),
                        "at", null),
                RetentionRule.noPersonalData(Round.COLLECTION, "a round (year, opening text, deadline, the coordinator's Slack id) "
                        + "is kept: it is the frame of the yearly figures"),
                RetentionRule.noPersonalData(GapGroup.COLLECTION, "a group (its entries' ids, districts, the decision and the "
                        + "analyst's Slack id) is kept with the yearly figures"));
    }
}

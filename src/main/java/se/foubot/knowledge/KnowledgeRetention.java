package se.foubot.knowledge;

import java.util.List;

import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionProperties;
import se.foubot.privacy.RetentionRule;

/** What the knowledge base keeps: the questions it could not answer for certain, as long as conversations are kept. */
@Component
class KnowledgeRetention implements RetainedData {

    private final RetentionProperties periods;

    KnowledgeRetention(RetentionProperties periods) {
        this.periods = periods;
    }

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(RetentionRule.delete(OpenQuestions.COLLECTION, "a question the bot could not answer for certain (the "
                + "person's words and the topics offered) is deleted FOUBOT_RETENTION_CONVERSATIONS after it was asked",
                periods.conversations(), "at", null));
    }
}

package se.foubot.conversation;

import java.util.List;

import org.springframework.stereotype.Component;

import se.foubot.privacy.RetainedData;
import se.foubot.privacy.RetentionProperties;
import se.foubot.privacy.RetentionRule;

/**
 * What the conversation engine keeps: each person's conversation, until it has been idle for the retention period, and
 * the copies of conversations it could not read, as long.
 */
@Component
class ConversationRetention implements RetainedData {

    private final RetentionProperties periods;

    ConversationRetention(RetentionProperties periods) {
        this.periods = periods;
    }

    @Override
    public List<RetentionRule> retentionRules() {
        return List.of(RetentionRule.delete(ConversationStore.COLLECTION,
                "a conversation (its answers so far) is deleted when untouched for FOUBOT_RETENTION_CONVERSATIONS",
                periods.conversations(), "updatedAt", null),
                RetentionRule.delete(UnreadableConversations.COLLECTION,
                        "a conversation the bot could not read, set aside for an operator, is deleted after FOUBOT_RETENTION_CONVERSATIONS",
                        periods.conversations(), "setAsideAt", null));
    }
}

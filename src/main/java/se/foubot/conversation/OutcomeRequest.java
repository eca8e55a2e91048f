package se.foubot.conversation;

import java.time.Instant;
import java.util.Map;

/** A confirmed flow: who, from which channel, and the answers by step id (stored forms). */
public record OutcomeRequest(ConversationKey key, String flowId, String runId, Map<String, String> answers,
        Language language, Instant at) {
}

package se.foubot.conversation;

import java.time.Instant;
import java.util.Map;

/**
 * A confirmed flow: who, from which channel, and the answers by step id (stored forms).
 *
 * @param origin  the channel's address details of the message that confirmed (e.g. a Slack thread), so the
 *                outcome can tell the person things later where they asked
 * @param context values the bot started the flow with (e.g. the task a question is about)
 */
public record OutcomeRequest(ConversationKey key, String flowId, String runId, Map<String, String> answers,
        Language language, Instant at, Map<String, String> origin, Map<String, String> context) {

    public OutcomeRequest {
        origin = origin == null ? Map.of() : Map.copyOf(origin);
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    OutcomeRequest withOrigin(Map<String, String> newOrigin) {
        return new OutcomeRequest(key, flowId, runId, answers, language, at, newOrigin, context);
    }
}

package se.foubot.conversation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.foubot.privacy.LogText;

/**
 * Tells a flow's outcome that a run of it ended without an answer ({@link OutcomeAction#unanswered}), so that whoever
 * waits for the answer — the analyst who asked a question — hears it: when the person cancels, a newer question
 * replaces it, it lies idle too long, or its conversation cannot be read any more.
 */
final class UnansweredTeller {

    private static final Logger log = LoggerFactory.getLogger(UnansweredTeller.class);

    /** What could still be read of a run in a conversation that was set aside as unreadable. */
    record LostRun(String flowId, String runId, Map<String, String> context) {
    }

    private final FlowCatalog catalog;
    private final OutcomeRegistry outcomes;
    private final Clock clock;

    UnansweredTeller(FlowCatalog catalog, OutcomeRegistry outcomes, Clock clock) {
        this.catalog = catalog;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** @return false when the outcome action could not be told (logged); true also for a flow that no longer exists */
    boolean tell(ConversationKey key, String flowId, String runId, Map<String, String> answers, Language language,
            Map<String, String> origin, Map<String, String> context, Unanswered why) {
        // a run the bot started keeps its outcome's name, so whoever waits is told also when its flow is gone, or its
        // name now names another flow
        Optional<String> outcome = Optional.ofNullable(context.get(FlowInterpreter.OUTCOME)).or(() -> catalog.flow(flowId).map(Flow::outcome))
                .filter(outcomes.names()::contains);
        if (outcome.isEmpty()) {
            return true;
        }
        try {
            outcomes.get(outcome.get()).unanswered(new OutcomeRequest(key, flowId, runId, answers, language, clock.instant(),
                    origin, context), why);
            log.info("event=flow_unanswered conversation={} flow={} run={} why={}", key.id(), flowId, runId, why);
            return true;
        } catch (RuntimeException e) {
            log.warn("event=flow_unanswered_not_told conversation={} flow={} run={} reason=\"{}\"", key.id(), flowId, runId,
                    LogText.clean(String.valueOf(e.getMessage())));
            return false;
        }
    }

    /** The runs of a conversation set aside as unreadable end unanswered; their answers so far cannot be trusted. */
    void tellLost(ConversationKey key, Language language, List<LostRun> runs) {
        for (LostRun run : runs) {
            tell(key, run.flowId(), run.runId(), Map.of(), language, Map.of(), run.context(), Unanswered.UNREADABLE);
        }
    }
}

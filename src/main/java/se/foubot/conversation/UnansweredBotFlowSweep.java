package se.foubot.conversation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every five minutes, tells whoever started a flow for a person (an analyst's question) when it has lain unanswered
 * past the conversation timeout, instead of only when the person comes back — who may never. Replicas may both run it:
 * what it tells is taken once per run ({@link OutcomeAction#unanswered}).
 */
@Component
class UnansweredBotFlowSweep {

    private static final Logger log = LoggerFactory.getLogger(UnansweredBotFlowSweep.class);

    private final ConversationEngine engine;

    UnansweredBotFlowSweep(ConversationEngine engine) {
        this.engine = engine;
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    void run() {
        try {
            int told = engine.tellIdleBotFlowsUnanswered();
            if (told > 0) {
                log.info("event=idle_bot_flows_told count={}", told);
            }
        } catch (RuntimeException e) {
            // the store away for a while: the next run tries again
            log.warn("event=idle_bot_flows_not_told reason=\"{}\"", se.foubot.privacy.LogText.clean(String.valueOf(e.getMessage())));
        }
    }
}

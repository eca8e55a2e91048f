package se.foubot.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A store port another process holds stops the start with one line and what to do, not a stack trace. */
class StorePortFailureAnalyzer extends AbstractFailureAnalyzer<StorePortTaken> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StorePortTaken cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the process that holds the port (another fou-bot?), or set FOUBOT_STORE_PORT to a free port or to 0 "
                        + "(any free port), and start again.", cause);
    }
}

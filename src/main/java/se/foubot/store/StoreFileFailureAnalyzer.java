package se.foubot.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A store file in use or damaged stops the start with its one line, not a stack trace. */
class StoreFileFailureAnalyzer extends AbstractFailureAnalyzer<StoreFileProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StoreFileProblem cause) {
        return new FailureAnalysis(cause.getMessage(), cause.inUse()
                ? "Stop the other process, or change FOUBOT_DATA_DIR, and start again."
                : "Restore a backup (ops/runbook.md, \"Restore\"); the damaged file is as it was, for an expert to look at.",
                cause);
    }
}

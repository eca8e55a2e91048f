package se.foubot.conversation;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken flow into a short start-up failure report instead of a stack trace. */
class FlowValidationFailureAnalyzer extends AbstractFailureAnalyzer<FlowValidationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FlowValidationException cause) {
        String where = cause.problems().stream().map(p -> "    " + p).collect(Collectors.joining("\n"));
        return new FailureAnalysis("The conversation flows are invalid:\n" + where,
                "Correct the flow files named above (or point FOUBOT_FLOWS_DIR at a valid directory) and start again.",
                cause);
    }
}

package se.foubot.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A {@link SettingProblem} stops the start with its sentence and what to do, without a stack trace. First among the
 * analyzers: one thrown while settings are bound would otherwise be Spring's bind report, which shows the value.
 */
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class SettingProblemFailureAnalyzer extends AbstractFailureAnalyzer<SettingProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingProblem cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}

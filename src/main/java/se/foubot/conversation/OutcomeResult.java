package se.foubot.conversation;

import java.util.Map;

/**
 * Values the flow's {@code done:} text may show, e.g. {@code {reference}}; or, when the outcome could not be done
 * (a limit was reached), {@code instead}: what to tell the person in place of the {@code done:} text.
 */
public record OutcomeResult(Map<String, String> values, String instead) {

    public OutcomeResult(Map<String, String> values) {
        this(values, null);
    }

    public static OutcomeResult instead(String text) {
        return new OutcomeResult(Map.of(), text);
    }
}

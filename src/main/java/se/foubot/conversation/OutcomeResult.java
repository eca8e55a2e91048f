package se.foubot.conversation;

import java.util.Map;

/** Values the flow's {@code done:} text may show, e.g. {@code {reference}}. */
public record OutcomeResult(Map<String, String> values) {
}

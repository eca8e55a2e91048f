package se.foubot.conversation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One question of a flow.
 *
 * @param next     the step after this one; null: the next step in the file, or the summary after the last
 * @param branches for choice and yes-no steps: answer value to the step that follows it (overrides next)
 * @param errors   the step's own error texts by error key (see {@link AnswerError})
 * @param optionsFrom the option list a choice step's options come from ({@code options-from}), or null
 * @param aliases  other words a person may use for this answer at the summary ("ändra datum")
 * @param line     line in the flow file, for error messages
 */
public record Step(
        String id,
        AnswerType type,
        LocalizedText text,
        LocalizedText label,
        LocalizedText help,
        Map<String, LocalizedText> errors,
        boolean optional,
        String next,
        Map<String, String> branches,
        Integer minLength,
        Integer maxLength,
        Long min,
        Long max,
        boolean notPast,
        List<ChoiceOption> options,
        String optionsFrom,
        List<String> aliases,
        int line) {

    public Step {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public Optional<ChoiceOption> option(String id) {
        return options.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public LocalizedText labelOrText() {
        return label != null ? label : text;
    }
}

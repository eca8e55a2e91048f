package se.foubot.conversation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A conversation written as data in {@code conversation-flows/*.yaml}.
 *
 * @param triggerWords words or phrases per language that start the flow when a message contains them
 * @param commands     exact commands that start the flow ({@code /fou ny}, or the word typed alone)
 * @param outcome      the name of the Java action run when the person confirms the summary
 * @param done         the reply after the outcome; {@code {name}} placeholders take the outcome's values
 * @param idLine       line of the id, for error messages
 * @param outcomeLine  line of the outcome, for error messages
 * @param confirm      show a summary to confirm before the outcome (default); false runs it after the last step
 * @param byMail       the steps a request written in one mail must answer ({@code by-mail}), in the order a mail asks
 *                     for what is missing; empty when the flow is not run by mail
 * @param openingWords a text step that takes the words the flow was started with, when they say enough on their own
 *                     ({@code opening-words}; "/fou Vi behöver hjälp att utvärdera …"); null when none
 */
public record Flow(
        String id,
        String file,
        LocalizedText title,
        LocalizedText intro,
        Map<Language, List<String>> triggerWords,
        List<String> commands,
        List<Step> steps,
        String outcome,
        LocalizedText done,
        int idLine,
        int outcomeLine,
        boolean confirm,
        List<WrittenField> byMail,
        String openingWords) {

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /** How a mail answers the step {@code stepId} ({@code by-mail}): the chat takes its words for nothing too; null if none. */
    WrittenField written(String stepId) {
        return byMail.stream().filter(f -> f.step().equals(stepId)).findFirst().orElse(null);
    }

    /** Started only by the bot (e.g. a question from an analyst), never by what a person writes. */
    public boolean startedByBotOnly() {
        return commands.isEmpty() && triggerWords.values().stream().allMatch(List::isEmpty);
    }

    public Step firstStep() {
        return steps.get(0);
    }

    /** {@code next: end} (or a branch to end): the flow's questions end there. */
    public static final String END = "end";

    /** The step that follows {@code step} given its answer; empty when the summary comes next. */
    public Optional<Step> after(Step step, String answer) {
        String target = answer != null && step.branches().containsKey(answer)
                ? step.branches().get(answer)
                : step.branches().getOrDefault("default", step.next());
        if (END.equals(target)) {
            return Optional.empty();
        }
        if (target != null) {
            return step(target);
        }
        int index = steps.indexOf(step);
        return index + 1 < steps.size() ? Optional.of(steps.get(index + 1)) : Optional.empty();
    }
}

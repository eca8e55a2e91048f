package se.foubot.conversation;

import java.util.List;
import java.util.Map;

/**
 * A step answered in writing, all at once (a mail), rather than asked in turn.
 *
 * @param step   the step's id
 * @param labels words a written line may start with for it ("Stadsdel: Bromma"), besides the step's own label
 * @param none   for an optional step, phrases per language that answer it with nothing ("ingen brådska")
 */
public record WrittenField(String step, List<String> labels, Map<Language, List<String>> none) {

    public WrittenField {
        labels = List.copyOf(labels);
        none = Map.copyOf(none);
    }

    /** Every phrase that answers the step with nothing, in any language. */
    public List<String> allNone() {
        return none.values().stream().flatMap(List::stream).toList();
    }

    /** {@code text} holds one of the phrases that answer the step with nothing, as whole words, in any language. */
    public boolean saysNone(String text) {
        String folded = " " + TextNormalizer.normalize(text) + " ";
        return allNone().stream().anyMatch(p -> folded.contains(" " + TextNormalizer.normalize(p) + " "));
    }
}

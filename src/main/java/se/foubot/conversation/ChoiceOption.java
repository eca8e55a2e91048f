package se.foubot.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * One choice of a choice step; {@code id} is what is stored, {@code aliases} are other names people use.
 * {@code matchNames} are all its names folded for matching, computed once when the flows load.
 */
public record ChoiceOption(String id, LocalizedText label, List<String> aliases, List<String> matchNames) {

    public ChoiceOption(String id, LocalizedText label, List<String> aliases) {
        this(id, label, List.copyOf(aliases), foldedNames(id, label, aliases));
    }

    private static List<String> foldedNames(String id, LocalizedText label, List<String> aliases) {
        List<String> names = new ArrayList<>();
        names.add(TextNormalizer.normalize(id));
        names.add(TextNormalizer.normalize(label.sv()));
        if (label.en() != null) {
            names.add(TextNormalizer.normalize(label.en()));
        }
        aliases.forEach(a -> names.add(TextNormalizer.normalize(a)));
        return List.copyOf(names);
    }
}

package se.foubot.conversation;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answers to a flow's steps gathered from writing, stored as the chat stores them (step id to option id, ISO date,
 * text); {@code none} holds the optional steps answered with nothing. A step is answered when it is in either.
 */
public record FormAnswers(Map<String, String> values, Set<String> none) {

    public FormAnswers {
        values = Map.copyOf(values);
        none = Set.copyOf(none);
    }

    public static FormAnswers empty() {
        return new FormAnswers(Map.of(), Set.of());
    }

    public boolean answered(String step) {
        return values.containsKey(step) || none.contains(step);
    }

    public String value(String step) {
        return values.get(step);
    }

    /** The steps of {@code steps} still open, in their order. */
    public List<String> missing(List<String> steps) {
        return steps.stream().filter(s -> !answered(s)).toList();
    }

    /** These answers, and for each step they leave open what {@code later} says. */
    public FormAnswers with(FormAnswers later) {
        Map<String, String> v = new LinkedHashMap<>(values);
        Set<String> n = new LinkedHashSet<>(none);
        for (Map.Entry<String, String> e : later.values.entrySet()) {
            if (!answered(e.getKey())) {
                v.put(e.getKey(), e.getValue());
            }
        }
        for (String s : later.none) {
            if (!answered(s)) {
                n.add(s);
            }
        }
        return new FormAnswers(v, n);
    }

    /** {@code step} answered with {@code value} (null: with nothing), unless it is answered already. */
    public FormAnswers orElse(String step, String value) {
        if (answered(step)) {
            return this;
        }
        return value == null ? with(new FormAnswers(Map.of(), Set.of(step))) : with(new FormAnswers(Map.of(step, value), Set.of()));
    }
}

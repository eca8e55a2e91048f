package se.foubot.conversation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks a choice from what a person typed: its number, its name or an alias in either language, a word
 * it starts with ("hagersten" → "Hägersten-Älvsjö"), a name with a small typo, and in an answer to a question a name
 * within a short sentence ("jag är enhetschef", {@link #matchInSentence}). Forgives case and diacritics. When several choices fit, none is picked and the candidates are
 * returned.
 */
public final class ChoiceMatcher {

    public sealed interface Match permits Picked, Ambiguous, NoMatch {
    }

    public record Picked(ChoiceOption option) implements Match {
    }

    public record Ambiguous(List<ChoiceOption> candidates) implements Match {
    }

    public record NoMatch() implements Match {
    }

    /** The longest answer read as a sentence around a name; a longer one is a description, not an answer to pick from. */
    private static final int SENTENCE_WORDS = 8;
    /** Words that say the name after them is not the answer ("inte chef", "not Bromma"), as {@link TextNormalizer} folds them. */
    private static final Set<String> NEGATIONS = Set.of("inte", "ej", "icke", "aldrig", "ingen", "inget", "inga", "not", "no",
            "never", "isnt", "isn", "dont", "don", "aren", "wasn", "nor");
    /** Words that make the name after them someone else's ("min chef", "vår enhet", "my manager"); "var" is "vår" folded. */
    private static final Set<String> POSSESSIVES = Set.of("min", "mitt", "mina", "var", "vart", "vara", "din", "ditt", "dina",
            "hans", "hennes", "deras", "er", "ert", "era", "sin", "sitt", "sina", "my", "our", "your", "his", "her", "their");
    /** A genitive s ("Skarpnäcks stadsdelsförvaltning"), taken off a word of four letters or more before it. */
    private static final java.util.regex.Pattern GENITIVE_S = java.util.regex.Pattern.compile("\\b(\\p{L}{4,})s\\b");

    private ChoiceMatcher() {
    }

    public static Match match(List<ChoiceOption> options, String input) {
        String in = TextNormalizer.normalize(input);
        if (in.isEmpty()) {
            return new NoMatch();
        }
        if (in.matches("\\d{1,3}")) {
            int n = Integer.parseInt(in);
            return n >= 1 && n <= options.size() ? new Picked(options.get(n - 1)) : new NoMatch();
        }
        List<ChoiceOption> exact = filter(options, in, (name, q) -> name.equals(q));
        if (exact.size() == 1) {
            return new Picked(exact.get(0));
        }
        List<ChoiceOption> prefix = filter(options, in, ChoiceMatcher::startsAtWord);
        if (!prefix.isEmpty()) {
            return prefix.size() == 1 ? new Picked(prefix.get(0)) : new Ambiguous(prefix);
        }
        if (in.length() >= 4) {
            List<ChoiceOption> close = filter(options, in, ChoiceMatcher::closeToAWord);
            if (!close.isEmpty()) {
                return close.size() == 1 ? new Picked(close.get(0)) : new Ambiguous(close);
            }
        }
        return new NoMatch();
    }

    /**
     * As {@link #match}, and when that finds nothing, a name within a short answer written as a sentence: "Jag är
     * enhetschef", "vi sitter i Bromma", "I'm a controller", "Skarpnäcks stadsdelsförvaltning". For a person's answer
     * to a question, not a cell of imported data, where a name among other words is no name.
     */
    public static Match matchInSentence(List<ChoiceOption> options, String input) {
        Match plain = match(options, input);
        if (!(plain instanceof NoMatch)) {
            return plain;
        }
        String in = TextNormalizer.normalize(input);
        // a longer text is left to the step's own reading (a guess the person confirms)
        if (!in.isEmpty() && in.split(" ").length <= SENTENCE_WORDS) {
            for (String sentence : List.of(in, GENITIVE_S.matcher(in).replaceAll("$1"))) {
                List<ChoiceOption> within = filter(options, sentence, ChoiceMatcher::namedWithin);
                if (!within.isEmpty()) {
                    return within.size() == 1 ? new Picked(within.get(0)) : new Ambiguous(within);
                }
            }
        }
        return new NoMatch();
    }

    /** Whether {@code input} names {@code option} after a word that says it is not ("inte utvärdering", "not an evaluation"). */
    static boolean denied(ChoiceOption option, String input) {
        String padded = " " + TextNormalizer.normalize(input) + " ";
        for (String name : option.matchNames()) {
            for (String word : name.split(" ")) {
                if (word.length() < 4) {
                    continue;
                }
                for (int at = padded.indexOf(" " + word); at >= 0; at = padded.indexOf(" " + word, at + 1)) {
                    if (negatedBefore(padded.substring(0, at))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A word that says no among the last three of {@code before}. */
    private static boolean negatedBefore(String before) {
        String stripped = before.strip();
        List<String> words = stripped.isEmpty() ? List.of() : List.of(stripped.split(" "));
        return words.subList(Math.max(0, words.size() - 3), words.size()).stream().anyMatch(NEGATIONS::contains);
    }

    /**
     * The name as whole words in a sentence, said of the person: not after a word that says it is not ("inte chef",
     * "ingen chef", "not Bromma", within the three words before it), nor after one that makes it someone else's ("min
     * chef bad mig skriva", "my manager asked me").
     */
    private static boolean namedWithin(String name, String in) {
        if (name.length() < 3) {
            return false;
        }
        String padded = " " + in + " ";
        for (int at = padded.indexOf(" " + name + " "); at >= 0; at = padded.indexOf(" " + name + " ", at + 1)) {
            String before = padded.substring(0, at).strip();
            List<String> words = before.isEmpty() ? List.of() : List.of(before.split(" "));
            boolean someoneElses = !words.isEmpty() && POSSESSIVES.contains(words.get(words.size() - 1));
            if (!negatedBefore(before) && !someoneElses) {
                return true;
            }
        }
        return false;
    }

    private interface NameTest {
        boolean test(String normalizedName, String normalizedInput);
    }

    private static List<ChoiceOption> filter(List<ChoiceOption> options, String in, NameTest test) {
        Set<ChoiceOption> out = new LinkedHashSet<>();
        for (ChoiceOption o : options) {
            for (String name : o.matchNames()) {
                if (test.test(name, in)) {
                    out.add(o);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** "hagersten" in "hagersten alvsjo", "alvsjo" in "hagersten alvsjo", "enskede arsta" in "enskede arsta vantor". */
    private static boolean startsAtWord(String name, String in) {
        if (in.length() < 3) {
            return false;
        }
        return name.startsWith(in) || name.contains(" " + in);
    }

    private static boolean closeToAWord(String name, String in) {
        int allowed = in.length() >= 8 ? 2 : 1;
        if (distance(name, in) <= allowed) {
            return true;
        }
        for (String word : name.split(" ")) {
            if (word.length() >= 4 && distance(word, in) <= allowed) {
                return true;
            }
        }
        return false;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}

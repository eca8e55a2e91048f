package se.foubot.conversation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks a choice from what a person typed: its number, its name or an alias in either language, a word
 * it starts with ("hagersten" → "Hägersten-Älvsjö"), a name with a small typo, or a name within a sentence ("jag
 * är enhetschef"). Forgives case and diacritics. When several choices fit, none is picked and the candidates are
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

    /** Words that say the answer is not the name it holds ("inte chef", "not Bromma"), as {@link TextNormalizer} folds them. */
    private static final java.util.regex.Pattern NEGATION = java.util.regex.Pattern.compile(
            " (inte|ej|icke|aldrig|not|no|never|isn t|isnt|dont|don t) ");

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
        // a sentence around the name: "Jag är enhetschef", "vi sitter i Bromma", "I'm a controller"; not one that
        // says it is not the name ("inte chef")
        if (!NEGATION.matcher(" " + in + " ").find()) {
            List<ChoiceOption> within = filter(options, in, ChoiceMatcher::wordsWithin);
            if (!within.isEmpty()) {
                return within.size() == 1 ? new Picked(within.get(0)) : new Ambiguous(within);
            }
        }
        return new NoMatch();
    }

    /** The name as whole words somewhere in a longer answer. */
    private static boolean wordsWithin(String name, String in) {
        return name.length() >= 3 && (" " + in + " ").contains(" " + name + " ");
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

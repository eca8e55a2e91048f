package se.foubot.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import se.foubot.conversation.FlowProblem;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.TextNormalizer;

/**
 * Sorts a request's text into a support category with weighted words and phrases kept as data
 * ({@code conversation-flows/rules/sorting.yaml}). Forgives inflection, compounds and small typos;
 * below the threshold, or on a tie, it leaves the task to manual triage.
 */
public final class CategorySorter {

    /** The verdict: a category, or none (manual triage), with the winning score. */
    public record Sorting(String category, double score) {
        public boolean needsTriage() {
            return category == null;
        }
    }

    record Term(List<String> words, double weight) {
    }

    private final double threshold;
    private final Map<String, List<Term>> categories;

    CategorySorter(double threshold, Map<String, List<Term>> categories) {
        this.threshold = threshold;
        this.categories = categories;
    }

    public Sorting sort(String text) {
        List<String> words = List.of(TextNormalizer.normalize(text).split(" "));
        String best = null;
        double bestScore = 0;
        double second = 0;
        for (Map.Entry<String, List<Term>> c : categories.entrySet()) {
            double score = 0;
            for (Term term : c.getValue()) {
                if (matches(term.words(), words)) {
                    score += term.weight();
                }
            }
            if (score > bestScore) {
                second = bestScore;
                bestScore = score;
                best = c.getKey();
            } else if (score > second) {
                second = score;
            }
        }
        if (best == null || bestScore < threshold || bestScore == second) {
            return new Sorting(null, bestScore);
        }
        return new Sorting(best, bestScore);
    }

    private static boolean matches(List<String> term, List<String> words) {
        for (int start = 0; start + term.size() <= words.size(); start++) {
            boolean all = true;
            for (int k = 0; k < term.size() && all; k++) {
                all = wordMatches(term.get(k), words.get(start + k), k == 0);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** Prefix always; inside a compound (first word of a phrase only) and with one typo for long terms. */
    private static boolean wordMatches(String term, String word, boolean mayBeInsideCompound) {
        if (word.startsWith(term)) {
            return true;
        }
        if (term.length() < 6) {
            return false;
        }
        if (mayBeInsideCompound && word.contains(term)) {
            return true;
        }
        for (int len = term.length() - 1; len <= term.length() + 1 && len <= word.length(); len++) {
            if (editDistanceAtMostOne(term, word.substring(0, len))) {
                return true;
            }
        }
        return false;
    }

    private static boolean editDistanceAtMostOne(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        int j = 0;
        int edits = 0;
        while (i < a.length() && j < b.length()) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (++edits > 1) {
                return false;
            }
            if (a.length() > b.length()) {
                i++;
            } else if (a.length() < b.length()) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return edits + (a.length() - i) + (b.length() - j) <= 1;
    }

    /**
     * Reads {@code rules/sorting.yaml} of the flow source, or the packaged one when that source has none; a
     * broken file stops start-up like a broken flow.
     */
    @SuppressWarnings("unchecked")
    public static CategorySorter load(FlowSource source) {
        FlowSource.NamedText file = source.rule("sorting.yaml")
                .or(() -> FlowSource.fromClasspath().rule("sorting.yaml"))
                .orElseThrow(() -> new FlowValidationException(List.of(new FlowProblem(
                        source.description() + "/rules/sorting.yaml", 1, "the sorting rules are missing"))));
        List<FlowProblem> problems = new ArrayList<>();
        Map<String, List<Term>> categories = new LinkedHashMap<>();
        double threshold = 0;
        try {
            Map<String, Object> yaml = new org.yaml.snakeyaml.Yaml().load(file.content());
            threshold = ((Number) yaml.get("threshold")).doubleValue();
            for (Map.Entry<String, Object> c : ((Map<String, Object>) yaml.get("categories")).entrySet()) {
                List<Term> terms = new ArrayList<>();
                for (Map<String, Object> t : (List<Map<String, Object>>) c.getValue()) {
                    String term = TextNormalizer.normalize(String.valueOf(t.get("term")));
                    if (term.isEmpty() || !(t.get("weight") instanceof Number w)) {
                        problems.add(new FlowProblem(file.name(), 1, "category '" + c.getKey()
                                + "' has a term without text or numeric weight: " + t));
                        continue;
                    }
                    terms.add(new Term(List.of(term.split(" ")), w.doubleValue()));
                }
                categories.put(c.getKey(), List.copyOf(terms));
            }
        } catch (RuntimeException e) {
            problems.add(new FlowProblem(file.name(), 1, "cannot read the sorting rules: " + e.getMessage()
                    + " (expected threshold: N and categories: {id: [{term, weight}]})"));
        }
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        return new CategorySorter(threshold, categories);
    }
}

package se.foubot.tasks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

import se.foubot.conversation.FlowProblem;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.Language;
import se.foubot.language.TextAnalysis;

/**
 * Sorts a request's text into a support category with weighted words and phrases kept as data
 * ({@code conversation-flows/rules/sorting.yaml}), Swedish terms for Swedish text and English terms for English.
 * Terms and request are read with the same analysis as the knowledge base (stems, compound parts, synonyms), and a
 * long word forgives one wrong letter; below the threshold, or on a tie, it leaves the task to manual triage.
 */
public final class CategorySorter {

    /** The verdict: a category, or none (manual triage), with the winning score. */
    public record Sorting(String category, double score) {
        public boolean needsTriage() {
            return category == null;
        }
    }

    /** A term's analysed words in its language; it matches when all of them are in the request read in that language. */
    record Term(String text, Language language, List<Word> words, double weight) {
    }

    /** One analysed word, with its one-typo automaton when it is long enough to forgive one. */
    record Word(String text, CharacterRunAutomaton oneTypo) {
        boolean in(Set<String> request) {
            if (request.contains(text)) {
                return true;
            }
            return oneTypo != null && request.stream().anyMatch(oneTypo::run);
        }
    }

    private static final int TYPO_LENGTH = 6;

    private final double threshold;
    private final Map<String, List<Term>> categories;
    private final TextAnalysis analysis;

    CategorySorter(double threshold, Map<String, List<Term>> categories, TextAnalysis analysis) {
        this.threshold = threshold;
        this.categories = categories;
        this.analysis = analysis;
    }

    /**
     * Sorts a text in the language it seems written in (requests by mail say no language); a short text the guess
     * cannot tell ("follow-up indicators", "survey") is read in the other language too when the first finds no term at
     * all (a tie in the first stays a tie: manual triage).
     */
    public Sorting sort(String text) {
        return sortPreferring(text, analysis.guess(text));
    }

    /** Sorts a text read in {@code language} first, in the other language when that finds no term at all. */
    public Sorting sortPreferring(String text, Language language) {
        Sorting sorted = sort(text, language);
        for (Language other : Language.values()) {
            if (sorted.score() == 0 && other != language) {
                Sorting there = sort(text, other);
                sorted = there.needsTriage() ? sorted : there;
            }
        }
        return sorted;
    }

    /** Sorts a text read in {@code language}, with that language's terms. */
    public Sorting sort(String text, Language language) {
        Set<String> request = new HashSet<>(analysis.terms(text, language));
        String best = null;
        double bestScore = 0;
        double second = 0;
        for (Map.Entry<String, List<Term>> c : categories.entrySet()) {
            double score = 0;
            for (Term term : c.getValue()) {
                if (term.language() == language && term.words().stream().allMatch(w -> w.in(request))) {
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

    /** The rules of a flow source read with that source's own text analysis. */
    public static CategorySorter load(FlowSource source) {
        return load(source, TextAnalysis.load(source));
    }

    /**
     * Reads {@code rules/sorting.yaml} of the flow source, or the packaged one when that source has none; a
     * broken file stops start-up like a broken flow.
     */
    public static CategorySorter load(FlowSource source, TextAnalysis analysis) {
        return load(source, analysis, "sorting.yaml");
    }

    /**
     * Reads weighted terms in the same format from another rules file of the flow source (e.g. the knowledge-gap
     * themes), or the packaged one when that source has none.
     */
    @SuppressWarnings("unchecked")
    public static CategorySorter load(FlowSource source, TextAnalysis analysis, String rulesFile) {
        FlowSource.NamedText file = source.rule(rulesFile)
                .or(() -> FlowSource.fromClasspath().rule(rulesFile))
                .orElseThrow(() -> new FlowValidationException(List.of(new FlowProblem(
                        source.description() + "/rules/" + rulesFile, 1, "the sorting rules are missing"))));
        List<FlowProblem> problems = new ArrayList<>();
        Map<String, List<Term>> categories = new LinkedHashMap<>();
        double threshold = 0;
        try {
            Map<String, Object> yaml = new org.yaml.snakeyaml.Yaml().load(file.content());
            threshold = ((Number) yaml.get("threshold")).doubleValue();
            for (Map.Entry<String, Object> c : ((Map<String, Object>) yaml.get("categories")).entrySet()) {
                List<Term> terms = new ArrayList<>();
                Map<String, Object> byLanguage = (Map<String, Object>) c.getValue();
                for (Language language : Language.values()) {
                    for (Map<String, Object> t : (List<Map<String, Object>>) byLanguage.getOrDefault(language.code(), List.of())) {
                        String text = t.get("term") == null ? "" : String.valueOf(t.get("term")).strip();
                        List<Word> words = analysis.terms(text, language).stream().distinct().map(CategorySorter::word).toList();
                        if (words.isEmpty() || !(t.get("weight") instanceof Number w)) {
                            problems.add(new FlowProblem(file.name(), 1, "category '" + c.getKey() + "' (" + language.code()
                                    + ") has a term without words (only stop words?) or numeric weight: " + t));
                            continue;
                        }
                        terms.add(new Term(text, language, words, w.doubleValue()));
                    }
                }
                categories.put(c.getKey(), List.copyOf(terms));
            }
        } catch (RuntimeException e) {
            problems.add(new FlowProblem(file.name(), 1, "cannot read the sorting rules: " + e.getMessage()
                    + " (expected threshold: N and categories: {id: {sv: [{term, weight}], en: [{term, weight}]}})"));
        }
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        return new CategorySorter(threshold, categories, analysis);
    }

    private static Word word(String text) {
        return new Word(text, text.length() >= TYPO_LENGTH
                ? new CharacterRunAutomaton(new LevenshteinAutomata(text, false).toAutomaton(1)) : null);
    }
}

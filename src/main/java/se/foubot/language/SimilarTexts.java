package se.foubot.language;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import se.foubot.conversation.Language;

/**
 * Finds which of a set of texts a new text is most like: the cosine of their analysed terms, each term weighted by
 * how rare it is among the texts (IDF), so that "MUL" counts for more than "ansökan" when every text mentions
 * an application. Words the texts never use count against a match, so a question about something else scores
 * low. Lucene's own scores are not comparable from one query to the next; a confidence must be, hence the
 * cosine here over Lucene's analysis. Several texts may share a key (a topic's phrasings); a key scores its best text.
 */
public final class SimilarTexts<K> {

    /** A key, how alike (0–1) its best text is, and how many analysed terms the two share. */
    public record Match<K>(K key, double similarity, int shared) {
    }

    private record Text<K>(K key, Set<String> terms, double norm) {
    }

    private final TextAnalysis analysis;
    private final Language language;
    private final List<Text<K>> texts = new ArrayList<>();
    private final Map<String, Double> idf = new HashMap<>();
    private final double unknownIdf;

    private SimilarTexts(TextAnalysis analysis, Language language, List<Map.Entry<K, String>> entries) {
        this.analysis = analysis;
        this.language = language;
        Map<String, Integer> documentFrequency = new HashMap<>();
        List<Map.Entry<K, Set<String>>> analysed = new ArrayList<>();
        for (Map.Entry<K, String> e : entries) {
            Set<String> terms = new LinkedHashSet<>(analysis.terms(e.getValue(), language));
            terms.forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            analysed.add(Map.entry(e.getKey(), terms));
        }
        int n = Math.max(1, entries.size());
        documentFrequency.forEach((term, df) -> idf.put(term, Math.log(1.0 + (double) n / df)));
        this.unknownIdf = Math.log(1.0 + n / 0.5);
        for (Map.Entry<K, Set<String>> e : analysed) {
            texts.add(new Text<>(e.getKey(), e.getValue(), norm(e.getValue())));
        }
    }

    /** The texts to compare with, as (key, text) pairs; a key may come several times. */
    public static <K> SimilarTexts<K> of(TextAnalysis analysis, Language language, List<Map.Entry<K, String>> texts) {
        return new SimilarTexts<>(analysis, language, texts);
    }

    /** The keys most like {@code text}, best first, at most {@code limit}, none below zero similarity. */
    public List<Match<K>> nearest(String text, int limit) {
        Set<String> query = new LinkedHashSet<>(analysis.terms(text, language));
        double queryNorm = norm(query);
        Map<K, Match<K>> best = new LinkedHashMap<>();
        if (queryNorm == 0) {
            return List.of();
        }
        for (Text<K> t : texts) {
            double dot = 0;
            int shared = 0;
            for (String term : query) {
                if (t.terms().contains(term)) {
                    double w = weight(term);
                    dot += w * w;
                    shared++;
                }
            }
            Match<K> m = new Match<>(t.key(), t.norm() == 0 ? 0 : dot / (queryNorm * t.norm()), shared);
            best.merge(t.key(), m, (a, b) -> b.similarity() > a.similarity() ? b : a);
        }
        return best.values().stream().filter(m -> m.similarity() > 0)
                .sorted(Comparator.comparingDouble((Match<K> m) -> m.similarity()).reversed())
                .limit(limit).toList();
    }

    private double weight(String term) {
        return idf.getOrDefault(term, unknownIdf);
    }

    private double norm(Set<String> terms) {
        double sum = 0;
        for (String t : terms) {
            double w = weight(t);
            sum += w * w;
        }
        return Math.sqrt(sum);
    }
}

package se.foubot.language;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

import se.foubot.conversation.FlowProblem;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.Language;

/**
 * Lucene's analysis of Swedish and English as the bot uses it everywhere it compares words: the knowledge base,
 * the category sorter and the grouping of similar texts. What differs per language (stemmer, stop words kept,
 * compound parts, synonyms) is data in {@code conversation-flows/language/sv.yaml} and {@code en.yaml}; a
 * mistake there stops start-up with file, line and reason, like a broken flow.
 */
public final class TextAnalysis {

    private final Map<Language, AnalysisRules> rules;
    private final Map<Language, ConfiguredAnalyzer> analyzers;
    private final Map<Language, CharArraySet> stopWords = new EnumMap<>(Language.class);

    private TextAnalysis(Map<Language, AnalysisRules> rules) {
        this.rules = rules;
        List<FlowProblem> problems = new ArrayList<>();
        Map<Language, ConfiguredAnalyzer> built = new EnumMap<>(Language.class);
        rules.forEach((language, r) -> built.put(language, build(r, problems, stopWords)));
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        this.analyzers = built;
    }

    /** Reads {@code language/sv.yaml} and {@code language/en.yaml} of the source, or the packaged ones it lacks. */
    public static TextAnalysis load(FlowSource source) {
        Map<Language, AnalysisRules> rules = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            String name = language.code() + ".yaml";
            FlowSource.NamedText file = source.languageFile(name)
                    .or(() -> FlowSource.fromClasspath().languageFile(name))
                    .orElseThrow(() -> new FlowValidationException(List.of(new FlowProblem(
                            source.description() + "/language/" + name, 1, "the text analysis of this language is missing"))));
            rules.put(language, AnalysisRules.parse(file.name(), file.content(), language));
        }
        return new TextAnalysis(rules);
    }

    /** The same analysis with another of Lucene's stemmers for {@code language}, to compare them. */
    public TextAnalysis withStemmer(Language language, String stemmer) {
        Stemmer other = Stemmer.named(language, stemmer);
        if (other == null) {
            throw new IllegalArgumentException("unknown stemmer " + stemmer + " for " + language + ": " + Stemmer.names(language));
        }
        Map<Language, AnalysisRules> changed = new EnumMap<>(rules);
        changed.put(language, rules.get(language).withStemmer(other));
        return new TextAnalysis(changed);
    }

    /** The stemmer in use for {@code language}, and the others Lucene offers for it. */
    public String stemmer(Language language) {
        return rules.get(language).stemmer().id();
    }

    public static List<String> stemmers(Language language) {
        return Stemmer.names(language);
    }

    /** The analysed terms of a text, in order; compound parts and synonyms stand beside or instead of their words. */
    public List<String> terms(String text, Language language) {
        return terms(analyzers.get(language), text == null ? "" : text);
    }

    /** The Lucene analyzer of a language, for indexing and similarity. */
    public Analyzer analyzer(Language language) {
        return analyzers.get(language);
    }

    private static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw ConfiguredAnalyzer.unexpected(e);
        }
        return out;
    }

    /**
     * The language a text is most likely written in, for text whose language nobody said (a mail): the one whose
     * stop words it uses more ("och", "att", "vi" against "the", "and", "we"), å, ä and ö counting for Swedish;
     * Swedish when it cannot tell.
     */
    public Language guess(String text) {
        return evidence(text).orElse(Language.SV);
    }

    /**
     * As {@link #guess}, but empty when the text has no word of either list and no å, ä or ö ("cancel FOU-2026-0001",
     * "ok", a name): then who asks knows better (the language of the task the mail is about).
     */
    public java.util.Optional<Language> evidence(String text) {
        if (text == null) {
            return java.util.Optional.empty();
        }
        int swedish = 0;
        int english = 0;
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}']+")) {
            if (stopWords.get(Language.SV).contains(word) || word.matches(".*[åäö].*")) {
                swedish++;
            }
            if (stopWords.get(Language.EN).contains(word)) {
                english++;
            }
        }
        return swedish == 0 && english == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(english > swedish ? Language.EN : Language.SV);
    }

    private static ConfiguredAnalyzer build(AnalysisRules r, List<FlowProblem> problems, Map<Language, CharArraySet> stopWords) {
        CharArraySet defaults = r.language() == Language.SV ? SwedishAnalyzer.getDefaultStopSet() : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (AnalysisRules.Word w : r.keptStopWords()) {
            String word = w.text().toLowerCase(java.util.Locale.ROOT);
            kept.add(word);
            if (!defaults.contains(word)) {
                problems.add(new FlowProblem(r.file(), w.line(), "'" + w.text() + "' is no stop word of Lucene's "
                        + r.language().code() + " list, so there is nothing to keep"));
            }
        }
        CharArraySet stop = new CharArraySet(defaults.size(), false);
        for (Object word : defaults) {
            String text = word instanceof char[] chars ? new String(chars) : word.toString();
            if (!kept.contains(text)) {
                stop.add(text);
            }
        }
        for (AnalysisRules.Word w : r.addedStopWords()) {
            stop.add(w.text().toLowerCase(java.util.Locale.ROOT));
        }
        // a stop word written without its å, ä or ö ("vad ar lum") is still a stop word; the filter runs before the
        // folding, so "år" as written stays a word and only "ar" as written is taken for "är"
        for (Object word : new java.util.ArrayList<>(stop)) {
            String text = word instanceof char[] chars ? new String(chars) : word.toString();
            String folded = ConfiguredAnalyzer.fold(text);
            if (!kept.contains(folded) && !keptFolded(kept).contains(folded)) {
                stop.add(folded);
            }
        }
        stopWords.put(r.language(), new CharArraySet(defaults, false));
        r.addedStopWords().forEach(w -> stopWords.get(r.language()).add(w.text().toLowerCase(java.util.Locale.ROOT)));
        CharArraySet parts = new CharArraySet(r.compoundParts().size(), false);
        for (AnalysisRules.Word w : r.compoundParts()) {
            String folded = ConfiguredAnalyzer.fold(w.text());
            if (!folded.matches("[a-z]{3,}")) {
                problems.add(new FlowProblem(r.file(), w.line(), "compound part '" + w.text() + "' must be one word of at least three letters"));
            }
            parts.add(folded);
        }
        ConfiguredAnalyzer plain = new ConfiguredAnalyzer(r.language(), r.stemmer(), stop, null, null);
        return new ConfiguredAnalyzer(r.language(), r.stemmer(), stop, parts, synonyms(r, plain, problems));
    }

    private static java.util.Set<String> keptFolded(java.util.Set<String> kept) {
        java.util.Set<String> folded = new java.util.HashSet<>();
        kept.forEach(k -> folded.add(ConfiguredAnalyzer.fold(k)));
        return folded;
    }

    /** Each entry of a group is read with the plain chain (stems, no synonyms) and replaced by the group's first entry. */
    private static SynonymMap synonyms(AnalysisRules r, ConfiguredAnalyzer plain, List<FlowProblem> problems) {
        SynonymMap.Builder builder = new SynonymMap.Builder(true);
        Map<String, Integer> seen = new HashMap<>();
        try {
            for (List<AnalysisRules.Word> group : r.synonyms()) {
                AnalysisRules.Word head = group.get(0);
                List<String> headTerms = terms(plain, head.text());
                if (headTerms.size() != 1) {
                    problems.add(new FlowProblem(r.file(), head.line(), "the first entry of a synonym group is what the others become and must be"
                            + " one word that is no stop word, not '" + head.text() + "'"));
                    continue;
                }
                CharsRef to = new CharsRef(headTerms.get(0));
                for (AnalysisRules.Word w : group.subList(1, group.size())) {
                    List<String> entry = terms(plain, w.text());
                    if (entry.isEmpty()) {
                        problems.add(new FlowProblem(r.file(), w.line(), "synonym '" + w.text() + "' has only stop words"));
                        continue;
                    }
                    // the same stem twice within a group is fine (another stemmer may tell them apart); in two groups it is not
                    Integer earlier = seen.putIfAbsent(String.join(" ", entry), head.line());
                    if (earlier != null && earlier != head.line()) {
                        problems.add(new FlowProblem(r.file(), w.line(), "synonym '" + w.text() + "' reads the same as an entry of the group on line " + earlier));
                        continue;
                    }
                    if (earlier == null && !entry.equals(headTerms)) {
                        builder.add(SynonymMap.Builder.join(entry.toArray(String[]::new), new CharsRefBuilder()), to, false);
                    }
                }
            }
            return builder.build();
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new FlowProblem(r.file(), 1, "cannot read the synonyms: " + e.getMessage()));
            return null;
        }
    }
}

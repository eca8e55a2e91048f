package se.foubot.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import se.foubot.conversation.FlowProblem;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.Language;
import se.foubot.conversation.YamlNodeReader;

/**
 * How one language's text is analysed, as read from {@code conversation-flows/language/<code>.yaml}: the stemmer,
 * changes to Lucene's stop words, the word parts compounds are split into, and groups of synonyms.
 *
 * @param stemmer       one of {@link Stemmer#names(Language)}
 * @param keptStopWords Lucene stop words that carry meaning here ("när", "vad", "inte")
 * @param compoundParts words found inside compounds ("ansökningsdag" → "ansökning", "dag")
 * @param synonyms      each group's first entry is what the others become
 */
record AnalysisRules(String file, Language language, Stemmer stemmer, List<Word> keptStopWords, List<Word> addedStopWords,
        List<Word> compoundParts, List<List<Word>> synonyms) {

    /** A word or phrase of the file, with its line for error messages. */
    record Word(String text, int line) {
    }

    AnalysisRules withStemmer(Stemmer other) {
        return new AnalysisRules(file, language, other, keptStopWords, addedStopWords, compoundParts, synonyms);
    }

    static AnalysisRules parse(String fileName, String content, Language language) {
        List<FlowProblem> problems = new ArrayList<>();
        YamlNodeReader r = new YamlNodeReader(fileName, problems);
        Node root = YamlNodeReader.compose(fileName, content);
        Map<String, Node> top = root == null ? null
                : r.mapping(root, "the language file", Set.of("language", "stemmer", "stop-words", "compound-parts", "synonyms"));
        if (top == null) {
            throw new FlowValidationException(List.of(new FlowProblem(fileName, 1, "the language file is empty")));
        }
        String code = r.string(top, "language", "the language file", true, root);
        if (code != null && !code.equals(language.code())) {
            r.problem(top.get("language"), "this file is for '" + language.code() + "', not '" + code + "'");
        }
        Stemmer stemmer = null;
        String stemmerName = r.string(top, "stemmer", "the language file", true, root);
        if (stemmerName != null) {
            stemmer = Stemmer.named(language, stemmerName);
            if (stemmer == null) {
                r.problem(top.get("stemmer"), "unknown stemmer '" + stemmerName + "' for " + language.code() + " (known: "
                        + String.join(", ", Stemmer.names(language)) + ")");
            }
        }
        List<Word> kept = List.of();
        List<Word> added = List.of();
        if (top.containsKey("stop-words")) {
            Map<String, Node> stop = r.mapping(top.get("stop-words"), "stop-words", Set.of("keep", "add"));
            if (stop != null) {
                kept = words(r, stop.get("keep"), "stop-words: keep");
                added = words(r, stop.get("add"), "stop-words: add");
            }
        }
        List<Word> parts = words(r, top.get("compound-parts"), "compound-parts");
        List<List<Word>> synonyms = new ArrayList<>();
        for (Node group : r.sequence(top.get("synonyms"), "synonyms")) {
            List<Word> entries = words(r, group, "a synonym group");
            if (entries.size() < 2) {
                r.problem(group, "a synonym group needs at least two entries: [what the others become, other, …]");
            } else {
                synonyms.add(entries);
            }
        }
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        return new AnalysisRules(fileName, language, stemmer, kept, added, parts, List.copyOf(synonyms));
    }

    private static List<Word> words(YamlNodeReader r, Node node, String what) {
        List<Word> out = new ArrayList<>();
        for (Node n : r.sequence(node, what)) {
            if (n instanceof ScalarNode s && !s.getValue().isBlank()) {
                out.add(new Word(s.getValue().strip(), YamlNodeReader.line(n)));
            } else {
                r.problem(n, what + " must hold non-empty words");
            }
        }
        return out;
    }
}

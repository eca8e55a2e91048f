package se.foubot.knowledge;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

import se.foubot.conversation.FlowProblem;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.Language;
import se.foubot.conversation.LocalizedText;
import se.foubot.conversation.YamlNodeReader;

/**
 * Reads the knowledge base: the sources and thresholds of {@code rules/knowledge.yaml} and one topic per file in
 * {@code knowledge/}. Every mistake of every file is reported at once with file, line and reason, and stops
 * start-up like a broken flow.
 */
final class KnowledgeLoader {

    static final String RULES = "knowledge.yaml";
    private static final int MIN_SWEDISH_QUESTIONS = 3;
    private static final int MIN_ENGLISH_QUESTIONS = 2;

    record Loaded(List<Topic> topics, MatchingRules matching) {
    }

    private KnowledgeLoader() {
    }

    static Loaded load(FlowSource source, AnswerPlaceholders placeholders) {
        FlowSource.NamedText rulesFile = source.rule(RULES).or(() -> FlowSource.fromClasspath().rule(RULES))
                .orElseThrow(() -> new FlowValidationException(List.of(new FlowProblem(
                        source.description() + "/rules/" + RULES, 1, "the knowledge base's sources and thresholds are missing"))));
        List<FlowSource.NamedText> topicFiles = source.knowledge().isEmpty() ? FlowSource.fromClasspath().knowledge() : source.knowledge();
        List<FlowProblem> problems = new ArrayList<>();
        Map<String, KnowledgeSource> sources = new LinkedHashMap<>();
        MatchingRules matching = rules(rulesFile, sources, problems);
        List<Topic> topics = new ArrayList<>();
        for (FlowSource.NamedText file : topicFiles) {
            Topic t = topic(file, sources, placeholders, problems);
            if (t != null) {
                if (topics.stream().anyMatch(x -> x.id().equals(t.id()))) {
                    problems.add(new FlowProblem(file.name(), 1, "topic id '" + t.id() + "' is used by another file too"));
                }
                topics.add(t);
            }
        }
        if (topicFiles.isEmpty()) {
            problems.add(new FlowProblem(source.description() + "/knowledge", 1, "the knowledge base has no topics"));
        }
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        return new Loaded(List.copyOf(topics), matching);
    }

    private static Node compose(FlowSource.NamedText file, List<FlowProblem> problems) {
        try {
            Node root = new Yaml().compose(new StringReader(file.content()));
            if (root == null) {
                problems.add(new FlowProblem(file.name(), 1, "the file is empty"));
            }
            return root;
        } catch (RuntimeException e) {
            problems.add(new FlowProblem(file.name(), 1, "not valid YAML: " + e.getMessage()));
            return null;
        }
    }

    private static MatchingRules rules(FlowSource.NamedText file, Map<String, KnowledgeSource> sources, List<FlowProblem> problems) {
        Node root = compose(file, problems);
        if (root == null) {
            return null;
        }
        YamlNodeReader r = new YamlNodeReader(file.name(), problems);
        Map<String, Node> top = r.mapping(root, "the knowledge rules", Set.of("sources", "matching"));
        if (top == null) {
            return null;
        }
        Map<String, Node> entries = top.containsKey("sources") ? r.mapping(top.get("sources"), "sources", null) : null;
        if (entries == null || entries.isEmpty()) {
            r.problem(root, "the knowledge rules name no sources");
        } else {
            entries.forEach((id, n) -> {
                String what = "source " + id;
                Map<String, Node> s = r.mapping(n, what, Set.of("title", "by", "year"));
                if (s != null) {
                    String title = r.string(s, "title", what, true, n);
                    LocalizedText by = r.text(s, "by", what, true, n);
                    Long year = r.number(s, "year", what);
                    if (year == null || year < 1990 || year > 2100) {
                        r.problem(n, what + " needs the year of the document (e.g. 2024)");
                    } else if (title != null && by != null) {
                        sources.put(id, new KnowledgeSource(id, title, by, year.intValue()));
                    }
                }
            });
        }
        Map<String, Node> m = top.containsKey("matching") ? r.mapping(top.get("matching"), "matching", Set.of("confident", "unsure", "margin", "shared-terms", "alone")) : null;
        if (m == null) {
            r.problem(root, "the knowledge rules have no 'matching' (confident, unsure, margin, shared-terms, alone)");
            return null;
        }
        Double confident = fraction(r, m, "confident", root);
        Double unsure = fraction(r, m, "unsure", root);
        Double margin = fraction(r, m, "margin", root);
        Double alone = fraction(r, m, "alone", root);
        Long shared = r.number(m, "shared-terms", "matching");
        if (shared == null || shared < 1) {
            r.problem(m.getOrDefault("shared-terms", root), "matching needs 'shared-terms': a whole number of at least 1");
            return null;
        }
        if (confident == null || unsure == null || margin == null || alone == null) {
            return null;
        }
        if (unsure > confident) {
            r.problem(m.get("unsure"), "'unsure' (" + unsure + ") must not be above 'confident' (" + confident + ")");
        }
        return new MatchingRules(confident, unsure, margin, shared.intValue(), alone);
    }

    private static Double fraction(YamlNodeReader r, Map<String, Node> m, String key, Node owner) {
        String v = r.string(m, key, "matching", true, owner);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        r.problem(m.get(key), "'" + key + "' of matching must be a number from 0 to 1, not '" + v + "'");
        return null;
    }

    private static Topic topic(FlowSource.NamedText file, Map<String, KnowledgeSource> sources, AnswerPlaceholders placeholders,
            List<FlowProblem> problems) {
        Node root = compose(file, problems);
        if (root == null) {
            return null;
        }
        YamlNodeReader r = new YamlNodeReader(file.name(), problems);
        Map<String, Node> t = r.mapping(root, "a topic", Set.of("id", "title", "questions", "answer", "sources", "year"));
        if (t == null) {
            return null;
        }
        String id = r.string(t, "id", "a topic", true, root);
        String fileId = file.name().replaceAll("^.*/", "").replaceAll("\\.ya?ml$", "");
        if (id != null && !id.equals(fileId)) {
            r.problem(t.get("id"), "the topic id '" + id + "' must be its file name ('" + fileId + "')");
        }
        if (id != null && !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            r.problem(t.get("id"), "a topic id is lower-case words joined by dashes, not '" + id + "'");
        }
        String what = "topic " + id;
        LocalizedText title = bothLanguages(r, t, "title", what, root);
        LocalizedText answer = bothLanguages(r, t, "answer", what, root);
        if (answer != null) {
            for (Language language : Language.values()) {
                for (String problem : placeholders.problems(answer.in(language))) {
                    r.problem(t.get("answer"), "answer (" + language.code() + ") of " + what + ": " + problem);
                }
            }
        }
        Map<Language, List<String>> questions = new EnumMap<>(Language.class);
        Map<String, Node> q = t.containsKey("questions") ? r.mapping(t.get("questions"), "'questions' of " + what, Set.of("sv", "en")) : null;
        if (q == null) {
            r.problem(root, what + " has no 'questions' (sv: and en: lists of how people ask)");
        } else {
            questions.put(Language.SV, atLeast(r, q, "sv", MIN_SWEDISH_QUESTIONS, what, t.get("questions")));
            questions.put(Language.EN, atLeast(r, q, "en", MIN_ENGLISH_QUESTIONS, what, t.get("questions")));
        }
        List<KnowledgeSource> cited = new ArrayList<>();
        List<String> sourceIds = r.strings(t.get("sources"), "'sources' of " + what);
        if (sourceIds.isEmpty()) {
            r.problem(root, what + " names no sources (ids from rules/knowledge.yaml)");
        }
        for (String s : sourceIds) {
            KnowledgeSource known = sources.get(s);
            if (known == null) {
                r.problem(t.get("sources"), what + " names unknown source '" + s + "' (known: " + String.join(", ", sources.keySet()) + ")");
            } else {
                cited.add(known);
            }
        }
        Long year = r.number(t, "year", what);
        if (year == null || year < 1990 || year > 2100) {
            r.problem(t.getOrDefault("year", root), what + " needs 'year': the year the answer holds for (e.g. 2023)");
            return null;
        }
        if (id == null || title == null || answer == null || q == null) {
            return null;
        }
        return new Topic(id, file.name(), title, questions, answer, List.copyOf(cited), year.intValue());
    }

    private static LocalizedText bothLanguages(YamlNodeReader r, Map<String, Node> t, String key, String what, Node owner) {
        LocalizedText text = r.text(t, key, what, true, owner);
        if (text != null && text.en() == null) {
            r.problem(t.get(key), "'" + key + "' of " + what + " has no English text (en:)");
        }
        return text;
    }

    private static List<String> atLeast(YamlNodeReader r, Map<String, Node> q, String language, int min, String what, Node owner) {
        List<String> list = r.strings(q.get(language), "'questions: " + language + "' of " + what);
        if (list.size() < min) {
            r.problem(q.getOrDefault(language, owner), what + " needs at least " + min + " questions in '" + language
                    + "' (how people ask), has " + list.size());
        }
        return List.copyOf(list);
    }
}

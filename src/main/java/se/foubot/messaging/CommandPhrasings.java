package se.foubot.messaging;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.nodes.Node;

import se.foubot.conversation.FlowProblem;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.Language;
import se.foubot.conversation.YamlNodeReader;
import se.foubot.language.SimilarTexts;
import se.foubot.language.TextAnalysis;

/**
 * Commands said in other words ({@code rules/commands.yaml}): "kan du visa mina ärenden" is "status". A message is
 * compared with each command's phrasings after the shared text analysis; close enough, it reads as the command's
 * word (with the person's words after it, for a command that reads them).
 */
public final class CommandPhrasings {

    static final String FILE = "commands.yaml";
    /** As alike as this, a phrasing of one word ("jag vill ha påminnelser") is the message. */
    private static final double SAME = 0.99;
    private static final Logger log = LoggerFactory.getLogger(CommandPhrasings.class);

    /**
     * A command's word; whether the person's words go after it; whether a question may say it (a question about the
     * deadline is not a wish to be reminded of it); the words of which a message must use one (after the analysis).
     */
    private record Said(String word, boolean withWords, boolean questions, Set<String> needs) {

        boolean takes(String text, TextAnalysis analysis, Language language) {
            if (!questions && Asking.isQuestion(text)) {
                return false;
            }
            return needs.isEmpty() || analysis.terms(text, language).stream().anyMatch(needs::contains);
        }
    }

    private final Map<Language, SimilarTexts<Said>> phrasings = new EnumMap<>(Language.class);
    private final TextAnalysis analysis;
    private final double similarity;
    private final int sharedTerms;

    private CommandPhrasings(Map<Language, List<Map.Entry<Said, String>>> texts, TextAnalysis analysis, double similarity,
            int sharedTerms) {
        this.analysis = analysis;
        texts.forEach((language, list) -> phrasings.put(language, SimilarTexts.of(analysis, language, list)));
        this.similarity = similarity;
        this.sharedTerms = sharedTerms;
    }

    /** Reads and checks {@code rules/commands.yaml}; a mistake stops start-up with file, line and reason. */
    public static CommandPhrasings load(FlowSource source, TextAnalysis analysis) {
        FlowSource.NamedText file = source.rule(FILE).or(() -> FlowSource.fromClasspath().rule(FILE))
                .orElseThrow(() -> new FlowValidationException(List.of(new FlowProblem(source.description() + "/rules/" + FILE, 1,
                        "the phrasings of the commands are missing"))));
        List<FlowProblem> problems = new ArrayList<>();
        YamlNodeReader yaml = new YamlNodeReader(file.name(), problems);
        Node root = YamlNodeReader.compose(file.name(), file.content());
        Map<String, Node> top = yaml.mapping(root, "the command phrasings", Set.of("similarity", "shared-terms", "commands"));
        Map<Language, List<Map.Entry<Said, String>>> texts = new EnumMap<>(Language.class);
        double similarity = 1;
        int shared = 1;
        if (top != null) {
            String s = yaml.string(top, "similarity", "the command phrasings", true, root);
            try {
                similarity = s == null ? 1 : Double.parseDouble(s);
                if (similarity <= 0 || similarity > 1) {
                    yaml.problem(top.get("similarity"), "'similarity' must be above 0 and at most 1");
                }
            } catch (NumberFormatException e) {
                yaml.problem(top.get("similarity"), "'similarity' must be a number between 0 and 1, not '" + s + "'");
            }
            Long n = yaml.number(top, "shared-terms", "the command phrasings");
            shared = n == null ? 1 : n.intValue();
            Map<String, Node> commands = top.get("commands") == null ? null
                    : yaml.mapping(top.get("commands"), "'commands'", null);
            if (commands == null || commands.isEmpty()) {
                yaml.problem(root, "'commands' must name at least one command with its phrasings");
            } else {
                commands.forEach((word, node) -> {
                    Map<String, Node> c = yaml.mapping(node, "command '" + word + "'", Set.of("sv", "en", "with-words", "questions",
                            "needs"));
                    if (c == null) {
                        return;
                    }
                    String what = "command '" + word + "'";
                    Set<String> needs = new java.util.HashSet<>();
                    for (String w : yaml.strings(c.get("needs"), "the words '" + word + "' needs")) {
                        List<String> terms = new ArrayList<>();
                        for (Language language : Language.values()) {
                            terms.addAll(analysis.terms(w, language));
                        }
                        if (terms.isEmpty()) {
                            yaml.problem(c.get("needs"), "'" + w + "' in the words '" + word + "' needs is only stop words");
                        }
                        needs.addAll(terms);
                    }
                    Said said = new Said(word, yaml.bool(c, "with-words", what),
                            !c.containsKey("questions") || yaml.bool(c, "questions", what), Set.copyOf(needs));
                    if (!c.containsKey("sv")) {
                        yaml.problem(node, "command '" + word + "' has no Swedish phrasings (sv:)");
                    }
                    for (Language language : Language.values()) {
                        yaml.strings(c.get(language.code()), "the phrasings of '" + word + "'")
                                .forEach(p -> texts.computeIfAbsent(language, l -> new ArrayList<>()).add(Map.entry(said, p)));
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        log.info("event=command_phrasings_loaded phrasings={}", texts.values().stream().mapToInt(List::size).sum());
        return new CommandPhrasings(texts, analysis, similarity, shared);
    }

    /** The command this text says in other words, as the command's own word(s); empty when it says none. */
    public Optional<String> command(String text, Language language) {
        Optional<String> said = command(text, language, phrasings.get(language));
        // "show my requests" from someone the bot speaks Swedish with: the other language's phrasings next
        for (Language other : Language.values()) {
            if (said.isEmpty() && other != language) {
                said = command(text, other, phrasings.get(other));
            }
        }
        return said;
    }

    private Optional<String> command(String text, Language language, SimilarTexts<Said> texts) {
        if (texts == null || text == null || text.isBlank()) {
            return Optional.empty();
        }
        return texts.nearest(text, 3).stream().filter(m -> m.similarity() >= similarity && (m.shared() >= sharedTerms || m.similarity() >= SAME))
                .filter(m -> m.key().takes(text, analysis, language)).findFirst().map(m -> m.key().withWords() ? m.key().word() + " " + text.strip() : m.key().word());
    }
}

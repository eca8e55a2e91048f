package se.foubot.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

import se.foubot.conversation.Language;

/** The evaluation sets in the test resources: the knowledge base's phrasings and the sorter's requests. */
public final class EvaluationSets {

    /** A phrasing and what should happen ("topic:sista-dag", "command:status", "small-talk", "off-topic", "unanswerable"). */
    public record Phrasing(Language language, String say, String expect) {
        public boolean isTopic() {
            return expect.startsWith("topic:");
        }
    }

    /** A request and the category a person would give it ("triage": none). */
    public record Request(String text, String category) {
    }

    private EvaluationSets() {
    }

    public static List<Phrasing> knowledgePhrasings() {
        return EvaluationSets.<Map<String, String>>read("/knowledge/evaluation.yaml", "cases").stream()
                .map(m -> new Phrasing(Language.valueOf(m.get("lang").toUpperCase()), m.get("say"), m.get("expect"))).toList();
    }

    /** {@code tuning.yaml} (the rules are tuned against it) or {@code held-out.yaml} (never tuned against). */
    public static List<Request> sortingRequests(String file) {
        return EvaluationSets.<Map<String, String>>read("/sorting/" + file, "requests").stream()
                .map(m -> new Request(m.get("text"), m.get("category"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> read(String resource, String key) {
        try (InputStream in = EvaluationSets.class.getResourceAsStream(resource)) {
            Map<String, Object> yaml = new Yaml().load(in);
            return (List<T>) yaml.get(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

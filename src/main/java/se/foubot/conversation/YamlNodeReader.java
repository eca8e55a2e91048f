package se.foubot.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads SnakeYAML's node tree (which keeps line numbers) and records every problem with file and line,
 * so that a flow author sees all mistakes of a file at once.
 */
public final class YamlNodeReader {

    private final String file;
    private final List<FlowProblem> problems;

    public YamlNodeReader(String file, List<FlowProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    public String file() {
        return file;
    }

    /** The node tree of a YAML text, or a stop with file and reason when it is no YAML at all. Null for an empty text. */
    public static Node compose(String file, String content) {
        try {
            return new org.yaml.snakeyaml.Yaml().compose(new java.io.StringReader(content));
        } catch (RuntimeException e) {
            throw new FlowValidationException(List.of(new FlowProblem(file, 1, "not valid YAML: " + e.getMessage())));
        }
    }

    public static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    public void problem(Node at, String reason) {
        problems.add(new FlowProblem(file, at == null ? 1 : line(at), reason));
    }

    /** The entries of a mapping, in file order; unknown keys are problems. Null when {@code node} is no mapping. */
    public Map<String, Node> mapping(Node node, String what, Set<String> allowedKeys) {
        if (!(node instanceof MappingNode m)) {
            problem(node, what + " must be a mapping (key: value)");
            return null;
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), what + " has a key that is not a plain word");
                continue;
            }
            String key = k.getValue();
            if (allowedKeys != null && !allowedKeys.contains(key)) {
                problem(k, "unknown key '" + key + "' in " + what + " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowedKeys)) + ")");
            } else if (entries.put(key, t.getValueNode()) != null) {
                problem(k, "key '" + key + "' appears twice in " + what);
            }
        }
        return entries;
    }

    public String string(Map<String, Node> entries, String key, String what, boolean required, Node owner) {
        Node n = entries.get(key);
        if (n == null) {
            if (required) {
                problem(owner, what + " has no '" + key + "'");
            }
            return null;
        }
        if (!(n instanceof ScalarNode s) || s.getValue().isBlank()) {
            problem(n, "'" + key + "' of " + what + " must be a non-empty text");
            return null;
        }
        return s.getValue().strip();
    }

    public boolean bool(Map<String, Node> entries, String key, String what) {
        String v = string(entries, key, what, false, null);
        if (v == null) {
            return false;
        }
        if (!v.equals("true") && !v.equals("false")) {
            problem(entries.get(key), "'" + key + "' of " + what + " must be true or false");
        }
        return v.equals("true");
    }

    public Long number(Map<String, Node> entries, String key, String what) {
        String v = string(entries, key, what, false, null);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            problem(entries.get(key), "'" + key + "' of " + what + " must be a whole number, not '" + v + "'");
            return null;
        }
    }

    public List<Node> sequence(Node node, String what) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode s)) {
            problem(node, what + " must be a list");
            return List.of();
        }
        return s.getValue();
    }

    public List<String> strings(Node node, String what) {
        List<String> out = new ArrayList<>();
        for (Node n : sequence(node, what)) {
            if (n instanceof ScalarNode s && !s.getValue().isBlank()) {
                out.add(s.getValue().strip());
            } else {
                problem(n, what + " must hold non-empty texts");
            }
        }
        return out;
    }

    /** {@code {sv: …, en: …}}; Swedish is required when {@code required}, and always when the text is given. */
    public LocalizedText text(Map<String, Node> entries, String key, String what, boolean required, Node owner) {
        Node n = entries.get(key);
        if (n == null) {
            if (required) {
                problem(owner, what + " has no '" + key + "' (with sv: and en:)");
            }
            return null;
        }
        Map<String, Node> langs = mapping(n, "'" + key + "' of " + what, Set.of("sv", "en"));
        if (langs == null) {
            return null;
        }
        String sv = string(langs, "sv", "'" + key + "' of " + what, false, n);
        if (sv == null) {
            problem(n, "'" + key + "' of " + what + " has no Swedish text (sv:)");
            return null;
        }
        return new LocalizedText(sv, string(langs, "en", "'" + key + "' of " + what, false, n));
    }
}

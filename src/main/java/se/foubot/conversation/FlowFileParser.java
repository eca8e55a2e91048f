package se.foubot.conversation;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses flow files and option-list files into the model, recording every problem with file and line.
 * Cross-file checks (step references, outcomes, duplicate flow ids) are {@link FlowValidator}'s.
 */
final class FlowFileParser {

    private static final Set<String> FLOW_KEYS =
            Set.of("id", "title", "intro", "triggers", "steps", "outcome", "done", "confirm", "by-mail", "opening-words");
    private static final Set<String> BY_MAIL_KEYS = Set.of("labels", "none");
    private static final Set<String> TRIGGER_KEYS = Set.of("words", "commands");
    private static final Set<String> STEP_KEYS = Set.of("id", "type", "text", "label", "help", "errors",
            "optional", "next", "branches", "min-length", "max-length", "min", "max", "not-past", "options",
            "options-from", "extra-options", "aliases");
    private static final Set<String> OPTION_KEYS = Set.of("id", "sv", "en", "aliases");
    private static final Set<String> LIST_KEYS = Set.of("id", "options");

    private final Map<String, OptionList> lists;

    /** @param lists the option lists that {@code options-from} may name */
    FlowFileParser(Map<String, OptionList> lists) {
        this.lists = lists;
    }

    static Node compose(String file, String content, List<FlowProblem> problems) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new StringReader(content));
            if (root == null) {
                problems.add(new FlowProblem(file, 1, "the file is empty"));
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(new FlowProblem(file, line, "not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            problems.add(new FlowProblem(file, 1, "not valid YAML: " + e.getMessage()));
        }
        return null;
    }

    static OptionList parseList(String file, String content, List<FlowProblem> problems) {
        Node root = compose(file, content, problems);
        if (root == null) {
            return null;
        }
        YamlNodeReader r = new YamlNodeReader(file, problems);
        Map<String, Node> top = r.mapping(root, "the list", LIST_KEYS);
        if (top == null) {
            return null;
        }
        String id = r.string(top, "id", "the list", true, root);
        List<ChoiceOption> options = parseOptions(r, top.get("options"), "list '" + id + "'");
        if (options.isEmpty()) {
            r.problem(root, "list '" + id + "' has no options");
        }
        return id == null ? null : new OptionList(id, file, options);
    }

    private static List<ChoiceOption> parseOptions(YamlNodeReader r, Node node, String what) {
        List<ChoiceOption> options = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (Node n : r.sequence(node, "options of " + what)) {
            Map<String, Node> o = r.mapping(n, "an option of " + what, OPTION_KEYS);
            if (o == null) {
                continue;
            }
            String id = r.string(o, "id", "an option of " + what, true, n);
            String sv = r.string(o, "sv", "option '" + id + "' of " + what, false, n);
            if (sv == null) {
                r.problem(n, "option '" + id + "' of " + what + " has no Swedish text (sv:)");
                continue;
            }
            if (id != null && !ids.add(id)) {
                r.problem(n, "option id '" + id + "' appears twice in " + what);
            }
            String en = r.string(o, "en", "option '" + id + "' of " + what, false, n);
            options.add(new ChoiceOption(id, new LocalizedText(sv, en), r.strings(o.get("aliases"), "aliases")));
        }
        return options;
    }

    Flow parseFlow(String file, String content, List<FlowProblem> problems) {
        Node root = compose(file, content, problems);
        if (root == null) {
            return null;
        }
        YamlNodeReader r = new YamlNodeReader(file, problems);
        Map<String, Node> top = r.mapping(root, "the flow", FLOW_KEYS);
        if (top == null) {
            return null;
        }
        String id = r.string(top, "id", "the flow", true, root);
        String what = "flow '" + id + "'";
        LocalizedText title = r.text(top, "title", what, true, root);
        LocalizedText intro = r.text(top, "intro", what, false, root);
        LocalizedText done = r.text(top, "done", what, true, root);
        String outcome = r.string(top, "outcome", what, true, root);

        Map<Language, List<String>> words = new EnumMap<>(Language.class);
        List<String> commands = new ArrayList<>();
        Node triggersNode = top.get("triggers");
        // no triggers: the flow is started only by the bot
        if (triggersNode != null) {
            Map<String, Node> triggers = r.mapping(triggersNode, "triggers of " + what, TRIGGER_KEYS);
            if (triggers != null) {
                Node wordsNode = triggers.get("words");
                if (wordsNode != null) {
                    Map<String, Node> byLang = r.mapping(wordsNode, "trigger words of " + what, Set.of("sv", "en"));
                    if (byLang != null) {
                        byLang.forEach((lang, list) -> words.put(Language.valueOf(lang.toUpperCase()),
                                r.strings(list, "trigger words (" + lang + ")")));
                    }
                }
                commands.addAll(r.strings(triggers.get("commands"), "trigger commands of " + what));
            }
        }

        List<Step> steps = new ArrayList<>();
        Node stepsNode = top.get("steps");
        if (stepsNode == null) {
            r.problem(root, what + " has no 'steps'");
        }
        for (Node s : r.sequence(stepsNode, "steps of " + what)) {
            Step step = parseStep(r, s, what);
            if (step != null) {
                steps.add(step);
            }
        }
        if (stepsNode != null && steps.isEmpty() && r.sequence(stepsNode, "steps").isEmpty()) {
            r.problem(stepsNode, what + " has no steps");
        }
        if (id == null || title == null || done == null || outcome == null || steps.isEmpty()) {
            return null;
        }
        boolean confirm = !top.containsKey("confirm") || r.bool(top, "confirm", what);
        List<WrittenField> byMail = byMail(r, top.get("by-mail"), steps, what);
        String opening = r.string(top, "opening-words", what, false, root);
        if (opening != null && steps.stream().noneMatch(st -> st.id().equals(opening) && st.type() == AnswerType.TEXT)) {
            r.problem(top.get("opening-words"), "opening-words of " + what + " names '" + opening + "', which is no text step of it");
            return null;
        }
        return new Flow(id, file, title, intro, words, List.copyOf(commands), List.copyOf(steps), outcome, done,
                YamlNodeReader.line(top.get("id")), YamlNodeReader.line(top.get("outcome")), confirm, byMail, opening);
    }

    /** {@code by-mail}: the steps a request written in one mail must answer, in the order the mail asks for them. */
    private static List<WrittenField> byMail(YamlNodeReader r, Node node, List<Step> steps, String what) {
        List<WrittenField> fields = new ArrayList<>();
        if (node == null) {
            return fields;
        }
        Map<String, Node> byStep = r.mapping(node, "by-mail of " + what, null);
        if (byStep == null) {
            return fields;
        }
        for (Map.Entry<String, Node> e : byStep.entrySet()) {
            String stepId = e.getKey();
            Step step = steps.stream().filter(x -> x.id().equals(stepId)).findFirst().orElse(null);
            if (step == null) {
                r.problem(node, "by-mail of " + what + " names step '" + stepId + "', which the flow does not have");
                continue;
            }
            List<String> labels = List.of();
            Map<Language, List<String>> none = new EnumMap<>(Language.class);
            if (e.getValue() instanceof org.yaml.snakeyaml.nodes.MappingNode) {
                Map<String, Node> m = r.mapping(e.getValue(), "by-mail '" + stepId + "' of " + what, BY_MAIL_KEYS);
                if (m != null) {
                    labels = r.strings(m.get("labels"), "labels of by-mail '" + stepId + "'");
                    if (m.get("none") != null) {
                        Map<String, Node> byLang = r.mapping(m.get("none"), "none of by-mail '" + stepId + "'", Set.of("sv", "en"));
                        if (byLang != null) {
                            byLang.forEach((lang, list) -> none.put(Language.valueOf(lang.toUpperCase()),
                                    r.strings(list, "none of by-mail '" + stepId + "' (" + lang + ")")));
                        }
                    }
                }
            }
            if (!none.isEmpty() && !step.optional()) {
                r.problem(e.getValue(), "by-mail '" + stepId + "' of " + what + " lists words for no answer, but the step is not optional");
            }
            fields.add(new WrittenField(stepId, labels, none));
        }
        return List.copyOf(fields);
    }

    private Step parseStep(YamlNodeReader r, Node node, String flowWhat) {
        Map<String, Node> s = r.mapping(node, "a step of " + flowWhat, STEP_KEYS);
        if (s == null) {
            return null;
        }
        String id = r.string(s, "id", "a step of " + flowWhat, true, node);
        String what = "step '" + id + "'";
        if (id != null && !id.matches("[A-Za-z0-9_-]+")) {
            // step ids are keys of the stored answers: MongoDB field names allow no dots
            r.problem(s.get("id"), what + " has an id with other than letters, digits, - and _");
        }
        String typeName = r.string(s, "type", what, true, node);
        AnswerType type = null;
        if (typeName != null) {
            type = AnswerType.fromYaml(typeName).orElse(null);
            if (type == null) {
                r.problem(s.get("type"), what + " has unknown answer type '" + typeName + "' (known: "
                        + AnswerType.allNames() + ")");
            }
        }
        LocalizedText text = r.text(s, "text", what, true, node);
        LocalizedText label = r.text(s, "label", what, false, node);
        LocalizedText help = r.text(s, "help", what, false, node);

        Map<String, LocalizedText> errors = new LinkedHashMap<>();
        Node errorsNode = s.get("errors");
        if (errorsNode != null) {
            Map<String, Node> e = r.mapping(errorsNode, "errors of " + what, AnswerError.KEYS);
            if (e != null) {
                for (String key : e.keySet()) {
                    LocalizedText t = r.text(e, key, "errors of " + what, true, errorsNode);
                    if (t != null) {
                        errors.put(key, t);
                    }
                }
            }
        }

        Map<String, String> branches = new LinkedHashMap<>();
        Node branchesNode = s.get("branches");
        if (branchesNode != null) {
            Map<String, Node> b = r.mapping(branchesNode, "branches of " + what, null);
            if (b != null) {
                for (String k : b.keySet()) {
                    String target = r.string(b, k, "branches of " + what, true, branchesNode);
                    if (target != null) {
                        branches.put(k, target);
                    }
                }
            }
        }

        List<ChoiceOption> options = new ArrayList<>(parseOptions(r, s.get("options"), what));
        String from = r.string(s, "options-from", what, false, node);
        if (from != null) {
            OptionList list = lists.get(from);
            if (list == null) {
                r.problem(s.get("options-from"), what + " takes options from unknown list '" + from + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(lists.keySet())) + ")");
            } else {
                options.addAll(0, list.options());
            }
        }
        options.addAll(parseOptions(r, s.get("extra-options"), what));

        Long min = r.number(s, "min", what);
        Long max = r.number(s, "max", what);
        Long minLength = r.number(s, "min-length", what);
        Long maxLength = r.number(s, "max-length", what);
        boolean optional = r.bool(s, "optional", what);
        boolean notPast = r.bool(s, "not-past", what);
        String next = r.string(s, "next", what, false, node);

        if (type == AnswerType.CHOICE && options.isEmpty()) {
            r.problem(node, what + " is a choice but has no options (options:, options-from: or extra-options:)");
        }
        if (type != AnswerType.CHOICE && (s.containsKey("options") || from != null || s.containsKey("extra-options"))) {
            r.problem(node, what + " has options but is not a choice step");
        }
        if (min != null && max != null && min > max) {
            r.problem(s.get("min"), what + " has min " + min + " above max " + max);
        }
        if (minLength != null && maxLength != null && minLength > maxLength) {
            r.problem(s.get("min-length"), what + " has min-length " + minLength + " above max-length " + maxLength);
        }
        if (id == null || type == null || text == null) {
            return null;
        }
        return new Step(id, type, text, label, help, Map.copyOf(errors), optional, next, branches,
                minLength == null ? null : minLength.intValue(), maxLength == null ? null : maxLength.intValue(),
                min, max, notPast, List.copyOf(options), from, r.strings(s.get("aliases"), "the aliases of " + what),
                YamlNodeReader.line(node));
    }
}

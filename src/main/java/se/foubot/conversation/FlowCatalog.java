package se.foubot.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated flows and option lists. Built once at start-up; a broken flow stops start-up with a
 * {@link FlowValidationException} naming file, line and reason.
 */
public final class FlowCatalog {

    private static final Logger log = LoggerFactory.getLogger(FlowCatalog.class);

    private final Map<String, Flow> flows;
    private final Map<String, OptionList> lists;
    /** Commands and trigger words folded once (every message is matched against all of them, several times a turn). */
    private final List<FoldedCommand> commands = new ArrayList<>();
    private final List<FoldedTrigger> triggers = new ArrayList<>();

    private FlowCatalog(Map<String, Flow> flows, Map<String, OptionList> lists) {
        this.flows = flows;
        this.lists = lists;
        for (Flow flow : flows.values()) {
            flow.commands().forEach(command -> commands.add(new FoldedCommand(flow, TextNormalizer.normalize(command))));
            flow.triggerWords().forEach((language, words) -> words
                    .forEach(word -> triggers.add(FoldedTrigger.of(flow, language, word))));
        }
    }

    private record FoldedCommand(Flow flow, String folded) {
    }

    /** A trigger word folded, with a space either side, as it is looked for among the message's words. */
    private record FoldedTrigger(Flow flow, Language language, int length, String spaced) {
        static FoldedTrigger of(Flow flow, Language language, String word) {
            String folded = TextNormalizer.normalize(word);
            return new FoldedTrigger(flow, language, folded.length(), " " + folded + " ");
        }
    }

    public static FlowCatalog load(FlowSource source, Set<String> outcomes) {
        List<FlowProblem> problems = new ArrayList<>();
        Map<String, OptionList> lists = new LinkedHashMap<>();
        for (FlowSource.NamedText file : source.lists()) {
            OptionList list = FlowFileParser.parseList(file.name(), file.content(), problems);
            if (list != null && lists.putIfAbsent(list.id(), list) != null) {
                problems.add(new FlowProblem(file.name(), 1, "duplicate list id '" + list.id() + "' (also in "
                        + lists.get(list.id()).file() + ")"));
            }
        }
        FlowFileParser parser = new FlowFileParser(lists);
        List<Flow> parsed = new ArrayList<>();
        for (FlowSource.NamedText file : source.flows()) {
            Flow flow = parser.parseFlow(file.name(), file.content(), problems);
            if (flow != null) {
                parsed.add(flow);
            }
        }
        if (source.flows().isEmpty()) {
            problems.add(new FlowProblem(source.description(), 1, "no flow files (*.yaml) found"));
        }
        FlowValidator.validate(parsed, outcomes, problems);
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        Map<String, Flow> byId = new LinkedHashMap<>();
        parsed.forEach(f -> byId.put(f.id(), f));
        log.info("event=flows_loaded source={} flows={} lists={}", source.description(), byId.keySet(), lists.keySet());
        return new FlowCatalog(byId, lists);
    }

    public Optional<Flow> flow(String id) {
        return Optional.ofNullable(id == null ? null : flows.get(id));
    }

    public List<Flow> flows() {
        return List.copyOf(flows.values());
    }

    public Optional<OptionList> list(String id) {
        return Optional.ofNullable(lists.get(id));
    }

    /** A flow started by this message, and the language its trigger was written in (null: either). */
    public Optional<TriggerMatch> match(String message) {
        String in = TextNormalizer.normalize(message);
        for (FoldedCommand command : commands) {
            if (in.equals(command.folded())) {
                return Optional.of(new TriggerMatch(command.flow(), null));
            }
        }
        // the longest trigger found wins: "vi behöver svara på inventeringen" is the inventory's, not the intake's "behöver"
        String spaced = " " + in + " ";
        TriggerMatch found = null;
        int longest = 0;
        for (FoldedTrigger trigger : triggers) {
            if (trigger.length() > longest && spaced.contains(trigger.spaced())) {
                found = new TriggerMatch(trigger.flow(), trigger.language());
                longest = trigger.length();
            }
        }
        return Optional.ofNullable(found);
    }

    public record TriggerMatch(Flow flow, Language language) {
    }
}

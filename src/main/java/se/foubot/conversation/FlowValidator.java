package se.foubot.conversation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that span a flow or several: references between steps, outcomes, duplicate ids and commands. */
final class FlowValidator {

    private static final Set<String> YES_NO_BRANCHES = Set.of("yes", "no", "default");

    private FlowValidator() {
    }

    static void validate(List<Flow> flows, Set<String> outcomes, List<FlowProblem> problems) {
        Map<String, Flow> byId = new HashMap<>();
        Map<String, Flow> byCommand = new HashMap<>();
        for (Flow flow : flows) {
            Flow earlier = byId.putIfAbsent(flow.id(), flow);
            if (earlier != null) {
                problems.add(new FlowProblem(flow.file(), flow.idLine(),
                        "duplicate flow id '" + flow.id() + "' (also in " + earlier.file() + ")"));
            }
            for (String command : flow.commands()) {
                Flow other = byCommand.putIfAbsent(TextNormalizer.normalize(command), flow);
                if (other != null && other != flow) {
                    problems.add(new FlowProblem(flow.file(), flow.idLine(),
                            "command '" + command + "' already starts flow '" + other.id() + "'"));
                }
            }
            if (!outcomes.contains(flow.outcome())) {
                problems.add(new FlowProblem(flow.file(), flow.outcomeLine(), "unknown outcome '" + flow.outcome()
                        + "' (known: " + String.join(", ", new java.util.TreeSet<>(outcomes)) + ")"));
            }
            validateSteps(flow, problems);
        }
    }

    private static void validateSteps(Flow flow, List<FlowProblem> problems) {
        Set<String> ids = new HashSet<>();
        for (Step step : flow.steps()) {
            if (!ids.add(step.id())) {
                problems.add(new FlowProblem(flow.file(), step.line(), "duplicate step id '" + step.id() + "'"));
            }
        }
        for (Step step : flow.steps()) {
            if (step.next() != null && !ids.contains(step.next()) && !Flow.END.equals(step.next())) {
                problems.add(new FlowProblem(flow.file(), step.line(),
                        "step '" + step.id() + "' refers to unknown step '" + step.next() + "' in next"));
            }
            step.branches().forEach((answer, target) -> {
                if (!ids.contains(target) && !Flow.END.equals(target)) {
                    problems.add(new FlowProblem(flow.file(), step.line(),
                            "step '" + step.id() + "' refers to unknown step '" + target + "' in branches"));
                }
                boolean knownAnswer = switch (step.type()) {
                    case YES_NO -> YES_NO_BRANCHES.contains(answer);
                    case CHOICE -> answer.equals("default") || step.option(answer).isPresent();
                    default -> false;
                };
                if (!knownAnswer) {
                    problems.add(new FlowProblem(flow.file(), step.line(), "step '" + step.id()
                            + "' branches on '" + answer + "', which is not one of its answers"));
                }
            });
        }
    }
}

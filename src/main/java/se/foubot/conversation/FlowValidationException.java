package se.foubot.conversation;

import java.util.List;
import java.util.stream.Collectors;

/** The flows cannot be used; start-up stops and lists every problem with its file and line. */
public class FlowValidationException extends RuntimeException {

    private final List<FlowProblem> problems;

    public FlowValidationException(List<FlowProblem> problems) {
        super("Invalid conversation flows:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<FlowProblem> problems() {
        return problems;
    }
}

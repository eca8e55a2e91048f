package se.foubot.conversation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The outcomes Java code offers to flows, by name. */
final class OutcomeRegistry {

    private final Map<String, OutcomeAction> byName;

    OutcomeRegistry(List<OutcomeAction> actions) {
        this.byName = actions.stream().collect(Collectors.toUnmodifiableMap(OutcomeAction::name, Function.identity()));
    }

    Set<String> names() {
        return byName.keySet();
    }

    OutcomeAction get(String name) {
        OutcomeAction action = byName.get(name);
        if (action == null) {
            throw new IllegalStateException("no outcome named " + name);
        }
        return action;
    }
}

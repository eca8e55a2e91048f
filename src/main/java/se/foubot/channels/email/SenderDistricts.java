package se.foubot.channels.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

import se.foubot.conversation.FlowProblem;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.OptionList;

/** rules/sender-districts.yaml: senders (addresses or domains) whose district is certain. Checked at start-up. */
final class SenderDistricts {

    private SenderDistricts() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> load(FlowSource source, OptionList districts) {
        FlowSource.NamedText file = source.rule("sender-districts.yaml")
                .or(() -> FlowSource.fromClasspath().rule("sender-districts.yaml")).orElse(null);
        if (file == null) {
            return Map.of();
        }
        List<FlowProblem> problems = new ArrayList<>();
        Map<String, String> senders = new LinkedHashMap<>();
        try {
            Map<String, Object> yaml = new Yaml().load(file.content());
            Object entries = yaml == null ? null : yaml.get("senders");
            if (entries instanceof Map<?, ?> map) {
                ((Map<String, Object>) map).forEach((sender, district) -> {
                    String id = String.valueOf(district);
                    if (districts.options().stream().noneMatch(o -> o.id().equals(id))) {
                        problems.add(new FlowProblem(file.name(), 1, "sender '" + sender + "' names unknown district '" + id
                                + "' (see lists/districts.yaml)"));
                    } else {
                        senders.put(sender.toLowerCase(), id);
                    }
                });
            }
        } catch (RuntimeException e) {
            problems.add(new FlowProblem(file.name(), 1, "cannot read the sender rules: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        return Map.copyOf(senders);
    }
}

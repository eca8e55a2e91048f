package se.foubot.knowledgegaps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import se.foubot.conversation.FlowProblem;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;

/**
 * The districts' mail addresses for the inventory, kept as data ({@code conversation-flows/rules/district-contacts.yaml}):
 * every district listed is invited. Checked at start-up like a flow: an unknown district id or an address that is not
 * one stops the bot with the file and the reason.
 */
public final class DistrictContacts {

    static final String FILE = "district-contacts.yaml";
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+");

    private final Map<String, List<String>> byDistrict;

    DistrictContacts(Map<String, List<String>> byDistrict) {
        this.byDistrict = Map.copyOf(byDistrict);
        this.order = List.copyOf(byDistrict.keySet());
    }

    private final List<String> order;

    /** Every district invited, in the file's order. */
    public List<String> districts() {
        return order;
    }

    public List<String> addresses(String district) {
        return byDistrict.getOrDefault(district, List.of());
    }

    /** The district an address belongs to, if it is one of the list's. */
    public java.util.Optional<String> districtOf(String address) {
        return byDistrict.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(a -> a.equalsIgnoreCase(address)))
                .map(Map.Entry::getKey).findFirst();
    }

    @SuppressWarnings("unchecked")
    static DistrictContacts load(FlowSource source, Set<String> knownDistricts) {
        FlowSource.NamedText file = source.rule(FILE).or(() -> FlowSource.fromClasspath().rule(FILE))
                .orElseThrow(() -> new FlowValidationException(List.of(new FlowProblem(source.description() + "/rules/" + FILE, 1,
                        "the districts' contacts for the knowledge-gap inventory are missing"))));
        List<FlowProblem> problems = new ArrayList<>();
        Map<String, List<String>> byDistrict = new LinkedHashMap<>();
        try {
            Map<String, Object> yaml = new org.yaml.snakeyaml.Yaml().load(file.content());
            Map<String, Object> districts = (Map<String, Object>) yaml.get("districts");
            if (districts == null || districts.isEmpty()) {
                problems.add(new FlowProblem(file.name(), 1, "no districts (expected districts: {district-id: [address, …]})"));
            } else {
                districts.forEach((district, addresses) -> {
                    if (!knownDistricts.contains(district)) {
                        problems.add(new FlowProblem(file.name(), 1, "'" + district + "' is not a district of lists/districts.yaml"));
                    }
                    List<String> list = new ArrayList<>();
                    for (Object a : addresses instanceof List<?> l ? l : List.of(String.valueOf(addresses))) {
                        String address = String.valueOf(a).strip();
                        if (!ADDRESS.matcher(address).matches()) {
                            problems.add(new FlowProblem(file.name(), 1, "'" + address + "' of " + district + " is not a mail address"));
                        }
                        list.add(address.toLowerCase());
                    }
                    byDistrict.put(district, List.copyOf(list));
                });
            }
        } catch (RuntimeException e) {
            problems.add(new FlowProblem(file.name(), 1, "cannot read the districts' contacts: " + e.getMessage()
                    + " (expected districts: {district-id: [address, …]})"));
        }
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        return new DistrictContacts(byDistrict);
    }
}

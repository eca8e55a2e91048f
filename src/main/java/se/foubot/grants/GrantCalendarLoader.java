package se.foubot.grants;

import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

import se.foubot.conversation.FlowProblem;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.LocalizedText;
import se.foubot.conversation.YamlNodeReader;

/** Reads and checks {@code rules/grant-calendar.yaml}; every mistake is reported with file and line, all at once. */
final class GrantCalendarLoader {

    static final String FILE = "grant-calendar.yaml";

    private GrantCalendarLoader() {
    }

    static GrantCalendar load(FlowSource source) {
        FlowSource.NamedText file = source.rule(FILE).or(() -> FlowSource.fromClasspath().rule(FILE))
                .orElseThrow(() -> new FlowValidationException(List.of(new FlowProblem(
                        source.description() + "/rules/" + FILE, 1, "the grant calendar is missing"))));
        return parse(file.name(), file.content());
    }

    static GrantCalendar parse(String fileName, String content) {
        List<FlowProblem> problems = new ArrayList<>();
        YamlNodeReader r = new YamlNodeReader(fileName, problems);
        Node root;
        try {
            root = new Yaml().compose(new StringReader(content));
        } catch (RuntimeException e) {
            throw new FlowValidationException(List.of(new FlowProblem(fileName, 1, "not valid YAML: " + e.getMessage())));
        }
        Map<String, Node> top = root == null ? null : r.mapping(root, "the grant calendar", Set.of("programmes", "rules", "events", "overrides"));
        if (top == null) {
            problems.add(new FlowProblem(fileName, 1, "the grant calendar is empty"));
            throw new FlowValidationException(problems);
        }
        Map<String, GrantCalendar.Programme> programmes = programmes(r, top.get("programmes"), root);
        GrantRules rules = rules(r, top.get("rules"), root);
        List<GrantCalendar.GrantEvent> events = new ArrayList<>();
        for (Node n : r.sequence(top.get("events"), "events")) {
            GrantCalendar.GrantEvent e = event(r, n, programmes);
            if (e != null) {
                if (events.stream().anyMatch(x -> x.id().equals(e.id()))) {
                    r.problem(n, "event id '" + e.id() + "' appears twice");
                }
                events.add(e);
            }
        }
        if (events.isEmpty()) {
            r.problem(root, "the grant calendar has no events");
        }
        Map<String, LocalDate> overrides = new LinkedHashMap<>();
        for (Node n : r.sequence(top.get("overrides"), "overrides")) {
            Map<String, Node> o = r.mapping(n, "an override", Set.of("event", "year", "date"));
            if (o == null) {
                continue;
            }
            String event = r.string(o, "event", "an override", true, n);
            Long year = r.number(o, "year", "an override");
            LocalDate date = date(r, o, "date", "an override", n);
            if (event != null && events.stream().noneMatch(e -> e.id().equals(event) && e.hasDay())) {
                r.problem(n, "override names '" + event + "', which is no event with a date");
            } else if (year == null) {
                r.problem(n, "an override needs a year");
            } else if (date != null && date.getYear() != year) {
                r.problem(o.get("date"), "the override's date " + date + " is not in its year " + year);
            } else if (event != null && date != null) {
                overrides.put(GrantCalendar.overrideKey(event, year.intValue()), date);
            }
        }
        if (!problems.isEmpty()) {
            throw new FlowValidationException(problems);
        }
        return new GrantCalendar(Map.copyOf(programmes), rules, List.copyOf(events), Map.copyOf(overrides));
    }

    private static Map<String, GrantCalendar.Programme> programmes(YamlNodeReader r, Node node, Node root) {
        Map<String, GrantCalendar.Programme> out = new LinkedHashMap<>();
        if (node == null) {
            r.problem(root, "the grant calendar has no 'programmes'");
            return out;
        }
        Map<String, Node> entries = r.mapping(node, "programmes", null);
        if (entries == null) {
            return out;
        }
        entries.forEach((id, n) -> {
            Map<String, Node> p = r.mapping(n, "programme " + id, Set.of("name", "link"));
            if (p != null) {
                LocalizedText name = r.text(p, "name", "programme " + id, true, n);
                String link = r.string(p, "link", "programme " + id, true, n);
                if (link != null && !link.startsWith("https://") && !link.startsWith("http://")) {
                    r.problem(p.get("link"), "the link of programme " + id + " must start with https:// or http://");
                }
                out.put(id, new GrantCalendar.Programme(id, name, link));
            }
        });
        return out;
    }

    private static GrantRules rules(YamlNodeReader r, Node node, Node root) {
        if (node == null) {
            r.problem(root, "the grant calendar has no 'rules'");
            return null;
        }
        String what = "rules";
        Map<String, Node> m = r.mapping(node, what, Set.of("max-amount-per-project-year", "min-project-years",
                "max-project-years", "max-projects-per-district", "max-study-trips-per-district", "max-amount-per-study-trip"));
        if (m == null) {
            return null;
        }
        long[] v = new long[6];
        String[] keys = {"max-amount-per-project-year", "min-project-years", "max-project-years", "max-projects-per-district",
                "max-study-trips-per-district", "max-amount-per-study-trip"};
        for (int i = 0; i < keys.length; i++) {
            Long n = r.number(m, keys[i], what);
            if (n == null || n <= 0) {
                r.problem(m.getOrDefault(keys[i], node), "rules need '" + keys[i] + "' as a positive whole number");
            } else {
                v[i] = n;
            }
        }
        if (v[1] > v[2]) {
            r.problem(node, "min-project-years is larger than max-project-years");
        }
        return new GrantRules(v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4], v[5]);
    }

    private static GrantCalendar.GrantEvent event(YamlNodeReader r, Node n, Map<String, GrantCalendar.Programme> programmes) {
        Map<String, Node> e = r.mapping(n, "an event", Set.of("id", "programmes", "date", "month", "remind", "offsets", "title", "text"));
        if (e == null) {
            return null;
        }
        String id = r.string(e, "id", "an event", true, n);
        String what = "event " + (id == null ? "?" : id);
        List<String> progs = r.strings(e.get("programmes"), "'programmes' of " + what);
        if (progs.isEmpty()) {
            r.problem(n, what + " names no programmes");
        }
        for (String p : progs) {
            if (!programmes.containsKey(p)) {
                r.problem(e.get("programmes"), what + " names unknown programme '" + p + "' (known: " + String.join(", ", programmes.keySet()) + ")");
            }
        }
        MonthDay day = null;
        Month month = null;
        String date = r.string(e, "date", what, false, n);
        Long monthNumber = r.number(e, "month", what);
        if (date != null) {
            try {
                day = MonthDay.parse("--" + date);
            } catch (DateTimeParseException ex) {
                r.problem(e.get("date"), "'date' of " + what + " must be MM-DD, e.g. 09-10, not '" + date + "'");
            }
        } else if (monthNumber != null) {
            if (monthNumber < 1 || monthNumber > 12) {
                r.problem(e.get("month"), "'month' of " + what + " must be 1-12");
            } else {
                month = Month.of(monthNumber.intValue());
            }
        } else {
            r.problem(n, what + " needs a 'date' (MM-DD) or a 'month' (1-12)");
        }
        boolean remind = !e.containsKey("remind") || r.bool(e, "remind", what);
        if (remind && day == null && month != null) {
            r.problem(n, what + " has only a month; set remind: false or give a date");
        }
        List<Period> offsets = new ArrayList<>();
        for (String o : r.strings(e.get("offsets"), "'offsets' of " + what)) {
            try {
                Period p = Period.parse(o);
                if (p.isNegative()) {
                    r.problem(e.get("offsets"), "offset " + o + " of " + what + " is negative");
                }
                offsets.add(p);
            } catch (DateTimeParseException ex) {
                r.problem(e.get("offsets"), "offset '" + o + "' of " + what + " is no ISO-8601 period such as P14D");
            }
        }
        LocalizedText title = r.text(e, "title", what, true, n);
        LocalizedText text = r.text(e, "text", what, false, n);
        return new GrantCalendar.GrantEvent(id, progs, day, month, remind, List.copyOf(offsets), title, text);
    }

    private static LocalDate date(YamlNodeReader r, Map<String, Node> m, String key, String what, Node owner) {
        String s = r.string(m, key, what, true, owner);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeException ex) {
            r.problem(m.get(key), "'" + key + "' of " + what + " must be a date YYYY-MM-DD, not '" + s + "'");
            return null;
        }
    }
}

package se.foubot.grants;

import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import se.foubot.conversation.LocalizedText;

/** The grant calendar as read from {@code rules/grant-calendar.yaml}: programmes, rules and yearly events. */
public record GrantCalendar(Map<String, Programme> programmes, GrantRules rules, List<GrantEvent> events,
        Map<String, LocalDate> overrides) {

    public record Programme(String id, LocalizedText name, String link) {
    }

    /**
     * A yearly event. {@code day} is set for a fixed date; otherwise only {@code month} is known and the event
     * is shown but never reminded. {@code offsets} empty: the configured default offsets.
     */
    public record GrantEvent(String id, List<String> programmes, MonthDay day, Month month, boolean remind,
            List<Period> offsets, LocalizedText title, LocalizedText text) {

        public boolean hasDay() {
            return day != null;
        }
    }

    /** One event in one year, on its date (after overrides). */
    public record Deadline(GrantEvent event, int year, LocalDate date) {

        /** Stable id, e.g. "call-closes-2027": part of the reminders' once-only keys. */
        public String id() {
            return event.id() + "-" + year;
        }
    }

    /** Reads and checks {@code rules/grant-calendar.yaml} of a flow source (the packaged one when it has none). */
    public static GrantCalendar load(se.foubot.conversation.FlowSource source) {
        return GrantCalendarLoader.load(source);
    }

    /** Override keys are "{event}-{year}". */
    static String overrideKey(String eventId, int year) {
        return eventId + "-" + year;
    }

    /** The events with a fixed date in {@code year}, overrides applied, in date order. */
    public List<Deadline> deadlines(int year) {
        List<Deadline> out = new ArrayList<>();
        for (GrantEvent e : events) {
            if (e.hasDay()) {
                LocalDate date = overrides.getOrDefault(overrideKey(e.id(), year), e.day().atYear(year));
                out.add(new Deadline(e, year, date));
            }
        }
        out.sort(Comparator.comparing(Deadline::date));
        return out;
    }

    /** The next occurrence on or after {@code from} of the event {@code id}. */
    public Optional<Deadline> next(String id, LocalDate from) {
        for (int year = from.getYear(); year <= from.getYear() + 1; year++) {
            Optional<Deadline> d = deadlines(year).stream().filter(x -> x.event().id().equals(id) && !x.date().isBefore(from)).findFirst();
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** The programmes a text names ("LUM", "mul"); all of them when it names none. */
    public List<String> programmesNamedIn(String text) {
        List<String> named = programmesNamed(text);
        return named.isEmpty() ? programmes.keySet().stream().sorted().toList() : named;
    }

    /** The programmes {@code text} names, none when it names none. */
    public List<String> programmesNamed(String text) {
        String upper = " " + text.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-ZÅÄÖ]", " ") + " ";
        return programmes.keySet().stream().filter(p -> upper.contains(" " + p + " ")).sorted().toList();
    }

    public Optional<GrantEvent> event(String id) {
        return events.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}

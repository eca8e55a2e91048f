package se.foubot.knowledge;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.foubot.conversation.Language;
import se.foubot.grants.GrantCalendar;
import se.foubot.grants.GrantRules;

/**
 * Fills in what an answer takes from the grant calendar ({@code rules/grant-calendar.yaml}) so that it is never
 * copied into the knowledge base: {@code {date:EVENT}} (the event's next date, "fredag 10 september 2027"),
 * {@code {month:EVENT}}, {@code {amount:RULE}} ("500 000 kr"), {@code {number:RULE}} and {@code {link:PROGRAMME}}.
 */
final class AnswerPlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern KNOWN = Pattern.compile("(date|month|amount|number|link):([A-Za-z0-9-]+)");
    private static final String MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
            + "|january|february|march|may|june|july|august|october";
    /** A day and month, an ISO date or a sum of money written into an answer instead of taken from the calendar. */
    private static final Pattern COPIED = Pattern.compile("(?i)\\b\\d{1,2}(?::[ae])? (?:" + MONTHS + ")\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b"
            + "|\\b\\d[\\d  ]*\\d ?(?:kr|kronor|sek)\\b|\\bsek ?\\d");
    private static final Locale SV = Locale.forLanguageTag("sv-SE");

    private final GrantCalendar calendar;
    private final Clock clock;
    private final ZoneId zone;

    AnswerPlaceholders(GrantCalendar calendar, Clock clock, ZoneId zone) {
        this.calendar = calendar;
        this.clock = clock;
        this.zone = zone;
    }

    /** What is wrong with the placeholders of an answer, or a date or sum copied into it; empty when all is well. */
    List<String> problems(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            Matcher k = KNOWN.matcher(m.group(1));
            if (!k.matches()) {
                out.add("unknown placeholder {" + m.group(1) + "} (known: {date:EVENT}, {month:EVENT}, {amount:RULE}, {number:RULE}, {link:PROGRAMME})");
                continue;
            }
            String name = k.group(2);
            switch (k.group(1)) {
                case "date" -> {
                    if (calendar.event(name).filter(GrantCalendar.GrantEvent::hasDay).isEmpty()) {
                        out.add("{date:" + name + "} names no event with a date in the grant calendar (events: " + eventIds() + ")");
                    }
                }
                case "month" -> {
                    if (calendar.event(name).isEmpty()) {
                        out.add("{month:" + name + "} names no event of the grant calendar (events: " + eventIds() + ")");
                    }
                }
                case "amount", "number" -> {
                    if (!calendar.rules().byName().containsKey(name)) {
                        out.add("{" + k.group(1) + ":" + name + "} names no rule of the grant calendar (rules: "
                                + String.join(", ", calendar.rules().byName().keySet()) + ")");
                    }
                }
                default -> {
                    if (!calendar.programmes().containsKey(name)) {
                        out.add("{link:" + name + "} names no programme of the grant calendar (programmes: "
                                + String.join(", ", calendar.programmes().keySet()) + ")");
                    }
                }
            }
        }
        Matcher copied = COPIED.matcher(PLACEHOLDER.matcher(text).replaceAll(""));
        if (copied.find()) {
            out.add("'" + copied.group() + "' is copied into the answer; take it from the grant calendar with a placeholder"
                    + " ({date:EVENT}, {month:EVENT}, {amount:RULE}) so that it follows the calendar");
        }
        return out;
    }

    String render(String text, Language language) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Matcher k = KNOWN.matcher(m.group(1));
            String value = k.matches() ? value(k.group(1), k.group(2), language, today) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The latest year of the calendar dates an answer shows ({@code {date:EVENT}}), so that the year the answer is
     * said to hold for agrees with them; empty when it shows none.
     */
    java.util.OptionalInt yearOfDatesShown(String text) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Matcher m = PLACEHOLDER.matcher(text);
        java.util.OptionalInt year = java.util.OptionalInt.empty();
        while (m.find()) {
            Matcher k = KNOWN.matcher(m.group(1));
            if (k.matches() && k.group(1).equals("date")) {
                int y = calendar.next(k.group(2), today).map(d -> d.date().getYear()).orElse(0);
                if (y > 0 && (year.isEmpty() || y > year.getAsInt())) {
                    year = java.util.OptionalInt.of(y);
                }
            }
        }
        return year;
    }

    private String value(String kind, String name, Language language, LocalDate today) {
        GrantRules rules = calendar.rules();
        return switch (kind) {
            case "date" -> calendar.next(name, today).map(d -> se.foubot.conversation.Dates.date(d.date(), language)).orElse("");
            case "month" -> calendar.event(name).map(e -> monthName(e.month() != null ? e.month() : e.day().getMonth(), language)).orElse("");
            case "amount" -> amount(rules.byName().get(name), language);
            case "number" -> String.valueOf(rules.byName().get(name));
            default -> calendar.programmes().get(name).link();
        };
    }

    private static String monthName(Month month, Language language) {
        return month.getDisplayName(TextStyle.FULL_STANDALONE, language == Language.EN ? Locale.UK : SV);
    }

    private static String amount(long kronor, Language language) {
        if (language == Language.EN) {
            return "SEK " + NumberFormat.getIntegerInstance(Locale.UK).format(kronor);
        }
        return NumberFormat.getIntegerInstance(SV).format(kronor).replace('\u00a0', ' ') + " kr";
    }

    private String eventIds() {
        return String.join(", ", calendar.events().stream().map(GrantCalendar.GrantEvent::id).toList());
    }
}

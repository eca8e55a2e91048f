package se.foubot.conversation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates people write: ISO ("2027-03-12"), Swedish and English day–month forms ("12 mars",
 * "12:e mars 2027", "March 12", "12/3", "12.3.2027") and "i dag"/"i morgon"/"today"/"tomorrow".
 * A date without a year is the next such date from today on.
 */
public final class DateAnswerParser {

    public sealed interface Result permits Parsed, Unreadable, Impossible {
    }

    public record Parsed(LocalDate date) implements Result {
    }

    /** Not a date at all. */
    public record Unreadable() implements Result {
    }

    /** Reads as a date but is none, such as 31 February. */
    public record Impossible() implements Result {
    }

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("januari", 1), Map.entry("january", 1), Map.entry("jan", 1),
            Map.entry("februari", 2), Map.entry("february", 2), Map.entry("feb", 2),
            Map.entry("mars", 3), Map.entry("march", 3), Map.entry("mar", 3),
            Map.entry("april", 4), Map.entry("apr", 4),
            Map.entry("maj", 5), Map.entry("may", 5),
            Map.entry("juni", 6), Map.entry("june", 6), Map.entry("jun", 6),
            Map.entry("juli", 7), Map.entry("july", 7), Map.entry("jul", 7),
            Map.entry("augusti", 8), Map.entry("august", 8), Map.entry("aug", 8),
            Map.entry("september", 9), Map.entry("sept", 9), Map.entry("sep", 9),
            Map.entry("oktober", 10), Map.entry("october", 10), Map.entry("okt", 10), Map.entry("oct", 10),
            Map.entry("november", 11), Map.entry("nov", 11),
            Map.entry("december", 12), Map.entry("dec", 12));

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{2}|\\d{4}))?");
    private static final Pattern DAY_MONTH = Pattern.compile("(\\d{1,2}) ([a-z]+)(?: (\\d{4}))?");
    private static final Pattern MONTH_DAY = Pattern.compile("([a-z]+) (\\d{1,2})(?: (\\d{4}))?");

    private static final DateTimeFormatter SV = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("sv"));
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private DateAnswerParser() {
    }

    public static Result parse(String input, LocalDate today) {
        String in = input.strip().toLowerCase(Locale.ROOT);
        // "12:e mars", "1st of March, 2027" → "12 mars", "1 march 2027"
        String words = TextNormalizer.normalize(in)
                .replaceAll("\\b(\\d{1,2}) ?(?:e|a|st|nd|rd|th)\\b", "$1")
                .replaceAll("\\bof\\b", " ")
                .replaceAll(" +", " ")
                .strip();
        switch (words) {
            case "idag", "i dag", "today" -> {
                return new Parsed(today);
            }
            case "imorgon", "i morgon", "tomorrow" -> {
                return new Parsed(today.plusDays(1));
            }
            default -> {
            }
        }
        Matcher m = ISO.matcher(in);
        if (m.matches()) {
            return of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }
        m = NUMERIC.matcher(in);
        if (m.matches()) {
            return withYear(m.group(3), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)), today);
        }
        m = DAY_MONTH.matcher(words);
        if (m.matches() && MONTHS.containsKey(m.group(2))) {
            return withYear(m.group(3), MONTHS.get(m.group(2)), Integer.parseInt(m.group(1)), today);
        }
        m = MONTH_DAY.matcher(words);
        if (m.matches() && MONTHS.containsKey(m.group(1))) {
            return withYear(m.group(3), MONTHS.get(m.group(1)), Integer.parseInt(m.group(2)), today);
        }
        return new Unreadable();
    }

    private static Result withYear(String year, int month, int day, LocalDate today) {
        if (year != null) {
            int y = Integer.parseInt(year);
            return of(year.length() == 2 ? 2000 + y : y, month, day);
        }
        Result thisYear = of(today.getYear(), month, day);
        if (thisYear instanceof Parsed p && p.date().isBefore(today)) {
            return of(today.getYear() + 1, month, day);
        }
        if (thisYear instanceof Impossible && month == 2 && day == 29) {
            return nextLeapDay(today);
        }
        return thisYear;
    }

    private static Result nextLeapDay(LocalDate today) {
        for (int y = today.getYear(); ; y++) {
            if (LocalDate.of(y, 1, 1).isLeapYear() && !LocalDate.of(y, 2, 29).isBefore(today)) {
                return new Parsed(LocalDate.of(y, 2, 29));
            }
        }
    }

    private static Result of(int year, int month, int day) {
        try {
            return new Parsed(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return new Impossible();
        }
    }

    public static String display(LocalDate date, Language language) {
        return date.format(language == Language.EN ? EN : SV);
    }

    static Optional<LocalDate> stored(String value) {
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

package se.foubot.conversation;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * Reads the dates people write, in chat and in mail alike: ISO ("2027-03-12"), Swedish and English day–month forms
 * ("12 mars", "12:e mars 2027", "March 12", "12/3", "12.3.2027"), and relative ones: "i dag", "i morgon", "om tre
 * veckor", "inom två veckor", "nästa fredag", "på fredag", "vecka 12", "före midsommar", "före jul", "före påsk", "i
 * slutet av mars", "i mitten av april", "nästa månad", and their English equivalents ("in three weeks", "next Friday", "week
 * 12", "end of March"). A leading "senast", "den", "by" or "before" is allowed, and a weekday before a date ("fre
 * 18/12"). A week means its Friday ("v.12", "om 3 v"), a month's end its last day, a month alone ("i januari") its last
 * day too (the month is when it is needed by), a day alone ("den 5:e") the next such day of a month, and "snarast"
 * (as soon as possible) a week from today. A date without a year is the next such date from today on, unless that
 * day has just passed: within the last {@value #RECENTLY_PASSED_DAYS} days ("1 dec" written on 2 December) it is the
 * date that passed, told as {@link Past}, not silently the same day next year. A date before today ("igår",
 * "2020-05-01") is told apart as {@link Past}, so the person hears that it has passed rather than that it was not
 * understood.
 */
public final class DateAnswerParser {

    public sealed interface Result permits Parsed, Past, Unreadable, Impossible {
    }

    /** Today or later. */
    public record Parsed(LocalDate date) implements Result {
    }

    /** A real date, but before today. */
    public record Past(LocalDate date) implements Result {
    }

    /** Not a date at all. */
    public record Unreadable() implements Result {
    }

    /** Reads as a date but is none, such as 31 February. */
    public record Impossible() implements Result {
    }

    /** A day and month without a year that passed at most this many days ago is taken as passed, not as next year's. */
    static final int RECENTLY_PASSED_DAYS = 60;
    /** How far ahead "snarast" (as soon as possible) is: a week, which the analysts read as urgent. */
    private static final int AS_SOON_AS_POSSIBLE_DAYS = 7;
    private static final Set<String> AS_SOON_AS_POSSIBLE = Set.of("snarast", "snarast mojligt", "sa snart som mojligt",
            "sa fort som mojligt", "sa snart det gar", "sa fort det gar", "omgaende", "asap", "as soon as possible", "urgent",
            "brattom", "akut", "det ar brattom", "det brattar", "mycket brattom", "valdigt brattom", "ganska brattom",
            "jattebrattom", "it is urgent", "it s urgent", "its urgent", "very urgent", "bradskar", "det bradskar");
    /** Short weekday names written before a date ("fre 18/12"). */
    private static final Set<String> WEEKDAY_SHORT = Set.of("man", "tis", "ons", "tor", "tors", "fre", "lor", "son",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun");

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

    /** Whether the folded word names a month ("mars", "jan", "december"). */
    static boolean isMonth(String folded) {
        return MONTHS.containsKey(folded);
    }

    private static final Map<String, DayOfWeek> WEEKDAYS = Map.ofEntries(
            Map.entry("mandag", DayOfWeek.MONDAY), Map.entry("monday", DayOfWeek.MONDAY),
            Map.entry("tisdag", DayOfWeek.TUESDAY), Map.entry("tuesday", DayOfWeek.TUESDAY),
            Map.entry("onsdag", DayOfWeek.WEDNESDAY), Map.entry("wednesday", DayOfWeek.WEDNESDAY),
            Map.entry("torsdag", DayOfWeek.THURSDAY), Map.entry("thursday", DayOfWeek.THURSDAY),
            Map.entry("fredag", DayOfWeek.FRIDAY), Map.entry("friday", DayOfWeek.FRIDAY),
            Map.entry("lordag", DayOfWeek.SATURDAY), Map.entry("saturday", DayOfWeek.SATURDAY),
            Map.entry("sondag", DayOfWeek.SUNDAY), Map.entry("sunday", DayOfWeek.SUNDAY));

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("en", 1), Map.entry("ett", 1), Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1),
            Map.entry("tva", 2), Map.entry("two", 2), Map.entry("par", 2), Map.entry("couple", 2), Map.entry("a couple", 2),
            Map.entry("ett par", 2), Map.entry("a couple of", 2), Map.entry("tre", 3), Map.entry("three", 3),
            Map.entry("fyra", 4), Map.entry("four", 4), Map.entry("fem", 5), Map.entry("five", 5), Map.entry("sex", 6),
            Map.entry("six", 6), Map.entry("sju", 7), Map.entry("seven", 7), Map.entry("atta", 8), Map.entry("eight", 8),
            Map.entry("nio", 9), Map.entry("nine", 9), Map.entry("tio", 10), Map.entry("ten", 10), Map.entry("elva", 11),
            Map.entry("eleven", 11), Map.entry("tolv", 12), Map.entry("twelve", 12));

    /** Words before a date that do not change it ("senast 12 mars", "by Friday"). */
    private static final Set<String> LEAD = Set.of("senast", "den", "fore", "innan", "till", "tills", "pa", "by", "before",
            "until", "on", "the", "no", "later", "than", "helst", "garna", "preferably", "ideally");
    /** Words after which "i dag" or a weekday in a mail does say when something is needed. */
    private static final Set<String> CUES = Set.of("senast", "fore", "innan", "till", "tills", "by", "before", "until", "nasta", "next");
    /** Words a date expression can start with, so that a long mail is not read window by window. */
    private static final Set<String> STARTERS = Set.of("om", "inom", "within", "in", "i", "nasta", "next", "this", "kommande", "vecka",
            "v", "week", "wk", "idag", "imorgon", "igar", "today", "tomorrow", "yesterday", "slutet", "mitten", "borjan", "end",
            "middle", "beginning", "start", "late", "mid", "early", "forra", "last", "denna", "overmorgon", "forrgar", "midsommar",
            "midsommarafton", "midsummer", "jul", "julafton", "christmas", "nyar", "arsskiftet", "new", "at", "pask", "pasken",
            "paskhelgen", "easter", "snarast", "brattom", "omgaende", "asap", "akut", "urgent", "jattebrattom", "brattar", "bradskar");
    /** Words that take the urgency from the word after them ("inte så bråttom", "not urgent"). */
    private static final Set<String> NOT = Set.of("inte", "ej", "icke", "inget", "ingenting", "ingen", "not", "no", "nothing",
            "isnt", "isn", "aint");

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern NUMERIC = Pattern.compile("(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{2}|\\d{4}))?");
    private static final Pattern DAY_MONTH = Pattern.compile("(\\d{1,2}) ([a-z]+)(?: (\\d{4}))?");
    private static final Pattern MONTH_DAY = Pattern.compile("([a-z]+) (\\d{1,2})(?: (\\d{4}))?");
    private static final String COUNT = "(\\d{1,3}|en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|ett par|par|"
            + "a couple of|a couple|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";
    private static final Pattern SPAN = Pattern.compile("(?:om|inom|within|in) " + COUNT + " (dag|dagar|d|vecka|veckor|v|veckan"
            + "|manad|manader|man|day|days|week|weeks|w|wk|wks|month|months)(?: time)?");
    private static final Pattern DAY_ALONE = Pattern.compile("(\\d{1,2})");
    private static final Pattern MONTH_ALONE = Pattern.compile("(?:i |in |under |during )?([a-z]+)(?: (\\d{4}))?");
    /** A holiday's name and a year after it ("pask 2027", "jul ar 2026"), folded. */
    private static final Pattern HOLIDAY_YEAR = Pattern.compile("(.+?) (?:ar )?(\\d+)");
    /** A holiday's name and a year said in words ("jul nasta ar", "pask i ar", "jul om tva ar"), folded. */
    private static final Pattern HOLIDAY_YEAR_IN_WORDS = Pattern.compile("(.+?) (i ar|detta ar|det har aret|nasta ar|kommande ar"
            + "|forra aret|forra ar|i fjol|ifjol|this year|next year|last year|om (\\w+) ar|in (\\w+) years)");
    private static final Pattern WEEK = Pattern.compile("(?:vecka|v|week|wk) ?(\\d{1,2})(?: (\\d{4}))?|v(\\d{1,2})(?: (\\d{4}))?");
    private static final Pattern PART_OF_MONTH = Pattern.compile("(?:i |at |by |in )?(?:the )?(slutet|mitten|borjan|end|middle|beginning|start"
            + "|late|mid|early)(?: av| of)? ([a-z]+)(?: (\\d{4}))?");
    private static final Pattern WEEKDAY = Pattern.compile("(nasta|next|this|kommande)? ?([a-z]+)(?: (nasta vecka|next week))?");


    private DateAnswerParser() {
    }

    /** Words after a date that do not change it ("igår egentligen!", "15 mars helst", "by Friday please"). */
    private static final Pattern TRAILING_FILLER = Pattern.compile("(?iu)(?:[\\s,]+(?:egentligen|helst"
            + "|tack|gärna|garna|om möjligt|om mojligt|om det går|om det gar|if possible|please|thanks|ideally))+[\\s.!?]*$");

    /** The whole answer read as one date. */
    public static Result parse(String input, LocalDate today) {
        String in = TRAILING_FILLER.matcher(input.strip()).replaceFirst("").strip().toLowerCase(Locale.ROOT);
        String words = words(in);
        Result relative = relative(words, today);
        if (relative != null) {
            return relative;
        }
        String rest = withoutLead(words.replaceAll("\\bof\\b", " ").replaceAll(" +", " ").strip());
        if (!rest.equals(words)) {
            Result r = relative(rest, today);
            if (r != null) {
                return r;
            }
        }
        String raw = withoutLead(in.replaceAll("\\s+", " "));
        Matcher m = ISO.matcher(raw);
        if (m.matches()) {
            return dated(of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))), today);
        }
        m = NUMERIC.matcher(raw);
        if (m.matches()) {
            return withYear(m.group(3), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)), today);
        }
        m = DAY_MONTH.matcher(rest);
        if (m.matches() && MONTHS.containsKey(m.group(2))) {
            return withYear(m.group(3), MONTHS.get(m.group(2)), Integer.parseInt(m.group(1)), today);
        }
        m = MONTH_DAY.matcher(rest);
        if (m.matches() && MONTHS.containsKey(m.group(1))) {
            return withYear(m.group(3), MONTHS.get(m.group(1)), Integer.parseInt(m.group(2)), today);
        }
        m = DAY_ALONE.matcher(rest);
        if (m.matches() && words.startsWith("den ")) {
            return dayOfMonth(Integer.parseInt(m.group(1)), today);
        }
        m = MONTH_ALONE.matcher(words);
        if (m.matches() && MONTHS.containsKey(m.group(1)) && (m.group(1).length() > 3 || m.group(1).equals("maj"))) {
            return partOfMonth(m.group(2), MONTHS.get(m.group(1)), 31, today);
        }
        String[] first = raw.split(" ", 2);
        String day = first.length == 2 ? TextNormalizer.normalize(first[0]) : "";
        if (WEEKDAY_SHORT.contains(day) || WEEKDAYS.containsKey(day)) {
            Result date = parse(first[1], today);
            if (!(date instanceof Unreadable)) {
                return date;
            }
        }
        return new Unreadable();
    }

    /**
     * The first date in a free text (a mail) that is today or later, read as {@link #parse} reads an answer: "vi
     * behöver det inom två veckor", "senast 12 mars", "före midsommar". "I dag" and a bare weekday count only after
     * "senast", "till", "by" and the like, since a mail mentions them for other reasons.
     */
    public static Optional<LocalDate> find(String text, LocalDate today) {
        return find(text, today, false);
    }

    /**
     * As {@link #find}, only a date after "senast", "före", "by" and the like: in a mail that says there is no hurry,
     * "ingen brådska, men helst före 15 mars" names a deadline, and a date it mentions for another reason does not.
     */
    public static Optional<LocalDate> findCued(String text, LocalDate today) {
        return find(text, today, true);
    }

    private static Optional<LocalDate> find(String text, LocalDate today, boolean cuedOnly) {
        Tokens words = Tokens.of(text);
        List<String> tokens = words.words();
        // "det är bråttom" is a week's time unless the text names a date as well ("bråttom, senast 20 december")
        LocalDate urgent = null;
        for (int i = 0; i < tokens.size(); i++) {
            String first = TextNormalizer.normalize(tokens.get(i));
            if (!first.matches(".*\\d.*") && !STARTERS.contains(first) && !LEAD.contains(first) && !MONTHS.containsKey(first)
                    && !WEEKDAYS.containsKey(first)) {
                continue;
            }
            for (int length = Math.min(6, tokens.size() - i); length >= 1; length--) {
                List<String> window = tokens.subList(i, i + length);
                Result r = parse(String.join(" ", window), today);
                if (r instanceof Unreadable) {
                    continue;
                }
                if (r instanceof Parsed p && !earliest(words, i, i + length) && !urgencyDenied(tokens, i, window)
                        && (cued(tokens, i) || !cuedOnly && !vague(window))) {
                    if (!urgency(window)) {
                        return Optional.of(p.date());
                    }
                    urgent = urgent == null ? p.date() : urgent;
                }
                // the longest words that read as a date are the date: "den 31 april" is no "den 31" (the next 31st),
                // "1 november 2026" that has passed is no "1 november" next year
                i += length - 1;
                break;
            }
        }
        return Optional.ofNullable(urgent);
    }

    /** Whether the words are one of the ways of saying "as soon as possible". */
    private static boolean urgency(List<String> window) {
        // as parse reads them: "brådskar egentligen" is "brådskar"
        String said = TRAILING_FILLER.matcher(String.join(" ", window)).replaceFirst("");
        return AS_SOON_AS_POSSIBLE.contains(withoutLead(words(said)));
    }

    /** Words that make a date near them the earliest start, not a deadline ("tidigast", "inte förrän", "from"). */
    private static final Pattern EARLIEST = Pattern.compile(" (tidigast|forran|forst|efter|earliest|after|from|no earlier|not earlier) "
            // "inte före", "kan inte börja före", "not before", "can't start until"; not "får inte dröja, helst innan"
            + "|(inte|ej|not|cannot|can t|won t) (\\S+ )?(fore|innan|before|until|till|tills) ");

    /**
     * The date read from {@code start} to {@code end} (exclusive) is the earliest start, not a deadline: "tidigast i
     * mars", "15 mars tidigast", "inte förrän 15 mars", "vi kan börja först 15 mars", "efter den 15 mars", "not before 15
     * March", "we can't start until 15 March", "from 15 March". Read from the three words before it to the one after.
     */
    private static boolean earliest(Tokens t, int start, int end) {
        int from = start;
        while (from > 0 && start - from < 3 && !t.endsClause(from - 1)) {
            from--; // not past a comma or a full stop: "efter mötet, senast 15 mars" names a deadline
        }
        int to = end < t.words().size() && !t.endsClause(end - 1) ? end : end - 1;
        List<String> near = new ArrayList<>();
        for (int k = from; k <= to; k++) {
            near.add(TextNormalizer.normalize(t.words().get(k)));
        }
        return EARLIEST.matcher(" " + String.join(" ", near) + " ").find();
    }

    /** A text's words, as {@link #tokens} gives them, and which of them end a clause (a comma, a full stop after it). */
    private record Tokens(List<String> words, List<Boolean> clauseEnds) {

        static Tokens of(String text) {
            List<String> words = new ArrayList<>();
            List<Boolean> ends = new ArrayList<>();
            for (String raw : text.split("\\s+")) {
                String token = raw.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
                if (!token.isEmpty()) {
                    words.add(token);
                    ends.add(raw.matches(".*[,.;:!?]$"));
                } else if (!ends.isEmpty() && raw.matches(".*[,.;:!?–-].*")) {
                    ends.set(ends.size() - 1, true); // a dash or a comma standing alone
                }
            }
            return new Tokens(words, ends);
        }

        boolean endsClause(int k) {
            return clauseEnds.get(k);
        }
    }

    /**
     * The first words of an answer to a date question that read as a date, whatever their verdict (a date to come, one
     * that has passed, one the calendar lacks), longest first, outside the phrases {@code besides}: "ingen brådska, men
     * helst före 15 mars 2020" holds "15 mars 2020", and "inte bråttom" holds no "bråttom" (a week's time) when
     * "inte bråttom" is one of them. Unlike {@link #find}, no cue is needed, since the whole answer is about the date.
     * Empty when no words read as one.
     */
    public static Optional<String> firstIn(String text, LocalDate today, List<String> besides) {
        Tokens words = Tokens.of(text);
        List<String> tokens = words.words();
        List<String> folded = tokens.stream().map(TextNormalizer::normalize).toList();
        boolean[] inPhrase = new boolean[tokens.size()];
        for (String phrase : besides) {
            List<String> phraseWords = tokens(phrase).stream().map(TextNormalizer::normalize).toList();
            for (int i = 0; !phraseWords.isEmpty() && i + phraseWords.size() <= tokens.size(); i++) {
                if (folded.subList(i, i + phraseWords.size()).equals(phraseWords)) {
                    java.util.Arrays.fill(inPhrase, i, i + phraseWords.size(), true);
                }
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            for (int length = Math.min(6, tokens.size() - i); length >= 1; length--) {
                if (java.util.stream.IntStream.range(i, i + length).anyMatch(k -> inPhrase[k])) {
                    continue;
                }
                String window = String.join(" ", tokens.subList(i, i + length));
                if (!(parse(window, today) instanceof Unreadable)) {
                    if (!earliest(words, i, i + length)) {
                        return Optional.of(window);
                    }
                    // an earliest start is no deadline; one may follow ("tidigast i mars, senast i maj")
                    i += length - 1;
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The words of a free text (a mail) after "senast", "till", "by" and the like that name a date before today
     * ("Senast igår egentligen!") or one the calendar lacks ("senast den 31 april"), longest first, so the person hears
     * why it cannot be the date, as the chat would say it; empty when there are none.
     */
    public static Optional<String> findRefused(String text, LocalDate today) {
        Tokens words = Tokens.of(text);
        List<String> tokens = words.words();
        for (int i = 0; i < tokens.size(); i++) {
            if (!cued(tokens, i)) {
                continue;
            }
            for (int length = Math.min(6, tokens.size() - i); length >= 1; length--) {
                String window = String.join(" ", tokens.subList(i, i + length));
                Result r = parse(window, today);
                if ((r instanceof Past || r instanceof Impossible) && !earliest(words, i, i + length)) {
                    // quoted back as few words as give the same verdict: "senast den 31 april", not "… april helst"
                    while (length > 1 && parse(String.join(" ", tokens.subList(i, i + length - 1)), today).getClass() == r.getClass()) {
                        length--;
                    }
                    return Optional.of(String.join(" ", tokens.subList(i, i + length)));
                }
                if (!(r instanceof Unreadable)) {
                    break; // the longest reading is a date to come
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> tokens(String text) {
        return Tokens.of(text).words();
    }

    /**
     * "Det är inte så bråttom", "it's not urgent", "det brådskar egentligen inte": the urgency word, denied within the two
     * words before it or after it.
     */
    private static boolean urgencyDenied(List<String> tokens, int start, List<String> window) {
        if (!urgency(window)) {
            return false;
        }
        int end = start + window.size();
        for (int k = Math.max(0, start - 2); k < Math.min(tokens.size(), end + 2); k++) {
            if (k >= start && k < end) {
                continue;
            }
            if (NOT.contains(TextNormalizer.normalize(tokens.get(k)))) {
                return true;
            }
        }
        return false;
    }

    /** A cue just before the date, or among the lead words it starts with ("helst före 15 mars"). */
    private static boolean cued(List<String> tokens, int start) {
        if (start > 0 && CUES.contains(TextNormalizer.normalize(tokens.get(start - 1)))) {
            return true;
        }
        for (int i = start; i < tokens.size(); i++) {
            String word = TextNormalizer.normalize(tokens.get(i));
            if (CUES.contains(word)) {
                return true;
            }
            if (!LEAD.contains(word)) {
                return false;
            }
        }
        return false;
    }

    /** "i dag" or a weekday on its own: in a mail usually not when something is needed. */
    private static boolean vague(List<String> window) {
        String w = words(String.join(" ", window));
        return Set.of("idag", "i dag", "today").contains(w) || WEEKDAYS.containsKey(withoutLead(w))
                || w.startsWith("kommande ") || w.startsWith("this ");
    }

    private static String words(String in) {
        // "12:e mars", "1st of March, 2027" → "12 mars", "1 march 2027"; "v.12" → "v 12"
        return TextNormalizer.normalize(in.replaceAll("\\b([vV])\\.(\\d)", "$1 $2"))
                .replaceAll("\\b(\\d{1,2}) ?(?:e|a|st|nd|rd|th)\\b", "$1")
                .replaceAll(" +", " ")
                .strip();
    }

    private static String withoutLead(String words) {
        String[] w = words.split(" ");
        int i = 0;
        while (i < w.length - 1 && LEAD.contains(w[i])) {
            i++;
        }
        return String.join(" ", Arrays.asList(w).subList(i, w.length));
    }

    /** Relative dates, holidays and parts of a month; null when the words are none of these. */
    private static Result relative(String w, LocalDate today) {
        if (AS_SOON_AS_POSSIBLE.contains(withoutLead(w))) {
            return new Parsed(today.plusDays(AS_SOON_AS_POSSIBLE_DAYS));
        }
        switch (w) {
            case "idag", "i dag", "today" -> {
                return new Parsed(today);
            }
            case "imorgon", "i morgon", "tomorrow" -> {
                return new Parsed(today.plusDays(1));
            }
            case "i overmorgon", "overmorgon", "day after tomorrow", "the day after tomorrow" -> {
                return new Parsed(today.plusDays(2));
            }
            case "igar", "i gar", "yesterday" -> {
                return new Past(today.minusDays(1));
            }
            case "i forrgar", "forrgar", "day before yesterday", "the day before yesterday" -> {
                return new Past(today.minusDays(2));
            }
            case "forra veckan", "last week" -> {
                return new Past(today.minusWeeks(1));
            }
            case "nasta vecka", "next week" -> {
                return new Parsed(fridayOf(today.plusWeeks(1)));
            }
            case "den har veckan", "denna vecka", "i slutet av veckan", "slutet av veckan", "this week", "end of the week",
                    "by the end of the week", "the end of the week" -> {
                LocalDate friday = fridayOf(today);
                return new Parsed(friday.isBefore(today) ? today : friday);
            }
            case "nasta manad", "next month" -> {
                return new Parsed(today.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth()));
            }
            case "i slutet av manaden", "slutet av manaden", "end of the month", "the end of the month", "by the end of the month" -> {
                return new Parsed(today.with(TemporalAdjusters.lastDayOfMonth()));
            }
            case "i slutet av aret", "slutet av aret", "end of the year", "the end of the year", "by the end of the year" -> {
                return new Parsed(today.with(TemporalAdjusters.lastDayOfYear()));
            }
            default -> {
            }
        }
        String holiday = withoutLead(w);
        // "före påsk 2027", "före jul nästa år": that year's, which may have passed
        Matcher inYear = HOLIDAY_YEAR.matcher(holiday);
        Matcher inWords = HOLIDAY_YEAR_IN_WORDS.matcher(holiday);
        boolean yearSaid = inYear.matches() || inWords.matches();
        java.util.function.IntFunction<LocalDate> named = holiday(inYear.matches() ? inYear.group(1)
                : inWords.matches() ? inWords.group(1) : holiday);
        if (named != null && yearSaid) {
            Integer year = inYear.matches() ? (inYear.group(2).length() <= 4 ? Integer.valueOf(inYear.group(2)) : null)
                    : yearInWords(inWords, today);
            if (year == null || Math.abs(year - today.getYear()) > 100) {
                // no day or month to check: the year is what was not understood
                return new Unreadable();
            }
            LocalDate before = named.apply(year).minusDays(1);
            return before.isBefore(today) ? new Past(before) : new Parsed(before);
        }
        if (named != null) {
            return new Parsed(dayBefore(today, named));
        }
        Matcher m = SPAN.matcher(w);
        if (m.matches()) {
            int n = count(m.group(1));
            String unit = m.group(2);
            if (n > 0) {
                return new Parsed(unit.startsWith("d") ? today.plusDays(n)
                        : unit.startsWith("v") || unit.startsWith("w") ? today.plusWeeks(n) : today.plusMonths(n));
            }
        }
        m = WEEK.matcher(holiday);
        if (m.matches()) {
            String number = m.group(1) != null ? m.group(1) : m.group(3);
            String year = m.group(1) != null ? m.group(2) : m.group(4);
            return week(Integer.parseInt(number), year, today);
        }
        m = PART_OF_MONTH.matcher(w);
        if (m.matches() && MONTHS.containsKey(m.group(2))) {
            int month = MONTHS.get(m.group(2));
            String part = m.group(1);
            int day = switch (part) {
                case "slutet", "end", "late" -> 31;
                case "mitten", "middle", "mid" -> 15;
                default -> 1;
            };
            return partOfMonth(m.group(3), month, day, today);
        }
        if (w.startsWith("i ") && WEEKDAYS.containsKey(w.substring(2).replaceAll("s$", ""))) {
            // "i fredags": the last Friday before today
            return new Past(today.with(TemporalAdjusters.previous(WEEKDAYS.get(w.substring(2).replaceAll("s$", "")))));
        }
        if (w.startsWith("last ") && WEEKDAYS.containsKey(w.substring(5))) {
            return new Past(today.with(TemporalAdjusters.previous(WEEKDAYS.get(w.substring(5)))));
        }
        m = WEEKDAY.matcher(holiday);
        if (m.matches() && WEEKDAYS.containsKey(m.group(2))) {
            DayOfWeek day = WEEKDAYS.get(m.group(2));
            boolean nextWeek = m.group(1) != null && (m.group(1).equals("nasta") || m.group(1).equals("next")) || m.group(3) != null;
            if (nextWeek) {
                return new Parsed(today.plusWeeks(1).with(DayOfWeek.MONDAY).with(TemporalAdjusters.nextOrSame(day)));
            }
            return new Parsed(today.with(TemporalAdjusters.next(day)));
        }
        return null;
    }

    /** The year "i år", "nästa år", "i fjol", "om två år" says; null: a count that is no number. */
    private static Integer yearInWords(Matcher m, LocalDate today) {
        String said = m.group(2);
        String count = m.group(3) != null ? m.group(3) : m.group(4);
        if (count != null) {
            Integer n = NUMBERS.get(count);
            if (n != null) {
                return today.getYear() + n;
            }
            return count.matches("\\d{1,3}") ? Integer.valueOf(today.getYear() + Integer.parseInt(count)) : null;
        }
        return switch (said) {
            case "nasta ar", "kommande ar", "next year" -> today.getYear() + 1;
            case "forra aret", "forra ar", "i fjol", "ifjol", "last year" -> today.getYear() - 1;
            default -> today.getYear();
        };
    }

    /** The holiday a name says, as its date in a given year; null: no holiday's name. */
    private static java.util.function.IntFunction<LocalDate> holiday(String name) {
        return switch (name) {
            // midsommarafton is the Friday between 19 and 25 June (midsommardagen the Saturday after)
            case "midsommar", "midsommarafton", "midsommarhelgen", "midsummer", "midsummer eve" ->
                    y -> LocalDate.of(y, 6, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
            case "jul", "julafton", "julen", "christmas", "christmas eve" -> y -> LocalDate.of(y, 12, 24);
            case "nyar", "nyarsafton", "arsskiftet", "new year", "new year s eve", "the new year" -> y -> LocalDate.of(y, 12, 31);
            // before Easter is before its long weekend: skärtorsdag, the day before långfredag
            case "pask", "pasken", "paskhelgen", "paskledigheten", "easter", "the easter holidays", "easter holidays" ->
                    DateAnswerParser::goodFriday;
            default -> null;
        };
    }

    private static int count(String word) {
        Integer n = NUMBERS.get(word);
        return n != null ? n : Integer.parseInt(word);
    }

    private static LocalDate fridayOf(LocalDate date) {
        return date.with(DayOfWeek.MONDAY).plusDays(4);
    }

    /** Långfredag of {@code year}, from the Swedish holiday calendar (Easter moves with the moon). */
    private static LocalDate goodFriday(int year) {
        return HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.SWEDEN)).getHolidays(java.time.Year.of(year))
                .stream().filter(h -> "christian.GOOD_FRIDAY".equals(h.getPropertiesKey())).map(Holiday::getDate).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Good Friday in the Swedish calendar for " + year));
    }

    /** The day before the holiday's next occurrence whose eve is still ahead (or today). */
    private static LocalDate dayBefore(LocalDate today, java.util.function.IntFunction<LocalDate> holiday) {
        LocalDate d = holiday.apply(today.getYear()).minusDays(1);
        return d.isBefore(today) ? holiday.apply(today.getYear() + 1).minusDays(1) : d;
    }

    private static Result week(int number, String year, LocalDate today) {
        if (number < 1 || number > 53) {
            return new Impossible();
        }
        int y = year != null ? Integer.parseInt(year) : today.getYear();
        LocalDate friday = weekFriday(y, number);
        if (friday == null) {
            return new Impossible();
        }
        if (year == null && friday.isBefore(fridayOf(today))) {
            friday = weekFriday(y + 1, number);
            if (friday == null) {
                return new Impossible();
            }
        }
        return dated(new Parsed(friday), today);
    }

    private static LocalDate weekFriday(int year, int week) {
        LocalDate monday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1).with(DayOfWeek.MONDAY);
        if (week > monday.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            return null;
        }
        return monday.plusWeeks(week - 1L).plusDays(4);
    }

    private static Result partOfMonth(String year, int month, int day, LocalDate today) {
        java.util.function.IntFunction<LocalDate> at = y -> {
            LocalDate first = LocalDate.of(y, Month.of(month), 1);
            return day == 31 ? first.with(TemporalAdjusters.lastDayOfMonth()) : first.withDayOfMonth(day);
        };
        if (year != null) {
            return dated(new Parsed(at.apply(Integer.parseInt(year))), today);
        }
        return nextOrJustPassed(at, today);
    }

    /**
     * The next such date from today on, or, when this year's (or last year's) passed within the last
     * {@value #RECENTLY_PASSED_DAYS} days, that one as passed.
     */
    private static Result nextOrJustPassed(java.util.function.IntFunction<LocalDate> at, LocalDate today) {
        for (int y = today.getYear(); y >= today.getYear() - 1; y--) {
            try {
                LocalDate d = at.apply(y);
                if (d.isBefore(today) && !d.isBefore(today.minusDays(RECENTLY_PASSED_DAYS))) {
                    return new Past(d);
                }
            } catch (DateTimeException noSuchDay) {
                // 29 February of a year that has none
            }
        }
        try {
            LocalDate d = at.apply(today.getYear());
            return new Parsed(d.isBefore(today) ? at.apply(today.getYear() + 1) : d);
        } catch (DateTimeException noSuchDay) {
            return null;
        }
    }

    /** "den 5:e": the next 5th of a month from today on (a day a month does not have is skipped). */
    private static Result dayOfMonth(int day, LocalDate today) {
        if (day < 1 || day > 31) {
            return new Impossible();
        }
        for (int months = 0; months < 3; months++) {
            LocalDate month = today.plusMonths(months);
            if (day <= month.lengthOfMonth()) {
                LocalDate d = month.withDayOfMonth(day);
                if (!d.isBefore(today)) {
                    return new Parsed(d);
                }
            }
        }
        return new Impossible();
    }

    private static Result withYear(String year, int month, int day, LocalDate today) {
        if (year != null) {
            int y = Integer.parseInt(year);
            return dated(of(year.length() == 2 ? 2000 + y : y, month, day), today);
        }
        Result thisYear = of(today.getYear(), month, day);
        if (thisYear instanceof Parsed) {
            Result r = nextOrJustPassed(y -> LocalDate.of(y, month, day), today);
            if (r != null) {
                return r;
            }
        }
        if (thisYear instanceof Impossible && month == 2 && day == 29) {
            return nextLeapDay(today);
        }
        return thisYear;
    }

    /** A date given with its year: past when it is before today. */
    private static Result dated(Result r, LocalDate today) {
        return r instanceof Parsed p && p.date().isBefore(today) ? new Past(p.date()) : r;
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
        return se.foubot.conversation.Dates.date(date, language);
    }

    static Optional<LocalDate> stored(String value) {
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

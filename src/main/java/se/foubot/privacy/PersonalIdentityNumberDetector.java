package se.foubot.privacy;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer) in free text,
 * in the ways people and their programs write them: 10 or 12 digits, with a hyphen, a plus (100 years or older),
 * nothing, a space of any width (Outlook and Word put in non-breaking and narrow ones), an en or em dash or a minus
 * sign (Word turns " - " into " – " by itself), one or two dashes, a dot, an underscore, a slash or a colon (file
 * names and mail addresses), a line break (a mail program wraps the line between the parts, format=flowed splits at
 * the space, {@code <br>} in HTML); the date itself grouped ({@code 64-08-23-3234}, {@code 1964-08-23-3234},
 * {@code 64 08 23-3234}, {@code 64.08.23-3234}); inside brackets or after a label such as {@code pnr:}.
 * <p>
 * The text is looked at as it reads, not as it is coded: characters that show nothing (zero-width space and joiner,
 * word joiner, byte-order mark, soft hyphen, combining marks) are passed over, and digits and punctuation of other
 * widths and scripts (full-width {@code ６４０８２３}, Arabic-Indic digits) are read as their plain forms. A number
 * found is replaced in the text as written, with whatever hid inside it.
 * <p>
 * A candidate counts when its date is a real calendar date (day + 60 for a samordningsnummer) and its check digit
 * is right; after a label that names it ({@code pnr}, {@code personnummer}, {@code samordningsnummer}) a real date
 * is enough (for a compact date), since a mistyped check digit still points at one person. This keeps out phone numbers (a 10-digit
 * number after phone words such as {@code tel}, {@code mobil} or {@code nås på} is a phone number), organisation
 * numbers (their "month" is 20 or more), dates and date ranges, amounts, postcodes, references and bank numbers.
 * A grouped date must be followed by a dash or plus (or stand after a label): {@code 2026-03-12 1430} is a time.
 * <p>
 * Used by the guard only ({@link OutsideTextGuard}); every other class gets its text through the guard.
 */
final class PersonalIdentityNumberDetector {

    static final String PLACEHOLDER = "[personnummer borttaget]";

    // hyphen and every dash and minus (the full-width forms are read as plain ones before matching)
    private static final String DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63";
    private static final String SPACE = "[ \\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]";
    private static final String LINE_BREAK = "(?:\\r\\n|[\\n\\r\\u000B\\u000C\\u0085\\u2028\\u2029])";
    /** Some spaces, at most one line break (a quoted line goes on after '>'). */
    private static final String GAP = SPACE + "{0,3}(?:" + LINE_BREAK + "(?:" + SPACE + "|>){0,6})?";
    private static final String MARK = "(?:[" + DASHES + "]{1,2}|[+_/:.])";
    private static final String SEPARATOR = "(?:" + GAP + MARK + GAP + "|" + GAP + ")";
    /** What may stand between the year, month and day of a grouped date. */
    private static final String DATE_MARK = "[" + DASHES + " ./]";

    /**
     * Century (optional), a date of six digits (compact or grouped), a separator (optional), four digits; no digit on
     * either side, and not a date range going on ({@code 2026-01-05–2026-02-04}: the "serial" is a year).
     */
    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\d+])((?:18|19|20)?)(\\d{2})(?:(" + DATE_MARK
            + ")(\\d{2})\\3(\\d{2})|(\\d{2})(\\d{2}))(" + SEPARATOR + ")(\\d{4})(?!\\d)(?![" + DASHES + "/.]\\d{1,2}(?!\\d))");

    /** Words that say the number is a personal identity number, right before it (a colon, a dot or a bracket between). */
    private static final Pattern IDENTITY_LABEL = Pattern.compile(
            "(?iu)(?<!\\p{L})(?:personnummer|personnr|pers\\.?\\s?nr|p-?nr|pnr|samordningsnummer|samordningsnr|sam\\.?\\s?nr|id-?nr)"
                    + "\\.?\\s*[:=]?\\s*[(\\[]?\\s*$");

    /** Words that say a number is a phone number, close before it: a label, or "nås på", "ring mig på". */
    private static final Pattern PHONE_LABEL = Pattern.compile("(?iu)(?<!\\p{L})(?:"
            + "(?:tel|telefon|telefonnummer|telnr|tfn|mobil|mobilnummer|mobilnr|mobiltelefon|mob|mobile|phone|sms|fax|växel"
            + "|direkt|direktnummer|ring|ringa)\\.?\\s*(?:nr|nummer)?\\.?\\s*[:=]?"
            + "|(?:nå|nås|når|ring|ringa|ringer|kontakta|sms:?a|messa)(?:\\s+(?:mig|oss|henne|honom|dem))?"
            + "(?:\\s+på(?:\\s+(?:nummer|numret|mobilen|mobil|telefon|telefonnummer))?)?\\s*:?"
            + ")\\s*[(\\[]?\\s*$");

    /**
     * Digits in groups, each group after spaces, a dash or a dot (with spaces around it): a number read aloud and
     * typed as heard ({@code 85 06 12 - 12 38}, {@code 19 85 06 12 12 38}). The first group has one or two digits (a
     * year of four, {@code 2026-03-12 1430}, is a date and a time; an area code of three, {@code 070 123 45 67}, a
     * phone number). The run is taken whole; only a run of 10 or 12 digits can be a number.
     */
    private static final Pattern DIGIT_GROUPS = Pattern.compile("(?<![\\d+])\\d{1,2}(?:(?:" + SPACE + "*[" + DASHES + ".]{1,2}"
            + SPACE + "*|" + SPACE + "+)\\d{1,4})+(?!\\d)(?![" + DASHES + "./]\\d)");

    /** Digits and a mark right before a run of groups: the run is the tail of a longer one ({@code +46 70 123 45 67}). */
    private static final Pattern TAIL_OF_A_LONGER_RUN = Pattern.compile("(?s).*[\\d+][" + DASHES + ". ]+");
    private static final Pattern NOT_DIGITS = Pattern.compile("[^0-9]+");
    private static final Pattern NOT_A_DIGIT = Pattern.compile("\\D");
    private static final Pattern CENTURY = Pattern.compile("18|19|20");
    /** The fewest digits a number is written with (ten; twelve with the century). */
    private static final int FEWEST_DIGITS = 10;

    /** One number found: where it stands in the text as written. */
    record Found(int start, int end) {
    }

    List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        if (text == null || text.isEmpty() || !mayHoldANumber(text)) {
            return found;
        }
        View view = View.of(text);
        Matcher m = CANDIDATE.matcher(view.text);
        int from = 0;
        while (from < view.text.length() && m.find(from)) {
            if (isIdentityNumber(view.text, m)) {
                found.add(new Found(view.start[m.start()], view.end[m.end() - 1]));
                from = m.end();
            } else {
                // a rejected candidate may hide a real one further on (e.g. a grouped date followed by a space)
                from = m.start() + 1;
            }
        }
        findInGroups(view, found);
        return found;
    }

    /** Numbers written in groups the strict pattern does not take, checked as strictly: a real date and the check digit. */
    private static void findInGroups(View view, List<Found> found) {
        Matcher m = DIGIT_GROUPS.matcher(view.text);
        while (m.find()) {
            int start = view.start[m.start()];
            int end = view.end[m.end() - 1];
            if (found.stream().anyMatch(f -> f.start() < end && start < f.end())) {
                continue;
            }
            if (TAIL_OF_A_LONGER_RUN.matcher(view.text.substring(Math.max(0, m.start() - 8), m.start())).matches()) {
                continue; // the tail of a longer run: +46 70 123 45 67
            }
            String run = m.group();
            String[] groups = NOT_DIGITS.split(run);
            if (groups[groups.length - 1].length() == 4 || java.util.Arrays.stream(groups).skip(1).allMatch(g -> g.length() == 3)) {
                // 26-01-05 1200 is a date and a time (the strict reading decides a grouped date); 6 408 233 234 kr an amount
                continue;
            }
            String digits = NOT_A_DIGIT.matcher(run).replaceAll("");
            if (digits.length() != 10 && digits.length() != 12) {
                continue;
            }
            String century = digits.length() == 12 ? digits.substring(0, 2) : "";
            String ten = digits.substring(digits.length() - 10);
            if (!century.isEmpty() && !CENTURY.matcher(century).matches()) {
                continue;
            }
            if (!realDate(century, ten.substring(0, 6)) || !checkDigitValid(ten)) {
                continue;
            }
            String before = view.text.substring(Math.max(0, m.start() - 40), m.start()).toLowerCase(Locale.ROOT);
            if (century.isEmpty() && ten.startsWith("0") && PHONE_LABEL.matcher(before).find()) {
                continue; // 08-10 20 30 40 after "tel"
            }
            found.add(new Found(start, end));
        }
        found.sort(java.util.Comparator.comparingInt(Found::start));
    }

    /**
     * Whether the text has ten characters that can read as digits: every number is written with at least ten, and
     * most texts (a subject, an address, a name, a chat line) have fewer, so they are passed over without building
     * their view. Counted as in the view, without building it: an ASCII digit, or a character of the digit or other
     * number categories — the only ones the view reads as a digit (full-width, Arabic-Indic, superscript, circled;
     * {@code PersonalIdentityNumberDetectorTest} checks every code point). Invisible characters are not digits.
     */
    static boolean mayHoldANumber(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c >= '0' && c <= '9' && ++digits >= FEWEST_DIGITS) {
                    return true;
                }
            } else {
                int cp = text.codePointAt(i);
                if (mayReadAsDigit(cp) && ++digits >= FEWEST_DIGITS) {
                    return true;
                }
                i += Character.charCount(cp) - 1;
            }
        }
        return false;
    }

    /** A character outside ASCII that the view may read as a digit: one of the digit or other number categories. */
    static boolean mayReadAsDigit(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** Whether the view reads the character as a digit 0–9. */
    static boolean readsAsDigit(int cp) {
        char plain = View.plain(cp);
        return plain >= '0' && plain <= '9';
    }

    boolean containsIdentityNumber(String text) {
        return !find(text).isEmpty();
    }

    /** The text with every identity number replaced by a placeholder. */
    String redact(String text) {
        List<Found> found = find(text);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Found f : found) {
            out.append(text, at, f.start()).append(PLACEHOLDER);
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    private static boolean isIdentityNumber(String text, Matcher m) {
        String century = m.group(1);
        boolean grouped = m.group(3) != null;
        String yymmdd = m.group(2) + (grouped ? m.group(4) + m.group(5) : m.group(6) + m.group(7));
        String separator = m.group(8);
        String serial = m.group(9);
        if (!realDate(century, yymmdd)) {
            return false;
        }
        String before = text.substring(Math.max(0, m.start() - 40), m.start()).toLowerCase(Locale.ROOT);
        boolean labelled = IDENTITY_LABEL.matcher(before).find();
        if (labelled && !grouped) {
            return true;
        }
        if (!checkDigitValid(yymmdd + serial)) {
            return false;
        }
        if (grouped) {
            // 2026-03-12 1430 is a date and a time; 64-08-23-3234 and 1964-08-23-3234 are numbers
            return labelled || hasDashOrPlus(separator);
        }
        // a mobile or landline number written without a dash after phone words: 070 1234567 reads as a date
        boolean phoneLike = century.isEmpty() && yymmdd.startsWith("0") && !hasDashOrPlus(separator);
        return !(phoneLike && PHONE_LABEL.matcher(before).find());
    }

    private static boolean hasDashOrPlus(String separator) {
        return separator.chars().anyMatch(c -> c == '+' || DASHES.indexOf(c) >= 0);
    }

    private static boolean realDate(String century, String yymmdd) {
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int month = Integer.parseInt(yymmdd.substring(2, 4));
        int day = Integer.parseInt(yymmdd.substring(4, 6));
        if (day > 60) {
            day -= 60; // samordningsnummer
        }
        // without a century, 20yy: leap years then fall where they fall in 19yy, and 00 is lenient (2000 was leap)
        int year = century.isEmpty() ? 2000 + yy : Integer.parseInt(century) * 100 + yy;
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The check digit over the ten digits YYMMDDNNNC: weights 2,1,2,1,… with digit sums (Luhn). */
    static boolean checkDigitValid(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int d = tenDigits.charAt(i) - '0';
            int product = i % 2 == 0 ? d * 2 : d;
            sum += product > 9 ? product - 9 : product;
        }
        return sum % 10 == 0;
    }

    /** The check digit that makes the nine digits YYMMDDNNN a valid number. */
    static int checkDigit(String nineDigits) {
        for (int c = 0; c <= 9; c++) {
            if (checkDigitValid(nineDigits + c)) {
                return c;
            }
        }
        throw new IllegalStateException("no check digit for " + nineDigits.length() + " digits");
    }

    /**
     * The text as it reads: invisible characters left out, digits of every script as 0–9, other compatibility forms
     * (full-width dashes, ideographic space) as their plain character. Each character of the view knows where it
     * came from, so a number found in the view is cut out of the text as written, invisible characters and all.
     */
    private record View(String text, int[] start, int[] end) {

        static View of(String written) {
            StringBuilder view = new StringBuilder(written.length());
            int[] start = new int[written.length()];
            int[] end = new int[written.length()];
            int n = 0;
            for (int i = 0; i < written.length();) {
                int cp = written.codePointAt(i);
                int next = i + Character.charCount(cp);
                char plain = plain(cp);
                if (plain != 0) {
                    view.append(plain);
                    start[n] = i;
                    end[n] = next;
                    n++;
                } else if (!invisible(cp)) {
                    view.appendCodePoint(cp);
                    for (int k = i; k < next; k++) {
                        start[n] = i;
                        end[n] = next;
                        n++;
                    }
                }
                i = next;
            }
            return new View(view.toString(), start, end);
        }

        /** The plain character this one reads as, or 0 to keep it as it is. */
        private static char plain(int cp) {
            if (cp < 0x80) {
                return (char) cp;
            }
            if (Character.isDigit(cp)) {
                return (char) ('0' + Character.digit(cp, 10));
            }
            String compatible = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
            return compatible.length() == 1 && compatible.charAt(0) != cp && !invisible(compatible.charAt(0))
                    ? compatible.charAt(0) : 0;
        }

        private static boolean invisible(int cp) {
            int type = Character.getType(cp);
            return type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0; // Hangul fillers show nothing too
        }
    }
}

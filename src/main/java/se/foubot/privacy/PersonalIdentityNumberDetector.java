package se.foubot.privacy;

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
 * sign (Word turns " - " into " – " by itself), or a dot; inside brackets or after a label such as {@code pnr:}.
 * <p>
 * A candidate counts when its date is a real calendar date (day + 60 for a samordningsnummer) and its check digit
 * is right; after a label that names it ({@code pnr}, {@code personnummer}, {@code samordningsnummer}) a real date
 * is enough, since a mistyped check digit still points at one person. This keeps out phone numbers (a 10-digit
 * mobile number after {@code tel}/{@code mobil} is a phone number), organisation numbers (their "month" is 20 or
 * more), dates, amounts, postcodes, references and bank numbers.
 * <p>
 * Used by the guard only ({@link OutsideTextGuard}); every other class gets its text through the guard.
 */
final class PersonalIdentityNumberDetector {

    static final String PLACEHOLDER = "[personnummer borttaget]";

    // the separators that stand between the date and the serial: hyphen and every dash and minus, plus, dot, spaces
    private static final String DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D";
    private static final String SPACE_CLASS = "[ \\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]";
    private static final String SEPARATOR = "(?:" + SPACE_CLASS + "*[\\" + DASHES + "+]" + SPACE_CLASS + "*|" + SPACE_CLASS
            + "{1,2}|\\.)?";

    /** Century (optional), six date digits, a separator (optional), four digits; no digit on either side. */
    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\d+])((?:18|19|20)?)(\\d{6})(" + SEPARATOR + ")(\\d{4})(?!\\d)");

    /** Words that say the number is a personal identity number, right before it (a colon, a dot or a bracket between). */
    private static final Pattern IDENTITY_LABEL = Pattern.compile(
            "(?iu)(?<!\\p{L})(?:personnummer|personnr|pers\\.?\\s?nr|p-?nr|pnr|samordningsnummer|samordningsnr|sam\\.?\\s?nr|id-?nr)"
                    + "\\.?\\s*[:=]?\\s*[(\\[]?\\s*$");

    /** Words that say a number is a phone number, close before it. */
    private static final Pattern PHONE_LABEL = Pattern.compile(
            "(?iu)(?<!\\p{L})(?:tel|telefon|telefonnummer|telnr|tfn|mobil|mobilnummer|mobilnr|mob|mobile|phone|sms|fax|växel|ring|ringa)"
                    + "\\.?\\s*(?:nr|nummer)?\\.?\\s*[:=]?\\s*[(\\[]?\\s*$");

    /** One number found: where it stands in the text. */
    record Found(int start, int end) {
    }

    List<Found> find(String text) {
        List<Found> found = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return found;
        }
        Matcher m = CANDIDATE.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            if (isIdentityNumber(text, m)) {
                found.add(new Found(m.start(), m.end()));
                from = m.end();
            } else {
                // a rejected candidate may hide a real one one digit further on (e.g. after a wrong century)
                from = m.start() + 1;
            }
        }
        return found;
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
        String yymmdd = m.group(2);
        String separator = m.group(3);
        String serial = m.group(4);
        if (!realDate(century, yymmdd)) {
            return false;
        }
        String before = text.substring(Math.max(0, m.start() - 40), m.start()).toLowerCase(Locale.ROOT);
        if (IDENTITY_LABEL.matcher(before).find()) {
            return true;
        }
        if (!checkDigitValid(yymmdd + serial)) {
            return false;
        }
        // a mobile or landline number written without a dash after a phone label: 070 1234567 reads as a date
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
}

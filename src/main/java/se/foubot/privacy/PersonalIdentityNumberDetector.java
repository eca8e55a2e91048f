package se.foubot.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Finds Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer)
 * in free text, so that client data never reaches storage. A candidate counts only when its date is a
 * real calendar date (day + 60 for a samordningsnummer) and its check digit is right, which keeps
 * phone numbers, organisation numbers (month 20 or more) and other digit runs out.
 */
@Component
public class PersonalIdentityNumberDetector {

    // 6 or 8 date digits, an optional - or +, 4 digits; not part of a longer digit run, not after a '+' country code
    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![\\d+])(\\d{2})?(\\d{6})([-+]?)(\\d{4})(?!\\d)");

    public boolean containsIdentityNumber(String text) {
        if (text == null) {
            return false;
        }
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            if (isIdentityNumber(m)) {
                return true;
            }
        }
        return false;
    }

    /** The text with every identity number replaced by a placeholder. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, isIdentityNumber(m) ? "[personnummer borttaget]" : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean isIdentityNumber(Matcher m) {
        String century = m.group(1);
        String yymmdd = m.group(2);
        String serial = m.group(4);
        if (century != null && !(century.equals("18") || century.equals("19") || century.equals("20"))) {
            return false;
        }
        return realDate(century, yymmdd) && luhnValid(yymmdd + serial);
    }

    private static boolean realDate(String century, String yymmdd) {
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int month = Integer.parseInt(yymmdd.substring(2, 4));
        int day = Integer.parseInt(yymmdd.substring(4, 6));
        if (day > 60) {
            day -= 60; // samordningsnummer
        }
        // without a century, 20yy: leap years then fall where they fall in 19yy, and 00 is lenient (2000 was leap)
        int year = century == null ? 2000 + yy : Integer.parseInt(century) * 100 + yy;
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The check digit over the ten digits YYMMDDNNNC: weights 2,1,2,1,… with digit sums. */
    static boolean luhnValid(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int d = tenDigits.charAt(i) - '0';
            int product = i % 2 == 0 ? d * 2 : d;
            sum += product > 9 ? product - 9 : product;
        }
        return sum % 10 == 0;
    }
}

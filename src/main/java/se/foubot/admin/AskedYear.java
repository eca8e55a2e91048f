package se.foubot.admin;

import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one rule for a year asked for in the address of the admin API and of every export ({@code ?year=}): a whole
 * number at most {@value #SPAN} years from this year by the bot's clock; anything else is 400 with
 * {@code {"reasons":["Året ska ligga mellan 2016 och 2036."]}}. The parameter is read as text, so that a year no
 * {@code int} holds is refused in these words too (helper 121: the grant reminders' export answered 2147483647 with a
 * 500 and 999999999 with invented reminders, the other exports -1 with an empty file and an overflow with a bare 400;
 * before helper 100 the calendar gave year -5 a calendar). A year given twice in the address is read once
 * ({@link #written}), here and on the staff web's pages.
 */
@Component
public class AskedYear {

    /** How many years either side of this one may be asked for. */
    public static final int SPAN = 10;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d+");

    private final Clock clock;
    private final ZoneId zone;

    AskedYear(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** This year by the bot's clock, in its zone. */
    public int thisYear() {
        return LocalDate.now(clock.withZone(zone)).getYear();
    }

    /**
     * The year asked for; null when none is (absent or blank).
     *
     * @throws Refused when it is no whole number or more than {@value #SPAN} years from this one
     */
    public Integer orNone(String requested) {
        List<String> written = written(requested);
        if (written.isEmpty()) {
            return null;
        }
        int now = thisYear();
        if (written.size() > 1) {
            throw new Refused(givenTwice(written) + " Ange ett år, till exempel ?year=" + now + ".");
        }
        String asked = written.get(0);
        if (!WHOLE_NUMBER.matcher(asked).matches()) {
            throw new Refused("Året ska skrivas med siffror, till exempel " + now + ", och ligga mellan " + (now - SPAN) + " och "
                    + (now + SPAN) + ".");
        }
        // compared as the number written, so that 2147483648 is out of the range, not an int run over into another year
        BigInteger year = new BigInteger(asked);
        if (year.compareTo(BigInteger.valueOf(now - SPAN)) < 0 || year.compareTo(BigInteger.valueOf(now + SPAN)) > 0) {
            throw new Refused("Året ska ligga mellan " + (now - SPAN) + " och " + (now + SPAN) + ".");
        }
        return year.intValueExact();
    }

    /**
     * The years written for the parameter, each once, in the order written ({@link RepeatedParameter}): the same year
     * repeated is that year, also written otherwise ({@code ?year=2025&year=02025}: compared as numbers once they are
     * whole numbers), and different ones are said to be so ({@link #givenTwice}). Read here for the API, the exports
     * and the staff web's pages alike.
     */
    public static List<String> written(String requested) {
        return RepeatedParameter.values(requested, v -> WHOLE_NUMBER.matcher(v).matches() ? new BigInteger(v) : v);
    }

    /** Why a year is not read when the address gives several: "Året står två gånger i adressen, med olika värden: …". */
    public static String givenTwice(List<String> written) {
        return RepeatedParameter.givenTwice("Året", written);
    }

    /** As {@link #orNone(String)}, with this year when none is asked for. */
    public int orThisYear(String requested) {
        Integer year = orNone(requested);
        return year != null ? year : thisYear();
    }

    /** A year outside the rule; answered 400 with the reason, as the API's other refusals. */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Answers {@link Refused} wherever it is thrown (the API's calls and the staff web's exports alike). */
    @RestControllerAdvice
    static class Refusals {

        @ExceptionHandler(Refused.class)
        ResponseEntity<Map<String, List<String>>> refused(Refused e) {
            return ResponseEntity.badRequest().body(Map.of("reasons", List.of(e.getMessage())));
        }
    }
}

package se.foubot.conversation;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;


/**
 * The one way dates and times are written to people, in every channel: "onsdag 10 mars 2027 kl. 13.00" in Swedish,
 * "Wednesday 10 March 2027 at 13:00" in English. Never an ISO date in a message.
 */
public final class Dates {

    private static final Locale SV = Locale.forLanguageTag("sv-SE");
    private static final DateTimeFormatter SV_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", SV);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter SV_TIME = DateTimeFormatter.ofPattern("HH.mm", SV);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private Dates() {
    }

    /** "onsdag 10 mars 2027" / "Wednesday 10 March 2027". */
    public static String date(LocalDate date, Language language) {
        return date.format(language == Language.EN ? EN_DATE : SV_DATE);
    }

    /** "13.00" / "13:00". */
    public static String time(ZonedDateTime at, Language language) {
        return at.format(language == Language.EN ? EN_TIME : SV_TIME);
    }

    /** "onsdag 10 mars 2027 kl. 13.00" / "Wednesday 10 March 2027 at 13:00". */
    public static String dateTime(ZonedDateTime at, Language language) {
        return date(at.toLocalDate(), language) + (language == Language.EN ? " at " : " kl. ") + time(at, language);
    }
}

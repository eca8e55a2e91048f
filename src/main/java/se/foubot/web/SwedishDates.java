package se.foubot.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import se.foubot.conversation.Language;
import se.foubot.conversation.Dates;

import org.springframework.stereotype.Component;

/** Dates as the pages write them: "onsdag 10 mars 2027 kl. 13.00", in the zone people see. Used by the templates as @dates. */
@Component("dates")
public class SwedishDates {

    private static final Locale SV = Locale.forLanguageTag("sv-SE");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMMM yyyy", SV);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("LLLL", SV);

    private final ZoneId zone;

    SwedishDates(ZoneId zone) {
        this.zone = zone;
    }

    public String date(LocalDate date) {
        return date == null ? "" : Dates.date(date, Language.SV);
    }

    public String dateTime(Instant at) {
        return at == null ? "" : Dates.dateTime(at.atZone(zone), Language.SV);
    }

    /** "3 december 2026": the date without its weekday, for tables with many dates (the month whole, as everywhere: "sep." beside "mars" was two styles). */
    public String shortDate(Instant at) {
        return at == null ? "" : SHORT.format(at.atZone(zone));
    }

    /** "januari". */
    public String month(YearMonth month) {
        return MONTH.format(month);
    }

    /** How long something has waited: "45 min", "5 tim", "3 dagar". */
    public String age(Duration d) {
        if (d.toHours() < 1) {
            return Math.max(0, d.toMinutes()) + " min";
        }
        if (d.toDays() < 2) {
            return d.toHours() + " tim";
        }
        return d.toDays() + " dagar";
    }

    /** A reminder's offset: "P30D" → "30 dagar före", "P0D" → "samma dag". */
    public String before(String isoPeriod) {
        java.time.Period p = java.time.Period.parse(isoPeriod);
        if (p.isZero()) {
            return "samma dag";
        }
        if (p.getMonths() > 0 && p.getDays() == 0) {
            return p.getMonths() + (p.getMonths() == 1 ? " månad före" : " månader före");
        }
        int days = p.getDays() + p.getMonths() * 30;
        return days + (days == 1 ? " dag före" : " dagar före");
    }
}

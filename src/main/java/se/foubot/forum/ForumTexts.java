package se.foubot.forum;

import java.time.ZoneId;

import se.foubot.conversation.Language;
import se.foubot.conversation.Dates;

/** How meetings are described to people: Swedish first, English after. */
public final class ForumTexts {

    private ForumTexts() {
    }

    /** A day as people read it: "onsdag 10 mars 2027". */
    static String day(java.time.LocalDate date) {
        return Dates.date(date, Language.SV);
    }

    /** "onsdag 10 mars 2027 kl. 13.00–16.00". */
    public static String when(Meeting m, ZoneId zone) {
        return Dates.dateTime(m.start().atZone(zone), Language.SV) + "–" + Dates.time(m.end().atZone(zone), Language.SV);
    }

    static String whenEn(Meeting m, ZoneId zone) {
        return Dates.dateTime(m.start().atZone(zone), Language.EN) + "–" + Dates.time(m.end().atZone(zone), Language.EN);
    }

    /** The meeting in a few lines, for lists, confirmations and reminders. */
    static String describe(Meeting m, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append(m.title()).append(" (").append(m.id()).append(")\n")
                .append("När: ").append(when(m, zone)).append("\n")
                .append("Var: ").append(m.place()).append(m.videoLink() != null ? " – distans: " + m.videoLink() : "").append("\n")
                .append("Platser: ").append(seats(m))
                .append(" · sista anmälan ").append(Dates.date(m.registrationDeadline().minusSeconds(1).atZone(zone).toLocalDate(), Language.SV));
        if (m.description() != null) {
            b.append("\n").append(m.description());
        }
        if (m.agenda() != null) {
            b.append("\nDagordning: ").append(m.agenda());
        }
        return b.toString();
    }

    /** "1 ledig plats av 2", "3 lediga platser av 20", "fullt, 20 platser". */
    public static String seats(Meeting m) {
        int free = m.capacity() - m.seats();
        if (free <= 0) {
            return "fullt, " + m.capacity() + (m.capacity() == 1 ? " plats" : " platser");
        }
        return free + (free == 1 ? " ledig plats av " : " lediga platser av ") + m.capacity();
    }
}

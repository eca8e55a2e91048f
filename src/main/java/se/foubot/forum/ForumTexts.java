package se.foubot.forum;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How meetings are described to people: Swedish first, English after. */
final class ForumTexts {

    private static final DateTimeFormatter SV = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'kl.' HH:mm", Locale.forLanguageTag("sv-SE"));
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private ForumTexts() {
    }

    static String when(Meeting m, ZoneId zone) {
        return SV.format(m.start().atZone(zone)) + "–" + TIME.format(m.end().atZone(zone));
    }

    static String whenEn(Meeting m, ZoneId zone) {
        return EN.format(m.start().atZone(zone)) + "–" + TIME.format(m.end().atZone(zone));
    }

    /** The meeting in a few lines, for lists, confirmations and reminders. */
    static String describe(Meeting m, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append(m.title()).append(" (").append(m.id()).append(")\n")
                .append("När: ").append(when(m, zone)).append("\n")
                .append("Var: ").append(m.place()).append(m.videoLink() != null ? " – distans: " + m.videoLink() : "").append("\n")
                .append("Platser: ").append(m.capacity() - m.seats()).append(" lediga av ").append(m.capacity())
                .append(" · sista anmälan ").append(SV.format(m.registrationDeadline().minusSeconds(1).atZone(zone)).replaceAll(" kl\\..*", ""));
        if (m.description() != null) {
            b.append("\n").append(m.description());
        }
        if (m.agenda() != null) {
            b.append("\nDagordning: ").append(m.agenda());
        }
        return b.toString();
    }
}

package se.foubot.grants;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.stream.Collectors;

import se.foubot.conversation.Language;

/** What grant reminders and answers say, Swedish first. */
final class GrantTexts {

    private static final Locale SV = Locale.forLanguageTag("sv-SE");

    private GrantTexts() {
    }

    static String date(LocalDate date, Language language) {
        return se.foubot.conversation.Dates.date(date, language);
    }

    static String kronor(long amount) {
        return NumberFormat.getIntegerInstance(SV).format(amount).replace('\u00a0', ' ') + " kr";
    }

    static String subject(ReminderPlanner.PlannedReminder r, GrantCalendar calendar) {
        GrantCalendar.Deadline d = r.deadline();
        return "Påminnelse: " + d.event().title().sv() + " – " + date(d.date(), Language.SV) + " / Reminder: "
                + d.event().title().in(Language.EN);
    }

    /** The reminder: what is due and when, the rules that matter, and how to ask the FoU unit for help. */
    static String reminder(ReminderPlanner.PlannedReminder r, GrantCalendar calendar, String unsubscribeHint) {
        GrantCalendar.Deadline d = r.deadline();
        long days = ChronoUnit.DAYS.between(r.sendDate(), d.date());
        GrantRules rules = calendar.rules();
        String programmesSv = d.event().programmes().stream().map(p -> calendar.programmes().get(p))
                .map(p -> "• " + p.name().sv() + ": " + p.link()).collect(Collectors.joining("\n"));
        String programmesEn = d.event().programmes().stream().map(p -> calendar.programmes().get(p))
                .map(p -> "• " + p.name().in(Language.EN) + ": " + p.link()).collect(Collectors.joining("\n"));
        StringBuilder b = new StringBuilder();
        b.append(d.event().title().sv()).append(": ").append(date(d.date(), Language.SV))
                .append(days > 0 ? " (om " + days + (days == 1 ? " dag" : " dagar") + ")." : " (i dag).").append("\n\n");
        if (d.event().text() != null) {
            b.append(d.event().text().sv()).append("\n\n");
        }
        b.append("Det här gäller:\n")
                .append("• högst ").append(kronor(rules.maxAmountPerProjectYear())).append(" per projekt och år\n")
                .append("• ett projekt pågår ").append(rules.minProjectYears()).append("–").append(rules.maxProjectYears())
                .append(" år, men ansökan görs varje år\n")
                .append("• varje förvaltning kan beviljas högst ").append(rules.maxProjectsPerDistrict())
                .append(" LUM-projekt och ").append(rules.maxStudyTripsPerDistrict()).append(" studieresor\n")
                .append("• högst ").append(kronor(rules.maxAmountPerStudyTrip())).append(" per studieresa (MUL)\n\n")
                .append(programmesSv).append("\n\n")
                .append("Vill du ha stöd från FoU-utredarna, t.ex. med förändringsteori eller uppföljningsplan? ")
                .append("Skriv ”stöd” till fou-bot i Slack eller svara på det här mejlet med vad du behöver.\n\n")
                .append("— English —\n")
                .append(d.event().title().in(Language.EN)).append(": ").append(date(d.date(), Language.EN))
                .append(days > 0 ? " (in " + days + (days == 1 ? " day" : " days") + ")." : " (today).").append("\n");
        if (d.event().text() != null) {
            b.append(d.event().text().in(Language.EN)).append("\n");
        }
        b.append("Rules: at most ").append(rules.maxAmountPerProjectYear()).append(" SEK per project and year; projects run ")
                .append(rules.minProjectYears()).append("–").append(rules.maxProjectYears())
                .append(" years with a yearly application; at most ").append(rules.maxProjectsPerDistrict())
                .append(" LUM projects and ").append(rules.maxStudyTripsPerDistrict()).append(" study trips per district; at most ")
                .append(rules.maxAmountPerStudyTrip()).append(" SEK per study trip.\n")
                .append(programmesEn).append("\n")
                .append("For support from the FoU analysts, write “support request” to fou-bot in Slack or reply to this mail.\n");
        if (unsubscribeHint != null) {
            b.append("\n").append(unsubscribeHint);
        }
        return b.toString();
    }

    static String unsubscribeHint(String link) {
        return "Svara ”avsluta” eller öppna " + link + " för att sluta få påminnelserna.\n"
                + "(Reply “unsubscribe” or open the link to stop these reminders.)";
    }
}

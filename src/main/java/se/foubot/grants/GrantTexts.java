package se.foubot.grants;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;

/**
 * What grant reminders say, from the grants bundle, in the subscriber's language; in Swedish and then English only
 * for a subscriber whose language is not known.
 */
@Component
class GrantTexts {

    private static final Locale SV = Locale.forLanguageTag("sv-SE");

    private final Texts texts;

    GrantTexts(Texts texts) {
        this.texts = texts;
    }

    static String date(LocalDate date, Language language) {
        return se.foubot.conversation.Dates.date(date, language);
    }

    /** "500 000 kr". */
    static String kronor(long amount) {
        return NumberFormat.getIntegerInstance(SV).format(amount).replace('\u00a0', ' ') + " kr";
    }

    /** "SEK 500,000" in English, "500 000 kr" in Swedish. */
    static String amount(long amount, Language l) {
        return l == Language.EN ? "SEK " + NumberFormat.getIntegerInstance(Locale.UK).format(amount) : kronor(amount);
    }

    /** The subscriber's language as recorded when they subscribed ("sv", "en"); null when none was recorded. */
    static Language languageOf(Subscriber s) {
        return s == null || s.language() == null ? null : "en".equalsIgnoreCase(s.language()) ? Language.EN
                : "sv".equalsIgnoreCase(s.language()) ? Language.SV : null;
    }

    /** {@code text} in {@code l}; with {@code l} null, the Swedish and then the English joined by {@code between}. */
    private static String in(Language l, String between, Function<Language, String> text) {
        return l != null ? text.apply(l) : text.apply(Language.SV) + between + text.apply(Language.EN);
    }

    String subject(ReminderPlanner.PlannedReminder r, Language l) {
        GrantCalendar.Deadline d = r.deadline();
        return in(l, " / ", x -> texts.get(x, "grants.reminder.subject", "event", d.event().title().in(x), "date", date(d.date(), x)));
    }

    /**
     * The reminder: what is due and when, the rules that matter, and how to ask the FoU unit for help; then how to stop
     * the reminders ({@code stopKey}: a bundle key with a {link} place, or null for none). The days left are counted
     * from {@code writtenOn}.
     */
    String reminder(ReminderPlanner.PlannedReminder r, LocalDate writtenOn, GrantCalendar calendar, Language l, String stopKey,
            String link) {
        return in(l, "\n\n— English —\n\n", x -> reminder(r, writtenOn, calendar, x) + (stopKey == null ? ""
                : "\n\n" + texts.get(x, stopKey, "link", link)));
    }

    private String reminder(ReminderPlanner.PlannedReminder r, LocalDate writtenOn, GrantCalendar calendar, Language l) {
        GrantCalendar.Deadline d = r.deadline();
        long days = ChronoUnit.DAYS.between(writtenOn, d.date());
        GrantRules rules = calendar.rules();
        String programmes = d.event().programmes().stream().map(p -> calendar.programmes().get(p))
                .map(p -> "• " + p.name().in(l) + ": " + p.link()).collect(Collectors.joining("\n"));
        String when = days > 1 ? texts.get(l, "grants.reminder.in-days", "days", days)
                : texts.get(l, days == 1 ? "grants.reminder.tomorrow" : "grants.reminder.today");
        StringBuilder b = new StringBuilder(texts.get(l, "grants.reminder.due", "event", d.event().title().in(l), "date",
                date(d.date(), l), "when", when)).append("\n\n");
        if (d.event().text() != null) {
            b.append(d.event().text().in(l)).append("\n\n");
        }
        return b.append(texts.get(l, "grants.reminder.rules", "max-project", amount(rules.maxAmountPerProjectYear(), l),
                "min-years", rules.minProjectYears(), "max-years", rules.maxProjectYears(), "max-projects",
                rules.maxProjectsPerDistrict(), "max-trips", rules.maxStudyTripsPerDistrict(), "max-trip",
                amount(rules.maxAmountPerStudyTrip(), l))).append("\n\n")
                .append(programmes).append("\n\n")
                .append(texts.get(l, "grants.reminder.support")).toString();
    }
}

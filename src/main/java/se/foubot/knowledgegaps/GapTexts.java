package se.foubot.knowledgegaps;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import se.foubot.conversation.ChoiceOption;
import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;

/** How the inventory is written to people: dates in one style, an entry in a few lines, the answer form of the mails. */
@Component
public class GapTexts {

    private static final DateTimeFormatter SV = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.forLanguageTag("sv-SE"));
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private final Texts texts;
    private final GapLists lists;
    private final java.time.ZoneId zone;
    private final java.time.Clock clock;

    GapTexts(Texts texts, GapLists lists, java.time.ZoneId zone, java.time.Clock clock) {
        this.texts = texts;
        this.lists = lists;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * The round where a text names its year: "2027" for the year's first, "2027 (kl-2027-2)" for a later one, so that
     * two rounds' invitations, reminders and outcomes can be told apart (helper 102 for the invitation's subject; helper
     * 121 everywhere else: with two rounds open people got two nearly identical reminders).
     */
    public static String roundName(Round round) {
        return round.id().equals("kl-" + round.year()) ? String.valueOf(round.year()) : round.year() + " (" + round.id() + ")";
    }

    /** The round was closed before the end of its deadline day. */
    public static boolean closedEarly(Round round) {
        return round.closedAt() != null && round.closedAt().isBefore(round.closesAt());
    }

    /**
     * How long the round takes answers, for a list's title: "svar tas emot till och med …", "tog emot svar till och
     * med …", or, closed early, "stängdes …" with when.
     */
    public String answering(Round round, Language language) {
        String key = round.takesAnswers(clock.instant()) ? "knowledgegaps.when.open"
                : closedEarly(round) ? "knowledgegaps.when.closed-early" : "knowledgegaps.when.closed";
        return get(language, key, "deadline", date(round.deadline(), language), "closed", closedAt(round, language));
    }

    /** Why nothing more is taken, in one sentence: the deadline passed, or a coordinator closed the round early (when). */
    public String closed(Round round, String entry, Language language) {
        return get(language, closedEarly(round) ? "knowledgegaps.round-closed-early" : "knowledgegaps.round-closed", "entry",
                entry == null ? "" : entry, "round", round.id(), "deadline", date(round.deadline(), language), "closed",
                closedAt(round, language));
    }

    /** Why an answer, a change or a removal was not taken, in the person's language. */
    public String notTaken(String reason, Round round, String entry, Language language) {
        if (round != null && "knowledgegaps.round-closed".equals(reason)) {
            return closed(round, entry, language);
        }
        return get(language, reason, "entry", entry == null ? "" : entry, "round", round == null ? "" : round.id(), "deadline",
                round == null ? "" : date(round.deadline(), language));
    }

    private String closedAt(Round round, Language language) {
        return dateTime(round.closedAt(), language);
    }

    /** "lördag 12 december 2026 kl. 09.00" in the bot's zone; empty for none. */
    public String dateTime(java.time.Instant at, Language language) {
        return at == null ? "" : se.foubot.conversation.Dates.dateTime(at.atZone(zone), language);
    }

    /** "onsdag 10 mars 2027" / "Wednesday 10 March 2027". */
    public static String date(LocalDate date, Language language) {
        return date == null ? "" : (language == Language.EN ? EN : SV).format(date);
    }

    public String get(Language language, String key, Object... namesAndValues) {
        return texts.get(language, key, namesAndValues);
    }

    /**
     * "1 kunskapslucka", "2 kunskapsluckor", "1\u00a0200 kunskapsluckor": the text of {@code key} (its ".one" for
     * exactly one) with {n} written as counts are ({@link Texts#count}).
     */
    public String count(Language language, String key, long n) {
        return texts.get(language, n == 1 ? key + ".one" : key, "n", Texts.count(n, language));
    }

    public String district(String id, Language language) {
        return id == null ? texts.get(language, "knowledgegaps.unknown-district") : lists.label(GapLists.DISTRICTS, id, language);
    }

    public String themeLabel(String theme, Language language) {
        return lists.label(GapLists.THEMES, theme, language);
    }

    public String theme(GapEntry e, Language language) {
        return e.ownTheme() != null ? e.ownTheme() : lists.label(GapLists.THEMES, e.theme(), language);
    }

    /**
     * A theme written but not kept (a formula): the theme the rules gave from the description, or, when they gave none,
     * that it is left as "Annat tema" (helper 121: "… valt det efter beskrivningen: Annat tema" named no theme).
     */
    public String themeUnreadable(GapEntry e, Language language) {
        return texts.get(language, GapLists.OTHER_THEME.equals(e.theme()) ? "knowledgegaps.theme-unreadable.other"
                : "knowledgegaps.theme-unreadable", "theme", themeLabel(e.theme(), language));
    }

    /** An entry in a few lines, as the district sees it. */
    public String entry(GapEntry e, Language language) {
        return texts.get(language, "knowledgegaps.entry", "entry", e.id(), "theme", theme(e, language), "text",
                e.text() == null ? "" : e.text(), "perspective", lists.label(GapLists.PERSPECTIVES, e.perspective(), language),
                "help", lists.label(GapLists.HELP, e.help(), language), "level", lists.label(GapLists.LEVELS, e.level(), language),
                "urgency", lists.label(GapLists.URGENCY, e.urgency(), language));
    }

    /** The headings a mail answer is written under, with the choices of each. */
    public String form(Language language) {
        return texts.get(language, "knowledgegaps.form", "themes", choices(GapLists.THEMES), "helps", choices(GapLists.HELP),
                "urgencies", choices(GapLists.URGENCY));
    }

    private String choices(String list) {
        return lists.options(list).stream().map(ChoiceOption::label).map(l -> l.sv().toLowerCase(Locale.forLanguageTag("sv")))
                .collect(Collectors.joining(", "));
    }

    /** The start of a text, for one-line lists. */
    public static String shortText(String text, int max) {
        if (text == null) {
            return "";
        }
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= max ? t : t.substring(0, max - 1).strip() + "…";
    }
}

package se.foubot.grants;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.conversation.QuestionAnswerer;
import se.foubot.conversation.TextNormalizer;

/**
 * Answers common grant questions from the calendar and the rules (data): how many projects or study trips, how
 * much, when the call opens and closes, when it is decided, for how long, what to do with unusable money. Only
 * questions that name a grant matter are answered; anything else goes on to the flows.
 */
@Component
class GrantQuestions implements QuestionAnswerer {

    private static final List<String> GRANT_WORDS = List.of(" lum", " mul ", "utvecklingsmedel", "studieres", "study trip",
            "utlysning", "ansokan", "grant", "application");

    private final GrantCalendar calendar;
    private final Clock clock;
    private final ZoneId zone;

    GrantQuestions(GrantCalendar calendar, Clock clock, ZoneId zone) {
        this.calendar = calendar;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public Optional<String> answer(String text, Language language) {
        String t = " " + TextNormalizer.normalize(text) + " ";
        if (GRANT_WORDS.stream().noneMatch(t::contains)) {
            return Optional.empty();
        }
        boolean en = language == Language.EN;
        GrantRules rules = calendar.rules();
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        boolean trips = has(t, "studieres", "study trip", "trips", " mul ", " resa ", " resor ");
        boolean howMany = has(t, "tredje", "third", "hur manga", "how many", "fler an", "more than", "antal", "number of");
        boolean howMuch = has(t, "hur mycket", "how much", "belopp", "amount", "max", "hogst", "kronor", " kr ", "sek");
        if (howMany && trips) {
            return Optional.of(en
                    ? "No more than " + rules.maxStudyTripsPerDistrict() + " study trips (MUL) can be granted to one district. Each trip can get at most "
                            + rules.maxAmountPerStudyTrip() + " SEK."
                    : "En förvaltning kan beviljas högst " + rules.maxStudyTripsPerDistrict() + " studieresor (MUL). Varje resa kan få högst "
                            + GrantTexts.kronor(rules.maxAmountPerStudyTrip()) + ".");
        }
        if (howMany) {
            return Optional.of(en
                    ? "No – a district can be granted at most " + rules.maxProjectsPerDistrict() + " LUM projects (and "
                            + rules.maxStudyTripsPerDistrict() + " study trips). A third project cannot be granted while two are running."
                    : "Nej – en förvaltning kan beviljas högst " + rules.maxProjectsPerDistrict() + " LUM-projekt (och "
                            + rules.maxStudyTripsPerDistrict() + " studieresor). Ett tredje projekt kan inte beviljas medan två pågår.");
        }
        if (howMuch && trips) {
            return Optional.of(en ? "A study trip (MUL) can be granted at most " + rules.maxAmountPerStudyTrip() + " SEK."
                    : "En studieresa (MUL) kan beviljas högst " + GrantTexts.kronor(rules.maxAmountPerStudyTrip()) + ".");
        }
        if (howMuch) {
            return Optional.of(en ? "A LUM project can be granted at most " + rules.maxAmountPerProjectYear()
                    + " SEK per year. It can run " + rules.minProjectYears() + "–" + rules.maxProjectYears() + " years, but applies every year."
                    : "Ett LUM-projekt kan beviljas högst " + GrantTexts.kronor(rules.maxAmountPerProjectYear()) + " per år. Det kan pågå "
                            + rules.minProjectYears() + "–" + rules.maxProjectYears() + " år, men ansökan görs varje år.");
        }
        if (has(t, "hur lange", "how long", "flera ar", "several years", "antal ar", "how many years", "flerarig")) {
            return Optional.of(en ? "A LUM project can run " + rules.minProjectYears() + "–" + rules.maxProjectYears()
                    + " years, but must apply for funds every year."
                    : "Ett LUM-projekt kan pågå " + rules.minProjectYears() + "–" + rules.maxProjectYears()
                            + " år, men måste söka medel varje år.");
        }
        if (has(t, "aterbetal", "inte kan anvand", "inte anvand", "pay back", "unused", "cannot be used", "can t be used", "betala tillbaka")) {
            return deadline("unusable-funds", today, en, en ? "Granted money that cannot be used must be reported as soon as possible, at the latest "
                    : "Beviljade medel som inte kan användas ska meddelas så snart som möjligt, senast ");
        }
        if (has(t, "stanger", "sista dag", "close", "closes", "deadline", "last day")) {
            return deadline("call-closes", today, en, en ? "The LUM and MUL call closes " : "Ansökan om LUM och MUL stänger ");
        }
        if (has(t, "oppnar", " open", "opens", "borjar")) {
            return deadline("call-opens", today, en, en ? "The LUM and MUL call opens " : "Utlysningen av LUM och MUL öppnar ");
        }
        if (has(t, "beslut", "decision", "decided", "besked", "fa svar", "hear back")) {
            return calendar.event("decision").map(e -> en
                    ? "Applications are prepared in the autumn and decided by the social committee in "
                            + e.month().getDisplayName(TextStyle.FULL, Locale.UK) + "."
                    : "Ansökningarna bereds under hösten och socialnämnden beslutar i "
                            + e.month().getDisplayName(TextStyle.FULL, Locale.forLanguageTag("sv-SE")) + ".");
        }
        return Optional.empty();
    }

    private Optional<String> deadline(String event, LocalDate today, boolean en, String lead) {
        return calendar.next(event, today).map(d -> lead + GrantTexts.date(d.date(), en ? Language.EN : Language.SV) + "."
                + (en ? " Write “bevakning” with /fou to get reminders." : " Skriv `/fou bevakning` för att få påminnelser."));
    }

    private static boolean has(String text, String... words) {
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }
}

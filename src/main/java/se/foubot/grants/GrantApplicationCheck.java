package se.foubot.grants;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.conversation.OutcomeAction;
import se.foubot.conversation.OutcomeRequest;
import se.foubot.conversation.OutcomeResult;

/** The grant-check flow's outcome: a verdict on a planned application, each problem with the rule behind it. */
@Component
class GrantApplicationCheck implements OutcomeAction {

    private final GrantCalendar calendar;
    private final java.time.Clock clock;
    private final java.time.ZoneId zone;

    GrantApplicationCheck(GrantCalendar calendar, java.time.Clock clock, java.time.ZoneId zone) {
        this.calendar = calendar;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String name() {
        return "check-grant-application";
    }

    @Override
    public OutcomeResult run(OutcomeRequest request) {
        Map<String, String> a = request.answers();
        return new OutcomeResult(Map.of("verdict", verdict(a, request.language())));
    }

    String verdict(Map<String, String> a, Language language) {
        GrantRules rules = calendar.rules();
        boolean en = language == Language.EN;
        List<String> problems = new ArrayList<>();
        if ("MUL".equals(a.get("programme"))) {
            long amount = Long.parseLong(a.get("trip-amount"));
            int held = Integer.parseInt(a.get("held-trips"));
            if (amount > rules.maxAmountPerStudyTrip()) {
                problems.add(en ? amount + " SEK is more than the " + rules.maxAmountPerStudyTrip() + " SEK a study trip can be granted."
                        : GrantTexts.kronor(amount) + " är mer än de " + GrantTexts.kronor(rules.maxAmountPerStudyTrip())
                                + " som en studieresa högst kan beviljas.");
            }
            if (held >= rules.maxStudyTripsPerDistrict()) {
                problems.add(en ? "A district can be granted at most " + rules.maxStudyTripsPerDistrict() + " study trips; yours already has " + held + "."
                        : "En förvaltning kan beviljas högst " + rules.maxStudyTripsPerDistrict() + " studieresor, och ni har redan " + held + ".");
            }
        } else {
            long amount = Long.parseLong(a.get("amount"));
            int years = Integer.parseInt(a.get("years"));
            int held = Integer.parseInt(a.get("held-projects"));
            if (amount > rules.maxAmountPerProjectYear()) {
                problems.add(en ? amount + " SEK a year is more than the " + rules.maxAmountPerProjectYear() + " SEK a project can be granted per year."
                        : GrantTexts.kronor(amount) + " per år är mer än de " + GrantTexts.kronor(rules.maxAmountPerProjectYear())
                                + " som ett projekt högst kan beviljas per år.");
            }
            if (years < rules.minProjectYears() || years > rules.maxProjectYears()) {
                problems.add(en ? "A LUM project runs " + rules.minProjectYears() + "–" + rules.maxProjectYears() + " years, not " + years + "."
                        : "Ett LUM-projekt pågår " + rules.minProjectYears() + "–" + rules.maxProjectYears() + " år, inte " + years + ".");
            }
            if (held >= rules.maxProjectsPerDistrict()) {
                problems.add(en ? "A district can be granted at most " + rules.maxProjectsPerDistrict() + " LUM projects; yours already has " + held + "."
                        : "En förvaltning kan beviljas högst " + rules.maxProjectsPerDistrict() + " LUM-projekt, och ni har redan " + held + ".");
            }
            if (problems.isEmpty() && years > 1) {
                problems.add(null); // not a problem: a reminder that a multi-year project applies every year
            }
        }
        StringBuilder b = new StringBuilder();
        List<String> real = problems.stream().filter(p -> p != null).toList();
        if (real.isEmpty()) {
            b.append(en ? "✅ The planned application keeps within the rules." : "✅ Den planerade ansökan håller sig inom reglerna.");
            if (problems.contains(null)) {
                b.append(en ? " Remember: a project running several years must apply every year."
                        : " Tänk på att ett flerårigt projekt måste söka medel varje år.");
            }
        } else {
            b.append(en ? "❌ The planned application does not keep within the rules:" : "❌ Den planerade ansökan håller sig inte inom reglerna:");
            real.forEach(p -> b.append("\n• ").append(p));
        }
        calendar.next("call-closes", java.time.LocalDate.ofInstant(clock.instant(), zone)).ifPresent(d -> b.append(en
                ? "\nThe call closes " + GrantTexts.date(d.date(), Language.EN) + ". Write “support request” for help from the FoU analysts."
                : "\nAnsökan stänger " + GrantTexts.date(d.date(), Language.SV) + ". Skriv ”stöd” om ni vill ha hjälp av FoU-utredarna."));
        return b.toString();
    }
}

package se.foubot.grants;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.conversation.OutcomeAction;
import se.foubot.conversation.OutcomeRequest;
import se.foubot.conversation.OutcomeResult;
import se.foubot.messaging.Texts;

/** The grant-check flow's outcome: a verdict on a planned application, each problem with the rule behind it. */
@Component
class GrantApplicationCheck implements OutcomeAction {

    private final GrantCalendar calendar;
    private final java.time.Clock clock;
    private final java.time.ZoneId zone;
    private final Texts texts;

    GrantApplicationCheck(GrantCalendar calendar, java.time.Clock clock, java.time.ZoneId zone, Texts texts) {
        this.texts = texts;
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

    String verdict(Map<String, String> a, Language l) {
        GrantRules rules = calendar.rules();
        List<String> problems = new ArrayList<>();
        if ("MUL".equals(a.get("programme"))) {
            long amount = Long.parseLong(a.get("trip-amount"));
            int held = Integer.parseInt(a.get("held-trips"));
            if (amount > rules.maxAmountPerStudyTrip()) {
                problems.add(texts.get(l, "grants.check.trip-amount", "amount", GrantTexts.amount(amount, l), "max",
                        GrantTexts.amount(rules.maxAmountPerStudyTrip(), l)));
            }
            if (held >= rules.maxStudyTripsPerDistrict()) {
                problems.add(texts.get(l, "grants.check.trips", "max", rules.maxStudyTripsPerDistrict(), "held", held));
            }
        } else {
            long amount = Long.parseLong(a.get("amount"));
            int years = Integer.parseInt(a.get("years"));
            int held = Integer.parseInt(a.get("held-projects"));
            if (amount > rules.maxAmountPerProjectYear()) {
                problems.add(texts.get(l, "grants.check.project-amount", "amount", GrantTexts.amount(amount, l), "max",
                        GrantTexts.amount(rules.maxAmountPerProjectYear(), l)));
            }
            if (years < rules.minProjectYears() || years > rules.maxProjectYears()) {
                problems.add(texts.get(l, "grants.check.years", "min", rules.minProjectYears(), "max", rules.maxProjectYears(),
                        "years", years));
            }
            if (held >= rules.maxProjectsPerDistrict()) {
                problems.add(texts.get(l, "grants.check.projects", "max", rules.maxProjectsPerDistrict(), "held", held));
            }
            if (problems.isEmpty() && years > 1) {
                problems.add(null); // not a problem: a reminder that a multi-year project applies every year
            }
        }
        StringBuilder b = new StringBuilder();
        List<String> real = problems.stream().filter(p -> p != null).toList();
        if (real.isEmpty()) {
            b.append(texts.get(l, "grants.check.ok"));
            if (problems.contains(null)) {
                b.append(" ").append(texts.get(l, "grants.check.every-year"));
            }
        } else {
            b.append(texts.get(l, "grants.check.not-ok"));
            real.forEach(p -> b.append("\n• ").append(p));
        }
        calendar.next("call-closes", java.time.LocalDate.ofInstant(clock.instant(), zone)).ifPresent(d -> b.append("\n")
                .append(texts.get(l, "grants.check.closes", "date", GrantTexts.date(d.date(), l))));
        return b.toString();
    }
}

package se.foubot.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import se.foubot.grants.GrantCalendar;
import se.foubot.grants.GrantFigures;

/** LUM and MUL: the next deadlines, the reminders planned and sent, and who subscribes from which district. */
@Controller
class GrantsPageController implements WebPage {

    /** A deadline to come, and how many days are left. */
    record DeadlineRow(LocalDate date, String title, String programmes, long daysLeft) {
    }

    /** A district's subscribers per programme (same order as the programmes). */
    record SubscriberRow(String district, List<Integer> perProgramme) {
    }

    private final GrantFigures figures;
    private final Labels labels;
    private final java.time.Clock clock;
    private final ZoneId zone;

    private final ChartJson json;

    GrantsPageController(ChartJson json, GrantFigures figures, Labels labels, java.time.Clock clock, ZoneId zone) {
        this.json = json;
        this.figures = figures;
        this.labels = labels;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String path() {
        return "/dashboard/grants";
    }

    @Override
    public String title() {
        return "LUM och MUL";
    }

    @Override
    public int order() {
        return 30;
    }

    @GetMapping("/dashboard/grants")
    String grants(@RequestParam(required = false) String year, Model model) {
        int y = Years.pick(year, figures.years());
        model.addAttribute("year", y);
        model.addAttribute("yearNotice", Years.notice(year, y));
        model.addAttribute("years", Years.newestFirst(figures.years()));
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        model.addAttribute("deadlines", figures.nextDeadlines(5).stream().map(d -> new DeadlineRow(d.date(), d.event().title().sv(),
                String.join(", ", d.event().programmes()), ChronoUnit.DAYS.between(today, d.date()))).toList());

        List<GrantFigures.Reminder> reminders = figures.reminders(y);
        model.addAttribute("reminders", reminders);
        List<String> months = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        List<Integer> planned = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            int month = m;
            months.add(java.time.Month.of(m).getDisplayName(java.time.format.TextStyle.FULL_STANDALONE, java.util.Locale.forLanguageTag("sv-SE")));
            sent.add((int) reminders.stream().filter(r -> r.state() == GrantFigures.ReminderState.SENT && month(r) == month)
                    .mapToLong(GrantFigures.Reminder::recipients).sum());
            planned.add((int) reminders.stream().filter(r -> r.state() == GrantFigures.ReminderState.PLANNED && month(r) == month)
                    .mapToLong(GrantFigures.Reminder::recipients).sum());
        }
        model.addAttribute("remindersChart", json.of(Chart.bars(months, "påminnelser")
                .with("Skickade", sent, Chart.CLOSED).with("Planerade (mottagare i dag)", planned, Chart.CLAIMED).stackedBars()));

        Map<String, Map<String, Integer>> subscribers = figures.subscribersPerDistrict(y);
        List<String> programmes = new ArrayList<>(new TreeSet<>(figures.calendar().programmes().keySet()));
        List<SubscriberRow> rows = new ArrayList<>();
        for (String d : labels.districtIds()) {
            if (subscribers.containsKey(d)) {
                rows.add(new SubscriberRow(labels.district(d), programmes.stream().map(p -> subscribers.get(d).getOrDefault(p, 0)).toList()));
            }
        }
        subscribers.keySet().stream().filter(d -> !labels.districtIds().contains(d)).forEach(d -> rows.add(new SubscriberRow(
                labels.district(d), programmes.stream().map(p -> subscribers.get(d).getOrDefault(p, 0)).toList())));
        model.addAttribute("programmes", programmes);
        model.addAttribute("programmeNames", programmes.stream().map(p -> name(figures.calendar(), p)).toList());
        model.addAttribute("subscribers", rows);
        Chart chart = Chart.bars(rows.stream().map(SubscriberRow::district).toList(), "bevakare").lying();
        for (int i = 0; i < programmes.size(); i++) {
            int p = i;
            chart.with(programmes.get(i), rows.stream().map(r -> r.perProgramme().get(p)).toList(), Chart.PALETTE.get(i % Chart.PALETTE.size()));
        }
        model.addAttribute("subscribersChart", json.of(chart));
        return "web/grants";
    }

    private int month(GrantFigures.Reminder r) {
        return r.sendAt().atZone(zone).getMonthValue();
    }

    private static String name(GrantCalendar calendar, String programme) {
        GrantCalendar.Programme p = calendar.programmes().get(programme);
        return p == null ? programme : p.name().sv();
    }
}

package se.foubot.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import se.foubot.tasks.TaskFigures;
import se.foubot.tasks.TaskFigures.MonthCounts;
import se.foubot.tasks.TaskFigures.MonthTimes;
import se.foubot.tasks.TaskFigures.StatusCounts;

/** The year at a glance: support tasks by month, district and category, how fast they were taken and closed, what waits now. */
@Controller
class DashboardController implements WebPage {

    /** One row of a counts table: what it counts (a month, district or category) and the counts. */
    record CountRow(String label, StatusCounts counts) {
    }

    /** One month of waiting times, rounded for reading. */
    record TimeRow(String month, int claimed, Double medianHoursToClaim, Double p90HoursToClaim, int closed, Double medianDaysToClose,
            Double p90DaysToClose) {
    }

    /** A task that waits; {@code concern} is null unless the person may read request text. */
    record WaitingRow(String reference, String district, String category, boolean needsTriage, Instant createdAt, String age,
            String concern) {
    }

    private static final List<Duration> AGE_LIMITS = List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7));
    private static final List<String> AGE_GROUPS = List.of("under 1 dag", "1–3 dagar", "3–7 dagar", "mer än 7 dagar");

    private final TaskFigures figures;
    private final Labels labels;
    private final SwedishDates dates;

    private final ChartJson json;

    DashboardController(ChartJson json, TaskFigures figures, Labels labels, SwedishDates dates) {
        this.json = json;
        this.figures = figures;
        this.labels = labels;
        this.dates = dates;
    }

    @Override
    public String path() {
        return "/dashboard";
    }

    @Override
    public String title() {
        return "Uppdrag";
    }

    @Override
    public int order() {
        return 10;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/dashboard";
    }

    /**
     * The whole page, with the month figure filtered as the address says (helper 121: the filter form's own address,
     * {@code /dashboard?district=bromma}, showed every district, so a reload or a shared link lost the filter).
     */
    @GetMapping("/dashboard")
    String dashboard(@RequestParam(required = false) String year, @RequestParam(required = false) List<String> district,
            @RequestParam(required = false) List<String> category, @ModelAttribute("user") StaffUser user, Model model) {
        int y = Years.pick(year, figures.years());
        model.addAttribute("year", y);
        model.addAttribute("yearNotice", Years.notice(year, y));
        model.addAttribute("years", Years.newestFirst(figures.years()));
        perMonth(y, filter(district, category), model);

        List<CountRow> byDistrict = rows(figures.byDistrict(y), true);
        model.addAttribute("byDistrict", byDistrict);
        model.addAttribute("byDistrictChart", json.of(statusChart(byDistrict).lying()));
        List<CountRow> byCategory = rows(figures.byCategory(y), false);
        model.addAttribute("byCategory", byCategory);
        model.addAttribute("byCategoryChart", json.of(statusChart(byCategory).lying()));

        List<TimeRow> times = figures.timesPerMonth(y).stream().map(this::timeRow).toList();
        model.addAttribute("times", times);
        List<String> months = times.stream().map(TimeRow::month).toList();
        model.addAttribute("claimChart", json.of(Chart.lines(months, "timmar")
                .with("Median, timmar till tagen", times.stream().map(TimeRow::medianHoursToClaim).toList(), Chart.PALETTE.get(0))
                .with("90:e percentilen, timmar till tagen", times.stream().map(TimeRow::p90HoursToClaim).toList(), Chart.PALETTE.get(1))));
        model.addAttribute("closeChart", json.of(Chart.lines(months, "dagar")
                .with("Median, dagar till klar", times.stream().map(TimeRow::medianDaysToClose).toList(), Chart.PALETTE.get(2))
                .with("90:e percentilen, dagar till klar", times.stream().map(TimeRow::p90DaysToClose).toList(), Chart.PALETTE.get(3))));

        List<WaitingRow> waiting = figures.unclaimed().stream().map(u -> new WaitingRow(u.reference(), labels.district(u.district()),
                labels.category(u.category()), u.needsTriage(), u.createdAt(), dates.age(u.age()),
                user.seesRequestText() ? u.concern() : null)).toList();
        model.addAttribute("waiting", waiting);
        int[] ages = new int[AGE_GROUPS.size()];
        figures.unclaimed().forEach(u -> ages[ageGroup(u.age())]++);
        model.addAttribute("ageRows", java.util.stream.IntStream.range(0, ages.length)
                .mapToObj(i -> new CountRow(AGE_GROUPS.get(i), new StatusCounts(ages[i], 0, 0))).toList());
        model.addAttribute("ageChart", json.of(Chart.bars(AGE_GROUPS, "uppdrag")
                .with("Ej tagna", java.util.Arrays.stream(ages).boxed().toList(), Chart.OPEN)));
        return "web/dashboard";
    }

    /**
     * The month figure alone, for the district and category filter (htmx swaps it in place). To htmx it names the whole
     * page's address for the browser's address bar ({@code HX-Push-Url}), so that a reload, the back button or a
     * copied link shows the same filter, and sends the year selector the filter to keep (helper 121: the address stayed
     * the page's without it).
     */
    @GetMapping("/dashboard/per-month")
    String perMonthFigure(@RequestParam(required = false) String year, @RequestParam(required = false) List<String> district,
            @RequestParam(required = false) List<String> category, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        int y = Years.pick(year, figures.years());
        model.addAttribute("year", y);
        model.addAttribute("yearNotice", Years.notice(year, y));
        Filter filter = filter(district, category);
        perMonth(y, filter, model);
        if ("true".equals(request.getHeader("HX-Request"))) {
            // and the year selector's copy of the filter, which the swap would leave as the page was loaded
            model.addAttribute("filterOutOfBand", true);
            response.setHeader("HX-Push-Url", UriComponentsBuilder.fromPath(request.getContextPath() + "/dashboard")
                    .queryParam("year", y).queryParamIfPresent("district", java.util.Optional.ofNullable(filter.district()))
                    .queryParamIfPresent("category", java.util.Optional.ofNullable(filter.category())).encode().build().toUriString());
        }
        return "web/dashboard :: perMonth";
    }

    /** What the month figure is filtered by: known ids only, and a line for each value in the address it passed over. */
    record Filter(String district, String category, List<String> notices) {
    }

    /**
     * The district and category the address asks for, when each is one of the lists' ids (in any case: {@code BROMMA}
     * is bromma). Anything else — a name not in the list, a label instead of the id, more than one — is not filtered
     * by, and the page says so in a line that never repeats the value (helper 121: {@code district=atlantis} was shown
     * as "Visar atlantis" with every count 0, and a value of 5,000 characters was echoed whole).
     */
    private Filter filter(List<String> districts, List<String> categories) {
        List<String> notices = new ArrayList<>();
        String district = known(districts, labels.districtIds(), "Adressen anger mer än en förvaltning. Sidan visar alla förvaltningar.",
                "Förvaltningen i adressen finns inte i listan. Sidan visar alla förvaltningar.", notices);
        String category = known(categories, labels.categoryIds(), "Adressen anger mer än en kategori. Sidan visar alla kategorier.",
                "Kategorin i adressen finns inte i listan. Sidan visar alla kategorier.", notices);
        return new Filter(district, category, List.copyOf(notices));
    }

    private static String known(List<String> asked, List<String> ids, String several, String unknown, List<String> notices) {
        List<String> given = asked == null ? List.of() : asked.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
        if (given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            notices.add(several);
            return null;
        }
        String id = ids.stream().filter(i -> i.equalsIgnoreCase(given.get(0))).findFirst().orElse(null);
        if (id == null) {
            notices.add(unknown);
        }
        return id;
    }

    private void perMonth(int year, Filter filter, Model model) {
        List<MonthCounts> months = figures.perMonth(year, filter.district(), filter.category());
        List<CountRow> rows = months.stream().map(m -> new CountRow(dates.month(m.month()), m.counts())).toList();
        model.addAttribute("perMonth", rows);
        model.addAttribute("perMonthChart", json.of(statusChart(rows)));
        model.addAttribute("district", filter.district());
        model.addAttribute("category", filter.category());
        model.addAttribute("filterNotices", filter.notices());
        model.addAttribute("perMonthScope", scope(filter.district(), filter.category()));
        model.addAttribute("districtOptions", options(labels.districtIds(), true));
        model.addAttribute("categoryOptions", options(labels.categoryIds(), false));
    }

    private String scope(String district, String category) {
        List<String> parts = new ArrayList<>();
        if (district != null) {
            parts.add(labels.district(district));
        }
        if (category != null) {
            parts.add(labels.category(category));
        }
        return parts.isEmpty() ? "alla förvaltningar och kategorier" : String.join(", ", parts);
    }

    record Option(String id, String label) {
    }

    private List<Option> options(List<String> ids, boolean districts) {
        return ids.stream().map(id -> new Option(id, districts ? labels.district(id) : labels.category(id))).toList();
    }

    private List<CountRow> rows(Map<String, StatusCounts> counts, boolean districts) {
        return counts.entrySet().stream()
                .map(e -> new CountRow(districts ? labels.district(e.getKey()) : labels.category(e.getKey()), e.getValue()))
                .sorted(java.util.Comparator.comparingInt((CountRow r) -> r.counts().total()).reversed()).toList();
    }

    private static Chart statusChart(List<CountRow> rows) {
        List<String> names = rows.stream().map(CountRow::label).toList();
        return Chart.bars(names, "uppdrag")
                .with("Ej tagna", rows.stream().map(r -> r.counts().open()).toList(), Chart.OPEN)
                .with("Tagna", rows.stream().map(r -> r.counts().claimed()).toList(), Chart.CLAIMED)
                .with("Klara", rows.stream().map(r -> r.counts().closed()).toList(), Chart.CLOSED)
                .stackedBars();
    }

    private TimeRow timeRow(MonthTimes t) {
        return new TimeRow(dates.month(t.month()), t.claimed(), round(t.medianHoursToClaim()), round(t.p90HoursToClaim()), t.closed(),
                round(t.medianDaysToClose()), round(t.p90DaysToClose()));
    }

    private static Double round(Double d) {
        return d == null ? null : Math.round(d * 10) / 10.0;
    }

    private static int ageGroup(Duration age) {
        for (int i = 0; i < AGE_LIMITS.size(); i++) {
            if (age.compareTo(AGE_LIMITS.get(i)) < 0) {
                return i;
            }
        }
        return AGE_LIMITS.size();
    }
}

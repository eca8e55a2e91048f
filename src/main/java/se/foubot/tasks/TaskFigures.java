package se.foubot.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The support tasks as figures for the staff web and the annual report: counts by month, district, category and
 * status, how long tasks waited to be claimed and to be closed, and what is unclaimed now. Years are calendar
 * years in the zone people see.
 */
@Component
public class TaskFigures {

    /** Tasks by where they stand now: open (nobody has taken them), claimed (taken, not done), closed (done). */
    public record StatusCounts(int open, int claimed, int closed) {

        static final StatusCounts NONE = new StatusCounts(0, 0, 0);

        public int total() {
            return open + claimed + closed;
        }

        StatusCounts plus(TaskStatus status) {
            return switch (status) {
                case NEW -> new StatusCounts(open + 1, claimed, closed);
                case DONE -> new StatusCounts(open, claimed, closed + 1);
                default -> new StatusCounts(open, claimed + 1, closed);
            };
        }
    }

    /** Tasks that came in during one month, by where they stand now. */
    public record MonthCounts(YearMonth month, StatusCounts counts) {
    }

    /**
     * Waiting times of the tasks claimed (and closed) during one month: median and 90th percentile, in hours to
     * claim and in days to close; null when no task was claimed (closed) that month.
     */
    public record MonthTimes(YearMonth month, int claimed, Double medianHoursToClaim, Double p90HoursToClaim, int closed,
            Double medianDaysToClose, Double p90DaysToClose) {
    }

    /** A task nobody has taken yet. {@code concern} is the requester's own text: show it only to analysts. */
    public record Unclaimed(String reference, String district, String category, boolean needsTriage, Instant createdAt,
            Duration age, String concern) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId zone;

    TaskFigures(MongoTemplate mongo, Clock clock, ZoneId zone) {
        this.mongo = mongo;
        this.clock = clock;
        this.zone = zone;
    }

    /** Tasks created in {@code year} (every task when null), oldest first. */
    public List<SupportTask> createdIn(Integer year) {
        Query query = year == null ? new Query() : Query.query(within("createdAt", year));
        return ReadableTasks.find(mongo, query.with(Sort.by("createdAt")));
    }

    /** The years in which tasks came in, and this year. */
    public SortedSet<Integer> years() {
        int now = YearMonth.now(clock.withZone(zone)).getYear();
        SupportTask first = mongo.findOne(new Query().with(Sort.by("createdAt")).limit(1), SupportTask.class);
        SortedSet<Integer> years = new TreeSet<>();
        for (int y = first == null ? now : Math.min(now, first.createdAt().atZone(zone).getYear()); y <= now; y++) {
            years.add(y);
        }
        return years;
    }

    /** Every month of {@code year}: the tasks that came in, optionally only from one district or of one category. */
    public List<MonthCounts> perMonth(int year, String district, String category) {
        Map<YearMonth, StatusCounts> counts = new TreeMap<>();
        for (int m = 1; m <= 12; m++) {
            counts.put(YearMonth.of(year, m), StatusCounts.NONE);
        }
        for (SupportTask t : createdIn(year)) {
            if ((district == null || district.equals(t.request().district())) && (category == null || category.equals(t.category()))) {
                counts.computeIfPresent(YearMonth.from(t.createdAt().atZone(zone)), (k, c) -> c.plus(t.status()));
            }
        }
        return counts.entrySet().stream().map(e -> new MonthCounts(e.getKey(), e.getValue())).toList();
    }

    /** The tasks that came in during {@code year} per district (id; "okänd" when none was given), by status. */
    public Map<String, StatusCounts> byDistrict(int year) {
        return by(year, t -> Objects.requireNonNullElse(t.request().district(), UNKNOWN));
    }

    /** The tasks that came in during {@code year} per category id, by status. */
    public Map<String, StatusCounts> byCategory(int year) {
        return by(year, t -> Objects.requireNonNullElse(t.category(), UNKNOWN));
    }

    /** What the exports and pages call a task without a district or category. */
    public static final String UNKNOWN = "okänd";

    private Map<String, StatusCounts> by(int year, Function<SupportTask, String> key) {
        Map<String, StatusCounts> counts = new TreeMap<>();
        for (SupportTask t : createdIn(year)) {
            counts.merge(key.apply(t), StatusCounts.NONE.plus(t.status()),
                    (a, b) -> new StatusCounts(a.open() + b.open(), a.claimed() + b.claimed(), a.closed() + b.closed()));
        }
        return counts;
    }

    /** Time to claim and to close, for every month of {@code year}, by the month the task was claimed (closed). */
    public List<MonthTimes> timesPerMonth(int year) {
        Map<YearMonth, List<Double>> toClaim = months(year);
        Map<YearMonth, List<Double>> toClose = months(year);
        for (SupportTask t : ReadableTasks.find(mongo, Query.query(within("claimedAt", year)))) {
            toClaim.get(YearMonth.from(t.claimedAt().atZone(zone))).add(Duration.between(t.createdAt(), t.claimedAt()).toMinutes() / 60.0);
        }
        for (SupportTask t : ReadableTasks.find(mongo, Query.query(within("closedAt", year)))) {
            toClose.get(YearMonth.from(t.closedAt().atZone(zone))).add(Duration.between(t.createdAt(), t.closedAt()).toMinutes() / 1440.0);
        }
        List<MonthTimes> out = new ArrayList<>();
        for (YearMonth m : toClaim.keySet()) {
            List<Double> claim = toClaim.get(m);
            List<Double> close = toClose.get(m);
            out.add(new MonthTimes(m, claim.size(), Percentile.of(claim, 0.5), Percentile.of(claim, 0.9), close.size(),
                    Percentile.of(close, 0.5), Percentile.of(close, 0.9)));
        }
        return out;
    }

    /** The tasks nobody has taken, oldest first, with how long they have waited. */
    public List<Unclaimed> unclaimed() {
        Instant now = clock.instant();
        return ReadableTasks.find(mongo, Query.query(Criteria.where("status").is(TaskStatus.NEW)).with(Sort.by("createdAt")))
                .stream().map(t -> new Unclaimed(t.reference(), t.request().district(), t.category(), t.needsTriage(), t.createdAt(),
                        Duration.between(t.createdAt(), now), t.request().concern())).toList();
    }

    private Map<YearMonth, List<Double>> months(int year) {
        Map<YearMonth, List<Double>> months = new TreeMap<>();
        for (int m = 1; m <= 12; m++) {
            months.put(YearMonth.of(year, m), new ArrayList<>());
        }
        return months;
    }

    private Criteria within(String field, int year) {
        return Criteria.where(field).gte(YearMonth.of(year, 1).atDay(1).atStartOfDay(zone).toInstant())
                .lt(YearMonth.of(year + 1, 1).atDay(1).atStartOfDay(zone).toInstant());
    }
}

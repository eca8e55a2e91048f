package se.foubot.grants;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/** LUM and MUL as figures for the staff web and the annual report: deadlines, reminders, subscribers. */
@Component
public class GrantFigures {

    /** What the figures call a subscriber without a district. */
    public static final String UNKNOWN = "okänd";

    /** Where a planned reminder stands. */
    public enum ReminderState {
        /** queued for its subscribers (how many: {@link Reminder#recipients()}) */
        SENT,
        /** its time has not come (how many it would reach today: {@link Reminder#recipients()}) */
        PLANNED,
        /** its time passed without it going out: the bot was not running, or a later reminder of the deadline replaced it */
        NOT_SENT
    }

    /** One reminder of one deadline. */
    public record Reminder(GrantCalendar.Deadline deadline, String offset, Instant sendAt, ReminderState state, long recipients,
            Instant sentAt) {
    }

    private final GrantCalendar calendar;
    private final ReminderPlanner planner;
    private final GrantReminderLog log;
    private final GrantSubscriptions subscriptions;
    private final Clock clock;
    private final ZoneId zone;

    GrantFigures(GrantCalendar calendar, ReminderPlanner planner, GrantReminderLog log, GrantSubscriptions subscriptions,
            Clock clock, ZoneId zone) {
        this.calendar = calendar;
        this.planner = planner;
        this.log = log;
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.zone = zone;
    }

    public GrantCalendar calendar() {
        return calendar;
    }

    /** The years since the first subscriber, and this year. */
    public SortedSet<Integer> years() {
        int now = today().getYear();
        int first = subscriptions.all().stream().map(s -> s.subscribedAt().atZone(zone).getYear()).min(Integer::compare).orElse(now);
        SortedSet<Integer> years = new TreeSet<>();
        for (int y = Math.min(first, now); y <= now; y++) {
            years.add(y);
        }
        return years;
    }

    /** The next {@code count} dated events from today on (today's included). */
    public List<GrantCalendar.Deadline> nextDeadlines(int count) {
        LocalDate today = today();
        List<GrantCalendar.Deadline> out = new ArrayList<>();
        for (int y = today.getYear(); y <= today.getYear() + 1; y++) {
            calendar.deadlines(y).stream().filter(d -> !d.date().isBefore(today)).forEach(out::add);
        }
        return out.subList(0, Math.min(count, out.size()));
    }

    /** Every reminder of the deadlines of {@code year}, by send time, with whether it went out and to how many. */
    public List<Reminder> reminders(int year) {
        List<ReminderPlanner.PlannedReminder> planned = planner.plan(year, year);
        Map<String, GrantReminderLog.Entry> sent = log.of(planned.stream().map(r -> r.deadline().id()).distinct().toList());
        Instant now = clock.instant();
        List<Reminder> out = new ArrayList<>();
        for (ReminderPlanner.PlannedReminder r : planned) {
            GrantReminderLog.Entry entry = sent.get(r.id());
            if (entry != null) {
                out.add(new Reminder(r.deadline(), r.offset().toString(), r.sendAt(), ReminderState.SENT, entry.queued(), entry.firstAt()));
            } else if (r.sendAt().isAfter(now)) {
                out.add(new Reminder(r.deadline(), r.offset().toString(), r.sendAt(), ReminderState.PLANNED,
                        subscriptions.countActive(r.deadline().event().programmes(), now), null));
            } else {
                out.add(new Reminder(r.deadline(), r.offset().toString(), r.sendAt(), ReminderState.NOT_SENT, 0, null));
            }
        }
        return out;
    }

    /**
     * Subscribers per district and programme at the end of {@code year} (today, for this year): those who had
     * subscribed by then and had not stopped.
     */
    public Map<String, Map<String, Integer>> subscribersPerDistrict(int year) {
        Instant endOfYear = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
        Instant at = endOfYear.isAfter(clock.instant()) ? clock.instant() : endOfYear;
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (Subscriber s : subscriptions.all()) {
            boolean subscribed = s.subscribedAt() != null && !s.subscribedAt().isAfter(at);
            boolean stopped = !s.active() && (s.unsubscribedAt() == null || !s.unsubscribedAt().isAfter(at));
            if (subscribed && !stopped) {
                Map<String, Integer> perProgramme = out.computeIfAbsent(Objects.requireNonNullElse(s.district(), UNKNOWN),
                        k -> new TreeMap<>());
                s.programmes().forEach(p -> perProgramme.merge(p, 1, Integer::sum));
            }
        }
        return out;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }
}

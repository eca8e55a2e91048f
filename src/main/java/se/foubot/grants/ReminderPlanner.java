package se.foubot.grants;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import se.foubot.time.WorkingDays;

/**
 * When each grant reminder goes out: the deadline minus the offset, moved back to the previous working day when
 * that is a weekend or a Swedish public holiday, at the configured local time (so 08:00 stays 08:00 across the
 * change to and from summer time). A deadline counts as passed at the end of its day.
 */
final class ReminderPlanner {

    /** One reminder of one deadline. */
    record PlannedReminder(GrantCalendar.Deadline deadline, Period offset, LocalDate sendDate, Instant sendAt, Instant passesAt) {

        /** Part of the once-only keys: "call-closes-2027:P14D". */
        String id() {
            return deadline.id() + ":" + offset;
        }
    }

    private final GrantCalendar calendar;
    private final GrantsProperties properties;
    private final WorkingDays workingDays;
    private final ZoneId zone;

    ReminderPlanner(GrantCalendar calendar, GrantsProperties properties, WorkingDays workingDays, ZoneId zone) {
        this.calendar = calendar;
        this.properties = properties;
        this.workingDays = workingDays;
        this.zone = zone;
    }

    /** Every reminder of deadlines in the years {@code fromYear}..{@code toYear}, by send time. */
    List<PlannedReminder> plan(int fromYear, int toYear) {
        List<PlannedReminder> out = new ArrayList<>();
        for (int year = fromYear; year <= toYear; year++) {
            for (GrantCalendar.Deadline d : calendar.deadlines(year)) {
                if (!d.event().remind()) {
                    continue;
                }
                List<Period> offsets = d.event().offsets().isEmpty() ? properties.reminderOffsets() : d.event().offsets();
                for (Period offset : offsets) {
                    LocalDate sendDate = workingDays.onOrBefore(d.date().minus(offset));
                    Instant sendAt = sendDate.atTime(properties.sendTime()).atZone(zone).toInstant();
                    Instant passesAt = d.date().plusDays(1).atStartOfDay(zone).toInstant();
                    out.add(new PlannedReminder(d, offset, sendDate, sendAt, passesAt));
                }
            }
        }
        out.sort(Comparator.comparing(PlannedReminder::sendAt));
        return out;
    }

    /**
     * The day a reminder is written on at {@code now}: its own send day, or today when it goes out late (after a
     * restart), so that "om 14 dagar" counts from the day the reader gets it.
     */
    LocalDate writtenOn(PlannedReminder r, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        return today.isAfter(r.sendDate()) ? today : r.sendDate();
    }

    /** Reminders around {@code now}: last year's late ones to next year's. */
    List<PlannedReminder> around(Instant now) {
        int year = LocalDate.ofInstant(now, zone).getYear();
        return plan(year - 1, year + 1);
    }

    /**
     * What should go out at {@code now}: per deadline not yet passed, the latest reminder whose time has come. An
     * earlier reminder missed while the bot was down is superseded by a later one, so nobody gets two at once.
     */
    List<PlannedReminder> due(Instant now) {
        java.util.Map<String, PlannedReminder> latest = new java.util.LinkedHashMap<>();
        for (PlannedReminder r : around(now)) {
            if (!r.sendAt().isAfter(now) && now.isBefore(r.passesAt())) {
                latest.merge(r.deadline().id(), r, (a, b) -> b.sendAt().isAfter(a.sendAt()) ? b : a);
            }
        }
        return List.copyOf(latest.values());
    }

    /** Reminders that go out on {@code date} (local), for the preview. */
    List<PlannedReminder> on(LocalDate date) {
        return plan(date.getYear() - 1, date.getYear() + 1).stream().filter(r -> r.sendDate().equals(date)).toList();
    }

    GrantCalendar calendar() {
        return calendar;
    }
}

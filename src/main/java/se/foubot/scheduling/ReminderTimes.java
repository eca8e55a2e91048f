package se.foubot.scheduling;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The reminders of one thing (a meeting, a round): each step (an offset, a number of working days) with the
 * instant it falls due. The scheduler plans from {@link #within}; sending takes only the {@link #latestDue} step,
 * so a reminder missed while the bot was down is superseded by a later one instead of both going out.
 *
 * @param <S> what names a step; it becomes part of the once-only key of what is sent
 */
public record ReminderTimes<S>(Map<S, Instant> dueAt) {

    public ReminderTimes {
        dueAt = Map.copyOf(dueAt);
    }

    public static <S> ReminderTimes<S> of(Collection<S> steps, Function<S, Instant> at) {
        Map<S, Instant> due = new LinkedHashMap<>();
        steps.forEach(step -> due.put(step, at.apply(step)));
        return new ReminderTimes<>(due);
    }

    /** Only the steps due at or after {@code start} (what fell before a thing existed is not owed to it). */
    public ReminderTimes<S> since(Instant start) {
        Map<S, Instant> due = new LinkedHashMap<>();
        dueAt.forEach((step, at) -> {
            if (!at.isBefore(start)) {
                due.put(step, at);
            }
        });
        return new ReminderTimes<>(due);
    }

    /** The instants in [{@code from}, {@code to}), as {@link ReminderSource#dueInstants} wants them. */
    public Stream<Instant> within(Instant from, Instant to) {
        return dueAt.values().stream().filter(at -> !at.isBefore(from) && at.isBefore(to));
    }

    /** The step whose time came last, not after {@code now}; empty before the first. */
    public Optional<S> latestDue(Instant now) {
        return dueAt.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }
}

package se.foubot.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReminderTimesTest {

    private static final Instant MEETING = Instant.parse("2027-03-10T12:00:00Z");

    private final ReminderTimes<Duration> times =
            ReminderTimes.of(List.of(Duration.ofDays(7), Duration.ofDays(1)), offset -> MEETING.minus(offset));

    @Test
    void plansOnlyTheRemindersInsideTheWindowStartInclusiveEndExclusive() {
        assertThat(times.within(Instant.parse("2027-03-03T12:00:00Z"), Instant.parse("2027-03-09T12:00:00Z")))
                .containsExactly(Instant.parse("2027-03-03T12:00:00Z"));
        assertThat(times.within(Instant.parse("2027-03-03T12:00:01Z"), Instant.parse("2027-03-09T12:00:01Z")))
                .containsExactly(Instant.parse("2027-03-09T12:00:00Z"));
    }

    @Test
    void nothingIsDueBeforeTheFirstReminder() {
        assertThat(times.latestDue(Instant.parse("2027-03-03T11:59:59Z"))).isEmpty();
    }

    @Test
    void aReminderMissedWhileTheBotWasDownIsSupersededByTheLaterOne() {
        assertThat(times.latestDue(Instant.parse("2027-03-03T12:00:00Z"))).contains(Duration.ofDays(7));
        assertThat(times.latestDue(Instant.parse("2027-03-09T13:00:00Z"))).contains(Duration.ofDays(1));
    }

    @Test
    void aThingStartedInsideTheWindowOwesOnlyTheStepsAfterItsStartToThePlanAndToTheSending() {
        ReminderTimes<Duration> started = times.since(Instant.parse("2027-03-05T08:00:00Z"));
        assertThat(started.latestDue(Instant.parse("2027-03-05T08:05:00Z"))).as("a catch-up just after the start").isEmpty();
        assertThat(started.within(Instant.parse("2027-03-01T00:00:00Z"), Instant.parse("2027-03-11T00:00:00Z")))
                .containsExactly(Instant.parse("2027-03-09T12:00:00Z"));
        assertThat(started.latestDue(Instant.parse("2027-03-09T12:00:00Z"))).contains(Duration.ofDays(1));
    }
}

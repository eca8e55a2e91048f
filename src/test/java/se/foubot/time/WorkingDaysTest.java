package se.foubot.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private final WorkingDays days = new WorkingDays();

    @Test
    void weekendsAndSwedishHolidaysIncludingTheEvesAreNotWorkingDays() {
        assertThat(days.isWorkingDay(LocalDate.of(2026, 11, 27))).as("a Friday").isTrue();
        assertThat(days.isWorkingDay(LocalDate.of(2026, 11, 28))).as("a Saturday").isFalse();
        assertThat(days.isWorkingDay(LocalDate.of(2026, 12, 24))).as("julafton").isFalse();
        assertThat(days.isWorkingDay(LocalDate.of(2027, 1, 6))).as("trettondedag jul").isFalse();
        assertThat(days.isWorkingDay(LocalDate.of(2027, 3, 26))).as("långfredag").isFalse();
        assertThat(days.isWorkingDay(LocalDate.of(2027, 6, 25))).as("midsommarafton").isFalse();
    }

    @Test
    void workingDaysAreCountedAfterTheStartDay() {
        assertThat(days.between(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 30))).isEqualTo(1);
        assertThat(days.between(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 12, 1))).isEqualTo(2);
        // Wednesday before Christmas: 24–27 December are not working days
        assertThat(days.between(LocalDate.of(2026, 12, 23), LocalDate.of(2026, 12, 28))).isEqualTo(1);
        assertThat(days.between(LocalDate.of(2026, 12, 23), LocalDate.of(2026, 12, 29))).isEqualTo(2);
    }
}

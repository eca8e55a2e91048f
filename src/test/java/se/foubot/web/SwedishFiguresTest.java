package se.foubot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** How the staff web writes figures and dates in its tables (helper 100: "4.9" and "22 sep." beside "10 mars"). */
class SwedishFiguresTest {

    @Test
    void aFigureHasADecimalCommaAndNoneIsADash() {
        SwedishNumbers sv = new SwedishNumbers();
        assertThat(sv.decimal(4.9)).isEqualTo("4,9");
        assertThat(sv.decimal(67.64)).isEqualTo("67,6");
        assertThat(sv.decimal(2.0)).isEqualTo("2,0");
        assertThat(sv.decimal(null)).isEqualTo("–");
    }

    @Test
    void aTablesDatesWriteEveryMonthWhole() {
        SwedishDates dates = new SwedishDates(ZoneId.of("Europe/Stockholm"));
        assertThat(dates.shortDate(Instant.parse("2026-09-22T11:00:00Z"))).isEqualTo("22 september 2026");
        assertThat(dates.shortDate(Instant.parse("2026-03-10T12:00:00Z"))).isEqualTo("10 mars 2026");
        assertThat(dates.shortDate(Instant.parse("2027-04-13T22:30:00Z"))).as("the day in Stockholm").isEqualTo("14 april 2027");
    }
}

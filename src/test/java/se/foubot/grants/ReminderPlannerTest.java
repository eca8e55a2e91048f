package se.foubot.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.time.WorkingDays;

class ReminderPlannerTest {

    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    static final GrantsProperties DEFAULTS = new GrantsProperties(List.of(Period.ofDays(30), Period.ofDays(14), Period.ofDays(7),
            Period.ofDays(1)), LocalTime.of(8, 0), null);

    private final GrantCalendar calendar = GrantCalendarLoader.load(FlowSource.fromDirectory(java.nio.file.Path.of("conversation-flows")));
    private final ReminderPlanner planner = new ReminderPlanner(calendar, DEFAULTS, new WorkingDays(), STOCKHOLM);

    private ReminderPlanner.PlannedReminder find(String deadline, String offset) {
        return planner.plan(2027, 2027).stream().filter(r -> r.deadline().id().equals(deadline) && r.offset().toString().equals(offset))
                .findFirst().orElseThrow();
    }

    @Test
    void aReminderOnAWeekendOrPublicHolidayMovesToThePreviousWorkingDay() {
        // 7 June 2027 is a Monday; a day before is Sunday 6 June, Sweden's national day: Friday 4 June
        assertThat(find("unusable-funds-2027", "P1D").sendDate()).isEqualTo(LocalDate.of(2027, 6, 4));
        // 30 days before is Saturday 8 May: Friday 7 May
        assertThat(find("unusable-funds-2027", "P30D").sendDate()).isEqualTo(LocalDate.of(2027, 5, 7));
        // 14 days before 10 September 2027 is Friday 27 August, a working day: unchanged
        assertThat(find("call-closes-2027", "P14D").sendDate()).isEqualTo(LocalDate.of(2027, 8, 27));
    }

    @Test
    void remindersGoOutAtEightLocalTimeInSummerAndInWinter() {
        assertThat(find("call-closes-2027", "P1D").sendAt()).isEqualTo(Instant.parse("2027-09-09T06:00:00Z"));
        GrantCalendar winter = GrantCalendarLoader.parse("winter.yaml", """
                programmes:
                  LUM: {name: {sv: LUM}, link: https://example.org/lum}
                rules: {max-amount-per-project-year: 500000, min-project-years: 1, max-project-years: 3,
                        max-projects-per-district: 2, max-study-trips-per-district: 2, max-amount-per-study-trip: 25000}
                events:
                  - {id: winter, programmes: [LUM], date: 01-20, offsets: [P0D], title: {sv: Vinter}}
                overrides:
                  - {event: winter, year: 2027, date: 2027-01-21}
                """);
        ReminderPlanner.PlannedReminder r = new ReminderPlanner(winter, DEFAULTS, new WorkingDays(), STOCKHOLM).plan(2027, 2027).get(0);
        assertThat(r.deadline().date()).as("the override moves the date in 2027").isEqualTo(LocalDate.of(2027, 1, 21));
        assertThat(r.sendAt()).isEqualTo(Instant.parse("2027-01-21T07:00:00Z"));
    }

    @Test
    void onlyDatedEventsMarkedForRemindersArePlanned() {
        assertThat(planner.plan(2027, 2027)).extracting(r -> r.deadline().event().id()).doesNotContain("decision", "project-report")
                .contains("call-opens", "call-closes", "unusable-funds");
        assertThat(planner.plan(2027, 2027)).filteredOn(r -> r.deadline().event().id().equals("call-opens"))
                .extracting(r -> r.offset().toString()).containsExactly("P0D");
    }

    @Test
    void aBrokenCalendarIsRefusedWithFileLineAndReason() {
        assertThatThrownBy(() -> GrantCalendarLoader.parse("grant-calendar.yaml", """
                programmes:
                  LUM: {name: {sv: LUM}, link: ftp://example.org}
                rules: {max-amount-per-project-year: 500000, min-project-years: 4, max-project-years: 3,
                        max-projects-per-district: 2, max-study-trips-per-district: 2, max-amount-per-study-trip: 25000}
                events:
                  - id: closes
                    programmes: [LUM, XYZ]
                    date: 13-40
                    offsets: [14 days]
                    title: {sv: Stänger}
                  - id: decision
                    programmes: [LUM]
                    month: 12
                    title: {sv: Beslut}
                overrides:
                  - {event: nothing, year: 2027, date: 2027-09-13}
                """)).isInstanceOf(FlowValidationException.class).hasMessageContaining("grant-calendar.yaml:2")
                .hasMessageContaining("must start with https://").hasMessageContaining("min-project-years is larger")
                .hasMessageContaining("unknown programme 'XYZ'").hasMessageContaining("grant-calendar.yaml:8")
                .hasMessageContaining("must be MM-DD").hasMessageContaining("no ISO-8601 period")
                .hasMessageContaining("has only a month; set remind: false").hasMessageContaining("override names 'nothing'");
    }
}

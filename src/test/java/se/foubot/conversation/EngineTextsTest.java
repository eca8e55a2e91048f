package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class EngineTextsTest {

    @Test
    void theIdleTimeoutIsSaidInWholeDaysHoursOrMinutesNeverAsZeroDays() {
        assertThat(EngineTexts.period(Duration.ofDays(7), Language.SV)).isEqualTo("7 dagar");
        assertThat(EngineTexts.period(Duration.ofDays(1), Language.SV)).isEqualTo("en dag");
        assertThat(EngineTexts.period(Duration.ofHours(3), Language.SV)).isEqualTo("3 timmar");
        assertThat(EngineTexts.period(Duration.ofMinutes(60), Language.SV)).isEqualTo("en timme");
        assertThat(EngineTexts.period(Duration.ofSeconds(60), Language.SV)).isEqualTo("en minut");
        assertThat(EngineTexts.period(Duration.ofSeconds(20), Language.SV)).as("under a minute: a minute").isEqualTo("en minut");
        assertThat(EngineTexts.period(Duration.ofMinutes(20), Language.EN)).isEqualTo("20 minutes");
        assertThat(EngineTexts.period(Duration.ofDays(2), Language.EN)).isEqualTo("2 days");
    }

    @Test
    void aLimitIsWrittenAsTheLanguageWritesNumbers() {
        assertThat(EngineTexts.number("3000", Language.SV)).isEqualTo("3\u00a0000");
        assertThat(EngineTexts.number("3000", Language.EN)).isEqualTo("3,000");
        assertThat(EngineTexts.number("20", Language.SV)).isEqualTo("20");
        assertThat(EngineTexts.number("2.5", Language.SV)).as("not a whole number: as it is").isEqualTo("2.5");
    }
}

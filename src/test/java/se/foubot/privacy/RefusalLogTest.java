package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import se.foubot.support.LogCapture;
import se.foubot.support.ManualTime;

class RefusalLogTest {

    @Test
    void aFloodOfRefusalsWritesAMinutesLinesAndTheNextLineSaysHowManyWereHeldBack() {
        ManualTime time = new ManualTime();
        RefusalLog refusals = new RefusalLog(LoggerFactory.getLogger("refusal-log-test"), 60, time);
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 1000; i++) {
                refusals.info("event=test_refused reason={} status={}", "forged", 401);
            }
            assertThat(log.lines()).hasSize(60).allMatch(l -> l.equals("event=test_refused reason=forged status=401"));

            time.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            refusals.info("event=test_refused reason={} status={}", "forged", 401);
            assertThat(log.lines()).hasSize(61).last().isEqualTo("event=test_refused reason=forged status=401 held_back=940");

            refusals.info("event=test_refused reason={} status={}", "stale", 401);
            assertThat(log.lines()).as("the second's one line is spent").hasSize(61);

            time.nanos.addAndGet(Duration.ofMinutes(1).toNanos());
            for (int i = 0; i < 70; i++) {
                refusals.info("event=test_refused reason={} status={}", "stale", 401);
            }
            assertThat(log.lines()).as("a minute later, a minute's lines again").hasSize(121);
            assertThat(log.lines().get(61)).isEqualTo("event=test_refused reason=stale status=401 held_back=1");
        }
    }
}

package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/** Once per event, on the real embedded store: what was done decides, not how often or under which id it came. */
@FouBotTest
class SlackEventDeduplicatorTest {

    @Autowired
    SlackEventDeduplicator dedupe;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.set(TestClockConfiguration.START);
    }

    @Test
    void aMessageIsKeyedByItsEventIdAndByItsPost() {
        var first = SlackEventDeduplicator.messageKeys("Ev1", "D0EVA", "1763900000.000100");
        var sameEventAgain = SlackEventDeduplicator.messageKeys("Ev1", "D0EVA", "1763900000.000100");
        var samePostOtherId = SlackEventDeduplicator.messageKeys("Ev2", "D0EVA", "1763900000.000100");
        var otherPostSameId = SlackEventDeduplicator.messageKeys("Ev1", "D0EVA", "1763900000.000999");
        assertThat(dedupe.claim(first, "Ev1")).isTrue();
        assertThat(dedupe.claim(sameEventAgain, "Ev1")).as("the same delivery again").isFalse();
        assertThat(dedupe.claim(samePostOtherId, "Ev2")).as("same post, another event id").isFalse();
        assertThat(dedupe.claim(otherPostSameId, "Ev1")).as("same event id").isFalse();
        dedupe.done(first);
        assertThat(dedupe.claim(SlackEventDeduplicator.messageKeys("Ev2", "D0EVA", "1763900000.000100"), "Ev2"))
                .as("Ev2 was marked done when it lost to Ev1").isFalse();
        assertThat(SlackEventDeduplicator.messageKeys("Ev3", null, "1.2")).as("no channel: the event id alone").containsExactly("Ev3");
    }

    @Test
    void aDoneEventIsNeverTakenAgainButAFailedOneIs() {
        assertThat(dedupe.claim("EvDone")).isTrue();
        dedupe.done("EvDone");
        assertThat(dedupe.claim("EvDone")).isFalse();

        assertThat(dedupe.claim("EvFailed")).isTrue();
        assertThat(dedupe.claim("EvFailed")).as("in hand").isFalse();
        dedupe.failed("EvFailed");
        assertThat(dedupe.claim("EvFailed")).as("the retry after a failed attempt is processed").isTrue();
        assertThat(dedupe.claim("EvFailed")).as("and only by one delivery").isFalse();
    }

    @Test
    void anEventWhoseWorkerDiedIsTakenAgainWhenItsLeaseRunsOut() {
        assertThat(dedupe.claim("EvOrphan")).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(dedupe.claim("EvOrphan")).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(dedupe.claim("EvOrphan")).isTrue();
    }
}

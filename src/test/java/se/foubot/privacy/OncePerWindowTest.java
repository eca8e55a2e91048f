package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import se.foubot.support.MutableClock;

class OncePerWindowTest {

    @Test
    void aKeyIsFirstOnceAWindowAndAgainWhenItsWindowHasPassed() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
        OncePerWindow once = new OncePerWindow(clock, Duration.ofHours(1), 100);
        assertThat(once.first("stad.se")).isTrue();
        assertThat(once.first("stad.se")).isFalse();
        assertThat(once.first("annan.se")).as("each key its own").isTrue();
        clock.advance(Duration.ofMinutes(59));
        assertThat(once.first("stad.se")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(once.first("stad.se")).isTrue();
    }

    @Test
    void moreKeysThanItRemembersAreForgottenTogetherSoTheMemoryStaysBounded() {
        OncePerWindow once = new OncePerWindow(new MutableClock(Instant.parse("2026-12-06T10:00:00Z")), Duration.ofHours(1), 3);
        assertThat(once.first("T1")).isTrue();
        assertThat(once.first("T2")).isTrue();
        assertThat(once.first("T3")).isTrue();
        assertThat(once.first("T4")).as("the fourth key clears the three").isTrue();
        assertThat(once.first("T1")).as("forgotten with them").isTrue();
        assertThat(once.first("T4")).isFalse();
    }
}

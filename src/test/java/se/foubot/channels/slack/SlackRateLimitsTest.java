package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import se.foubot.support.MutableClock;

class SlackRateLimitsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2027-03-01T08:00:00Z"));
    private final SlackRateLimits limits = new SlackRateLimits(clock);

    @Test
    void aHeldChannelWaitsUntilItsRetryAfterWhileOtherChannelsAndMethodsGoOn() {
        limits.hold(SlackRateLimits.scope("chat.postMessage", "D1"), Duration.ofSeconds(60));
        assertThat(limits.held(SlackRateLimits.scope("chat.postMessage", "D1"))).contains(Duration.ofSeconds(60));
        assertThat(limits.held(SlackRateLimits.scope("chat.postMessage", "D2"))).isEmpty();
        assertThat(limits.held(SlackRateLimits.scope("chat.update", "D1"))).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(limits.held(SlackRateLimits.scope("chat.postMessage", "D1"))).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limits.held(SlackRateLimits.scope("chat.postMessage", "D1"))).isEmpty();
    }

    @Test
    void aShorterRetryAfterDoesNotCutALongerOneShortAndAnAbsurdOneIsCapped() {
        limits.hold("views.publish", Duration.ofSeconds(90));
        limits.hold("views.publish", Duration.ofSeconds(10));
        assertThat(limits.held("views.publish")).contains(Duration.ofSeconds(90));
        limits.hold("users.info", Duration.ofDays(365));
        assertThat(limits.held("users.info")).contains(SlackRateLimits.LONGEST_HOLD);
    }

    @Test
    void aRetryAfterIsSecondsOrAnHttpDateAndNothingElse() {
        assertThat(limits.retryAfter(" 30 ")).contains(Duration.ofSeconds(30));
        assertThat(limits.retryAfter("0")).contains(Duration.ZERO);
        // helper 106: a proxy's date, and a number too long for a long, were retried at once
        assertThat(limits.retryAfter("Mon, 1 Mar 2027 08:00:45 GMT")).contains(Duration.ofSeconds(45));
        assertThat(limits.retryAfter("Mon, 1 Mar 2027 07:59:00 GMT")).contains(Duration.ZERO);
        // the obsolete forms a recipient still reads (RFC 9110 §5.6.7; helper 107)
        assertThat(limits.retryAfter("Monday, 01-Mar-27 08:01:38 GMT")).contains(Duration.ofSeconds(98));
        assertThat(limits.retryAfter("Mon Mar  1 08:00:40 2027")).contains(Duration.ofSeconds(40));
        assertThat(limits.retryAfter("99999999999999999999999")).contains(SlackRateLimits.LONGEST_HOLD);
        assertThat(limits.retryAfter("-5")).isEmpty();
        assertThat(limits.retryAfter("1.5")).isEmpty();
        assertThat(limits.retryAfter("40, 50")).isEmpty();
        assertThat(limits.retryAfter("")).isEmpty();
        assertThat(limits.retryAfter(null)).isEmpty();
    }
}

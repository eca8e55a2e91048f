package se.foubot.channels.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Slack asked the bot to wait for: a 429 whose {@code Retry-After} is longer than a worker should sleep, kept per
 * method and channel (Slack limits each method, and posting to each channel, on its own). A call in that time is not
 * made — Slack would refuse it again — but fails at once as Slack away, so the work behind it is done again later
 * from the store and the worker goes on to other people's work. A short wait (a channel's one message a second) is
 * still slept in the worker, which keeps one person's answers in order.
 */
final class SlackRateLimits {

    /** Slept in the worker; a longer Retry-After frees it. */
    static final Duration LONGEST_WAIT_IN_WORKER = Duration.ofSeconds(5);
    /** A Retry-After past this (an hour, a year) is taken as this: the bot asks again then, and waits again if told to. */
    static final Duration LONGEST_HOLD = Duration.ofMinutes(15);

    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> heldUntil = new ConcurrentHashMap<>();

    SlackRateLimits(Clock clock) {
        this.clock = clock;
    }

    /** The key of a call: its method, and the channel it posts in when it has one. */
    static String scope(String method, String channel) {
        return channel == null ? method : method + " " + channel;
    }

    /** How long Slack asked calls in {@code scope} to wait still; empty when they may be made. */
    Optional<Duration> held(String scope) {
        Instant until = heldUntil.get(scope);
        if (until == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), until);
        if (left.isNegative() || left.isZero()) {
            heldUntil.remove(scope, until);
            return Optional.empty();
        }
        return Optional.of(left);
    }

    /**
     * Slack answered a call in {@code scope} with 429 and {@code retryAfter}: no call there before that time has passed.
     * @return how long calls there are held now (at most {@link #LONGEST_HOLD})
     */
    Duration hold(String scope, Duration retryAfter) {
        Instant now = clock.instant();
        // what has run out goes, so channels limited once do not stay in memory
        heldUntil.values().removeIf(until -> !until.isAfter(now));
        Instant until = now.plus(retryAfter.compareTo(LONGEST_HOLD) > 0 ? LONGEST_HOLD : retryAfter);
        return Duration.between(now, heldUntil.merge(scope, until, (before, later) -> before.isAfter(later) ? before : later));
    }

    /**
     * How long a Retry-After header asks to wait: its seconds (Slack's form), or until its HTTP date (a proxy's; RFC 9110
     * allows both); a number of seconds too long to hold is the longest hold. Empty when there is none or it is neither.
     */
    Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException tooLong) {
                return Optional.of(LONGEST_HOLD);
            }
        }
        for (java.time.format.DateTimeFormatter form : HTTP_DATES) {
            try {
                Duration left = Duration.between(clock.instant(), java.time.ZonedDateTime.parse(value, form).toInstant());
                return Optional.of(left.isNegative() ? Duration.ZERO : left);
            } catch (java.time.format.DateTimeParseException notThisForm) {
                // the next form
            }
        }
        return Optional.empty();
    }

    /** An HTTP date as RFC 9110 §5.6.7 has a recipient read it: the IMF form, and the obsolete RFC 850 and asctime ones. */
    private static final java.util.List<java.time.format.DateTimeFormatter> HTTP_DATES = java.util.List.of(
            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME,
            java.time.format.DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss zzz", java.util.Locale.ENGLISH),
            java.time.format.DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", java.util.Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC));
}

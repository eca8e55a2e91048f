package se.foubot.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a key (a domain, a workspace) comes up for the first time in a window, for a log line said once an hour per
 * key rather than once per mail or request. The keys are whatever a sender chooses, so what is remembered is bounded:
 * a key is forgotten when its window has passed, and all of them when more than {@code most} came up in one (then a
 * key may be said again early; {@link RefusalLog} bounds the lines themselves).
 */
public final class OncePerWindow {

    private final Clock clock;
    private final Duration window;
    private final int most;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    public OncePerWindow(Clock clock, Duration window, int most) {
        this.clock = clock;
        this.window = window;
        this.most = most;
    }

    /** @return true the first time {@code key} comes up in a window (and it is remembered from now on) */
    public boolean first(String key) {
        Instant now = clock.instant();
        seen.values().removeIf(at -> !at.plus(window).isAfter(now));
        if (seen.size() >= most && !seen.containsKey(key)) {
            seen.clear(); // a key more than it may remember: a known one is not forgotten for it
        }
        return seen.putIfAbsent(key, now) == null;
    }
}

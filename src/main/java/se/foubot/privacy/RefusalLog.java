package se.foubot.privacy;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * The log line for a request the bot refused (a forged Slack signature, a request Tomcat could not read): anyone can
 * send those, as fast as they like, so one refusal's line must not be a way to fill the disk or bury the lines that
 * matter. A burst of {@code perMinute} lines is written, then {@code perMinute} a minute (evenly: one a second at
 * 60), so at most twice that in a flood's first minute; the rest are counted, and the next
 * line written says how many were held back ({@code held_back=N}). The refusals themselves are counted in full by
 * their metrics.
 */
public final class RefusalLog {

    /** Lines a minute for one kind of refusal: enough to see an attack begin and what it sends, not to flood. */
    public static final int LINES_A_MINUTE = 60;

    private final Logger log;
    private final Bucket lines;
    private final AtomicLong heldBack = new AtomicLong();

    public RefusalLog(Logger log) {
        this(log, LINES_A_MINUTE);
    }

    public RefusalLog(Logger log, int perMinute) {
        this(log, perMinute, TimeMeter.SYSTEM_NANOTIME);
    }

    /** @param time the bucket's clock (a test's, to move a minute on without waiting one) */
    RefusalLog(Logger log, int perMinute, TimeMeter time) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1: " + perMinute);
        }
        this.log = log;
        this.lines = Bucket.builder().addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time).build();
    }

    /** Writes the line at info, or counts it when this minute's lines are spent. */
    public void info(String format, Object... arguments) {
        if (!log.isInfoEnabled()) {
            return;
        }
        if (!lines.tryConsume(1)) {
            heldBack.incrementAndGet();
            return;
        }
        long held = heldBack.getAndSet(0);
        if (held == 0) {
            log.info(format, arguments);
            return;
        }
        Object[] withHeld = Arrays.copyOf(arguments, arguments.length + 1);
        withHeld[arguments.length] = held;
        log.info(format + " held_back={}", withHeld);
    }

}

package se.foubot.support;

import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;

/** A rate limit's time that moves only when the test says so. */
public final class ManualTime implements TimeMeter {

    public final AtomicLong nanos = new AtomicLong();

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}

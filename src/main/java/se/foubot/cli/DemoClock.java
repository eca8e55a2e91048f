package se.foubot.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The bot's clock while demo-data walks through the year: it shows whatever moment the generator has reached. */
final class DemoClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    DemoClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private DemoClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    void set(Instant instant) {
        now.set(instant);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new DemoClock(now, other);
    }
}

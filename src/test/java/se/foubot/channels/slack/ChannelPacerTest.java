package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.bucket4j.TimeMeter;

class ChannelPacerTest {

    /** Time that moves only when the test says so. */
    static final class ManualTime implements TimeMeter {
        final AtomicLong nanos = new AtomicLong();

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    @Test
    void aChannelGetsItsBurstThenOneMessageASecondWhileOtherChannelsAreUnaffected() {
        ManualTime time = new ManualTime();
        ChannelPacer pacer = new ChannelPacer(1.0, 3, time);
        assertThat(pacer.tryTake("C1")).isTrue();
        assertThat(pacer.tryTake("C1")).isTrue();
        assertThat(pacer.tryTake("C1")).isTrue();
        assertThat(pacer.tryTake("C1")).as("burst used up").isFalse();
        assertThat(pacer.tryTake("C2")).as("another channel has its own pace").isTrue();
        time.nanos.addAndGet(1_000_000_000L);
        assertThat(pacer.tryTake("C1")).as("one more after a second").isTrue();
        assertThat(pacer.tryTake("C1")).isFalse();
    }
}

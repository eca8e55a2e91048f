package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import se.foubot.support.ManualTime;

class ChannelPacerTest {

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

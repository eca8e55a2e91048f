package se.foubot.channels.slack;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Paces messages to one channel to what Slack allows (about one message a second per channel, with short
 * bursts): a token bucket per channel. A caller waits for its turn instead of being refused with 429.
 */
class ChannelPacer {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double perSecond;
    private final int burst;
    private final TimeMeter time;

    ChannelPacer(double perSecond, int burst, TimeMeter time) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.time = time;
    }

    /** Waits until a message may go to {@code channel}. */
    void await(String channel) throws InterruptedException {
        bucket(channel).asBlocking().consume(1);
    }

    /** Takes a turn for {@code channel} if one is free now. */
    boolean tryTake(String channel) {
        return bucket(channel).tryConsume(1);
    }

    private Bucket bucket(String channel) {
        return buckets.computeIfAbsent(channel, c -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(burst, Duration.ofNanos((long) (burst * 1e9 / perSecond))))
                .withCustomTimePrecision(time)
                .build());
    }
}

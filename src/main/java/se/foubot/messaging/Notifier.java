package se.foubot.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import se.foubot.privacy.LogText;

/**
 * The port features use to tell people things: queues a notice once per key in the recipient's channel's outbox.
 * Jobs only queue; the outboxes do the I/O, so a restart or a second replica never sends a notice twice.
 */
@Component
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final Map<String, NoticeChannel> channels;

    Notifier(List<NoticeChannel> channels) {
        this.channels = channels.stream().collect(Collectors.toMap(NoticeChannel::name, Function.identity()));
    }

    /** @return true when queued now; false when queued before under this key, or the channel is not configured */
    public boolean send(String key, Recipient to, Notice notice) {
        NoticeChannel channel = channels.get(to.channel());
        if (channel == null) {
            log.warn("event=notice_channel_missing channel={} key={}", to.channel(), LogText.clean(key));
            return false;
        }
        return channel.queue(key, to.address(), notice);
    }

    /** One notice to send: its once-only key, to whom, what. */
    public record Addressed(String key, Recipient to, Notice notice) {
    }

    /**
     * Sends many notices (a reminder to every subscriber) as {@link #send} sends one, each channel's share queued in
     * one write, so a fan-out waits for the disk once per batch instead of once per person. @return how many were
     * queued now
     */
    public int sendAll(List<Addressed> notices) {
        Map<String, List<NoticeChannel.Queued>> byChannel = new LinkedHashMap<>();
        for (Addressed n : notices) {
            byChannel.computeIfAbsent(n.to().channel(), c -> new ArrayList<>())
                    .add(new NoticeChannel.Queued(n.key(), n.to().address(), n.notice()));
        }
        int queued = 0;
        for (Map.Entry<String, List<NoticeChannel.Queued>> share : byChannel.entrySet()) {
            NoticeChannel channel = channels.get(share.getKey());
            if (channel == null) {
                log.warn("event=notice_channel_missing channel={} notices={}", share.getKey(), share.getValue().size());
                continue;
            }
            queued += channel.queueAll(share.getValue()).size();
        }
        return queued;
    }

    public boolean has(String channel) {
        return channels.containsKey(channel);
    }
}

package se.foubot.channels.slack;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import com.slack.api.bolt.request.builtin.EventRequest;

/**
 * Each event's envelope read once, for every step of the chain that needs it (the ids' check, what needs no answer,
 * the record before the ack): reading it means parsing the body, on the thread that acks. Kept by the request itself
 * (by identity, weakly), so it goes when the request does.
 */
final class EventEnvelopes {

    private final Map<EventRequest, EventEnvelope> read = Collections.synchronizedMap(new WeakHashMap<>());

    EventEnvelope of(EventRequest request) {
        return read.computeIfAbsent(request, EventEnvelope::of);
    }
}

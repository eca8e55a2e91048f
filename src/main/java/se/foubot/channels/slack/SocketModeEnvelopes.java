package se.foubot.channels.slack;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.util.json.GsonFactory;

import se.foubot.privacy.LogText;

/**
 * One Socket Mode envelope in: the same Bolt app as {@code POST /slack/events} handles it (so it is handled exactly
 * as over HTTP), then the envelope is acknowledged by its {@code envelope_id}, with the response as payload when
 * there is one. Every envelope is acknowledged, once, whatever its handling came to: an unacknowledged one would
 * only be sent again. One that comes again (its ack was lost with the connection) is acknowledged without being
 * handled a second time.
 */
final class SocketModeEnvelopes {

    private static final Logger log = LoggerFactory.getLogger(SocketModeEnvelopes.class);
    private static final int REMEMBERED = 10_000;

    private final App app;
    private final SocketModeRequestParser parser;
    private final Gson gson = GsonFactory.createSnakeCase();
    private final Set<String> handled = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    }));

    SocketModeEnvelopes(App app) {
        this.app = app;
        this.parser = new SocketModeRequestParser(app.config());
    }

    /** @return the acknowledgement to send back, or null for a message that is no envelope (hello, garbage) */
    String handle(String message) {
        SocketModeRequest request;
        try {
            request = parser.parse(message);
        } catch (RuntimeException e) {
            log.info("event=slack_envelope_unreadable error={}", e.getClass().getName());
            return null;
        }
        if (request == null || request.getEnvelope() == null || request.getEnvelope().getEnvelopeId() == null) {
            return null;
        }
        String envelopeId = request.getEnvelope().getEnvelopeId();
        if (!handled.add(envelopeId)) {
            log.debug("event=slack_envelope_again envelope_id={}", LogText.clean(envelopeId));
            return ack(envelopeId, null);
        }
        Response response = null;
        try {
            response = app.run(request.getBoltRequest());
            if (response.getStatusCode() != 200) {
                log.info("event=slack_envelope_unhandled type={} status={}", request.getEnvelope().getType(), response.getStatusCode());
                response = null;
            }
        } catch (Exception e) {
            // the class says what went wrong; the message could quote the sender's text
            log.warn("event=slack_envelope_failed type={} error={}", request.getEnvelope().getType(), e.getClass().getName());
        }
        return ack(envelopeId, response);
    }

    private String ack(String envelopeId, Response response) {
        Map<String, Object> ack = new HashMap<>();
        ack.put("envelope_id", envelopeId);
        if (response != null && response.getBody() != null && !response.getBody().isEmpty()) {
            String type = response.getContentType();
            if (type != null && type.startsWith("application/json")) {
                ack.put("payload", gson.fromJson(response.getBody(), JsonElement.class));
            } else {
                ack.put("payload", Map.of("text", response.getBody()));
            }
        }
        return gson.toJson(ack);
    }
}

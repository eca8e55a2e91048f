package se.foubot.channels.slack;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
    private static final Set<String> KINDS = Set.of("events_api", "interactive", "slash_commands", "hello", "disconnect");
    private static final Pattern ENVELOPE_ID = Pattern.compile("\"envelope_id\"\\s*:\\s*\"([A-Za-z0-9._:-]{1,200})\"");

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

    /**
     * @return the acknowledgement to send back, or null for a message that is no envelope (hello) or names none. An
     *         envelope that cannot be read is still acknowledged when its {@code envelope_id} can be found (Slack would
     *         only send it again); otherwise one line says why, without any of its text.
     */
    String handle(String message) {
        JsonObject json = object(message);
        String type = json == null ? null : string(json, "type");
        // only Slack's own words reach the log; anything else a sender wrote there is "other"
        String kind = type == null ? "none" : KINDS.contains(type) ? type : "other";
        String envelopeId = json != null ? string(json, "envelope_id") : envelopeIdIn(message);
        if ("hello".equals(type)) {
            return null;
        }
        if (envelopeId == null) {
            if (json == null) {
                log.info("event=slack_envelope_unreadable reason=not_json chars={}", message == null ? 0 : message.length());
            } else {
                log.info("event=slack_envelope_unreadable reason=no_envelope_id type={} chars={}", kind, message.length());
            }
            return null;
        }
        if (!handled.add(envelopeId)) {
            log.debug("event=slack_envelope_again envelope_id={}", LogText.clean(envelopeId));
            return ack(envelopeId, null);
        }
        if (json == null) {
            log.info("event=slack_envelope_unreadable reason=not_json envelope_id={} chars={}", LogText.clean(envelopeId),
                    message.length());
            return ack(envelopeId, null);
        }
        SocketModeRequest request;
        try {
            request = parser.parse(message);
        } catch (RuntimeException e) {
            request = null;
        }
        if (request == null || request.getBoltRequest() == null) {
            log.info("event=slack_envelope_unreadable reason={} type={} envelope_id={}",
                    "other".equals(kind) ? "unknown_type" : "unreadable_payload", kind, LogText.clean(envelopeId));
            return ack(envelopeId, null);
        }
        Response response = null;
        try {
            response = app.run(request.getBoltRequest());
            if (response.getStatusCode() != 200) {
                log.info("event=slack_envelope_unhandled type={} status={}", kind, response.getStatusCode());
                response = null;
            }
        } catch (Exception e) {
            // the class says what went wrong; the message could quote the sender's text
            log.warn("event=slack_envelope_failed type={} error={}", kind, e.getClass().getName());
        }
        return ack(envelopeId, response);
    }

    private static JsonObject object(String message) {
        try {
            JsonElement json = message == null ? null : JsonParser.parseString(message);
            return json != null && json.isJsonObject() ? json.getAsJsonObject() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** The envelope id in a message that is not JSON as a whole (cut off, or with a broken payload). */
    private static String envelopeIdIn(String message) {
        Matcher m = message == null ? null : ENVELOPE_ID.matcher(message);
        return m != null && m.find() ? m.group(1) : null;
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

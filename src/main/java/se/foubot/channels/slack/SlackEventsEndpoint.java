package se.foubot.channels.slack;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;

/**
 * Answers a request to {@code POST /slack/events} whose raw bytes {@link SlackRawBodyFilter} has read and verified:
 * hands exactly those bytes and the headers to Bolt and writes Bolt's answer. It answers from the filter, so an ack
 * does not go on through Spring Security's chains, the request metrics and Spring MVC, none of which a signed Slack
 * request needs (the machine chain lets it through unchanged). A signed request Bolt cannot read, or whose handler
 * throws, gets 400: nothing a sender writes makes a 500. A signed request no handler takes gets 200 and is dropped,
 * never 404.
 */
final class SlackEventsEndpoint {

    private static final Logger log = LoggerFactory.getLogger(SlackEventsEndpoint.class);
    private static final String BAD_REQUEST = "{\"error\":\"unreadable request\"}";

    private final App bolt;
    private final DoorMark door;
    private final SlackRequestParser parser;
    private final SlackIdentity identity;
    /** Slack says it once a minute at most per workspace; anyone holding the secret could say it without end. */
    private final se.foubot.privacy.OncePerWindow rateLimitSaid;
    private final se.foubot.privacy.OncePerWindow ownRateLimitSaid;
    private final se.foubot.privacy.RefusalLog otherRateLimits = new se.foubot.privacy.RefusalLog(log);

    SlackEventsEndpoint(App bolt, DoorMark door, SlackIdentity identity, java.time.Clock clock) {
        this.bolt = bolt;
        this.door = door;
        this.parser = new SlackRequestParser(bolt.config());
        this.identity = identity;
        this.rateLimitSaid = new se.foubot.privacy.OncePerWindow(clock, java.time.Duration.ofMinutes(1), 1_000);
        this.ownRateLimitSaid = new se.foubot.privacy.OncePerWindow(clock, java.time.Duration.ofMinutes(1), 1);
    }

    void answer(HttpServletRequest http, byte[] verifiedBody, HttpServletResponse out) throws IOException {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            if (!name.equalsIgnoreCase(DoorMark.HEADER)) {
                headers.put(name, new ArrayList<>(Collections.list(http.getHeaders(name))));
            }
        }
        // verified at the door: Bolt's first step lets it on
        headers.put(DoorMark.HEADER, List.of(door.value()));
        Response response;
        try {
            // the signature was over these bytes; Slack sends UTF-8, whatever the content type says
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(http.getRequestURI())
                    .queryString(Map.of())
                    .headers(new RequestHeaders(headers))
                    .requestBody(withoutByteOrderMark(new String(verifiedBody, StandardCharsets.UTF_8)))
                    .remoteAddress(http.getRemoteAddr())
                    .build());
            if (request == null) {
                JsonObject body = jsonOf(verifiedBody);
                String type = stringIn(body, "type");
                if ("app_rate_limited".equals(type)) {
                    appRateLimited(stringIn(body, "team_id"));
                    ok(out);
                } else if (type != null) {
                    // well formed, of a kind Bolt does not know (one Slack added since): nothing handles it, so as any
                    // such request it is acknowledged and dropped; the kind is the sender's word, so it is not logged
                    log.info("event=slack_request_unhandled kind=unknown bytes={}", verifiedBody.length);
                    ok(out);
                } else {
                    log.info("event=slack_request_unreadable reason=unknown_kind bytes={}", verifiedBody.length);
                    badRequest(out);
                }
                return;
            }
            response = bolt.run(request);
            if (response.getStatusCode() == HttpServletResponse.SC_NOT_FOUND) {
                // signed, but nothing here handles its kind (a click on an old card, a shortcut): Slack retries a 404
                // and may switch the app's events off, so it is acknowledged and dropped
                log.info("event=slack_request_unhandled kind={} bytes={}", request.getRequestType(), verifiedBody.length);
                ok(out);
                return;
            }
        } catch (Exception e) {
            // the class says what went wrong; the message could quote the sender's text
            log.warn("event=slack_request_unreadable reason=exception error={} bytes={}", e.getClass().getName(),
                    verifiedBody.length);
            badRequest(out);
            return;
        }
        out.setStatus(response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(value -> out.addHeader(name, value)));
        }
        if (response.getContentType() != null) {
            out.setContentType(response.getContentType());
        }
        write(out, response.getBody());
    }

    /**
     * The {@code type} of a body Bolt did not recognise, when it is a Slack payload nonetheless: a JSON object, or a form
     * whose only {@code payload} is one, with a string {@code type}. Null for anything else.
     */
    /**
     * The body without a UTF-8 byte-order mark in front: Slack sends none, but a proxy or a client that writes one
     * would otherwise get a 200 for an event nothing reads (the signature is checked over the bytes as they came).
     */
    private static String withoutByteOrderMark(String body) {
        return body.startsWith("\uFEFF") ? body.substring(1) : body;
    }

    /**
     * Slack drops the app's events in one workspace for the rest of the minute and says so; it wants a 200. Said of the
     * bot's own workspace (or before Slack has said which that is) it is a warning; of another workspace the app is
     * installed in, whose requests are answered with nothing anyway ({@link RefuseOtherWorkspaces}), it is not.
     */
    private void appRateLimited(String team) {
        String named = team != null && SlackText.ID.matcher(team).matches() ? team : "unknown";
        Optional<com.slack.api.methods.response.auth.AuthTestResponse> own = identity.known();
        boolean ours = team != null && own.isPresent() && RefuseOtherWorkspaces.belongs(List.of(team), own.get().getTeamId(),
                own.get().getEnterpriseId());
        // the bot's own workspace apart: a flood of invented ones pushes the oldest out of the shared window (helper 98)
        if (!(ours ? ownRateLimitSaid.first("own") : rateLimitSaid.first(named))) {
            return;
        }
        if (ours) {
            log.warn("event=slack_app_rate_limited team={} hint=\"Slack is not sending events for the rest of this minute\"", named);
        } else {
            // whoever holds the secret can name a new workspace in every notice: bounded as every refusal's line
            otherRateLimits.info("event=slack_app_rate_limited team={} own={} hint=\"{}\"", named, own.isPresent() ? "false" : "unknown",
                    own.isPresent() ? "another workspace the app is installed in; the bot's own events are not affected"
                            : "Slack has not yet said which workspace is the bot's");
        }
    }

    /** The request's JSON object (an event, or a form's payload), or null when it is none. */
    private static JsonObject jsonOf(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            if (text.startsWith("payload=") && text.indexOf('&') < 0) {
                text = URLDecoder.decode(text.substring("payload=".length()), StandardCharsets.UTF_8);
            }
            JsonElement json = JsonParser.parseString(text);
            return json.isJsonObject() ? json.getAsJsonObject() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /** A non-blank string field of {@code json}, or null. */
    private static String stringIn(JsonObject json, String field) {
        return json != null && json.get(field) instanceof JsonPrimitive value && value.isString() && !value.getAsString().isBlank()
                ? value.getAsString() : null;
    }

    private static void ok(HttpServletResponse out) {
        out.setStatus(HttpServletResponse.SC_OK);
        out.setContentLength(0);
    }

    private static void badRequest(HttpServletResponse out) throws IOException {
        out.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        out.setContentType("application/json");
        write(out, BAD_REQUEST);
    }

    private static void write(HttpServletResponse out, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (out.getContentType() != null && !out.getContentType().toLowerCase(Locale.ROOT).contains("charset")) {
            out.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        out.setContentLength(bytes.length);
        out.getOutputStream().write(bytes);
    }
}

package se.foubot.channels.slack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed requests into {@code /slack/events}, the way Slack sends them: v0= + hex HMAC-SHA256 of
 * "v0:{timestamp}:{raw body}" with the signing secret. Builders for the payloads the tests need.
 */
public final class SlackRequests {

    public static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;
    private final Clock clock;

    /** Requests stamped with the bot's clock (the tests move it), as Slack stamps them with the time it sends. */
    public SlackRequests(int port, Clock clock) {
        this.url = "http://127.0.0.1:" + port + "/slack/events";
        this.clock = clock;
    }

    /** Slack on in HTTP mode, signed with {@link #SECRET}, its Web API at {@code slack}; one analyst. */
    static void httpMode(org.springframework.test.context.DynamicPropertyRegistry registry, FakeSlackApi slack) {
        registry.add("foubot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("foubot.slack.signing-secret", () -> SECRET);
        registry.add("foubot.slack.api-url", slack::url);
        registry.add("foubot.slack.staff-users", () -> "UANALYST1");
    }

    static String sign(String secret, long timestamp, String body) {
        return sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Signs the bytes exactly as they will be sent. */
    static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    HttpResponse<String> send(String body, String contentType, long timestamp, String signature, Map<String, String> extra)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Slack-Signature", signature);
        }
        extra.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> signed(String body, String contentType, Map<String, String> extra) throws Exception {
        long now = now();
        return send(body, contentType, now, sign(SECRET, now, body), extra);
    }

    /** Sends {@code body} byte for byte, signed over exactly those bytes. */
    HttpResponse<String> signedBytes(byte[] body, String contentType) throws Exception {
        long now = now();
        return sendBytes(body, contentType, Long.toString(now), sign(SECRET, now, body));
    }

    /** Sends {@code body} byte for byte with the given headers (null: left out). */
    HttpResponse<String> sendBytes(byte[] body, String contentType, String timestamp, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            b.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            b.header("X-Slack-Signature", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> event(String eventId, String eventJson) throws Exception {
        return signed(eventEnvelope(eventId, eventJson), "application/json", Map.of());
    }

    public static String eventEnvelope(String eventId, String eventJson) {
        return "{\"token\":\"x\",\"team_id\":\"T0FOU\",\"api_app_id\":\"A0FOU\",\"type\":\"event_callback\",\"event_id\":\""
                + eventId + "\",\"event_time\":" + Instant.now().getEpochSecond() + ",\"event\":" + eventJson + "}";
    }

    public static String dm(String user, String text) {
        return "{\"type\":\"message\",\"channel\":\"D" + user + "\",\"channel_type\":\"im\",\"user\":\"" + user
                + "\",\"text\":" + json(text) + ",\"ts\":\"" + ts() + "\",\"event_ts\":\"" + ts() + "\"}";
    }

    public HttpResponse<String> dm(String eventId, String user, String text) throws Exception {
        return event(eventId, dm(user, text));
    }

    public HttpResponse<String> command(String user, String text) throws Exception {
        return command(commandBody(user, text));
    }

    /** Sends a slash command's body as it is (a replay sends the same bytes again). */
    public HttpResponse<String> command(String body) throws Exception {
        return signed(body, "application/x-www-form-urlencoded", Map.of());
    }

    /** {@code /fou text} from {@code user}, with a trigger id of its own, as Slack gives every invocation. */
    public static String commandBody(String user, String text) {
        return form(Map.of("token", "x", "team_id", "T0FOU", "channel_id", "C0GENERAL", "user_id", user,
                "command", "/fou", "text", text, "trigger_id", "13345224609.738474920." + UUID.randomUUID().toString().replace("-", ""),
                "response_url", "http://127.0.0.1:1/none"));
    }

    public HttpResponse<String> interactive(String payloadJson) throws Exception {
        return signed(form(Map.of("payload", payloadJson)), "application/x-www-form-urlencoded", Map.of());
    }

    /** A click on a button (or a choice in a select when {@code selected} is true) in a message. */
    public HttpResponse<String> click(String user, String channel, String messageTs, String actionId, String value,
            boolean selected) throws Exception {
        return interactive(clickBody(user, channel, messageTs, actionId, value, selected));
    }

    /** The payload of a click as Slack sends it: a trigger id and an action time of its own. */
    public static String clickBody(String user, String channel, String messageTs, String actionId, String value, boolean selected) {
        String action = selected
                ? "{\"type\":\"static_select\",\"action_id\":\"" + actionId + "\",\"block_id\":\"b\",\"selected_option\":{\"text\":"
                        + "{\"type\":\"plain_text\",\"text\":\"x\"},\"value\":" + json(value) + "},\"action_ts\":\"" + ts() + "\"}"
                : "{\"type\":\"button\",\"action_id\":\"" + actionId + "\",\"block_id\":\"b\",\"value\":" + json(value)
                        + ",\"text\":{\"type\":\"plain_text\",\"text\":\"x\"},\"action_ts\":\"" + ts() + "\"}";
        return "{\"type\":\"block_actions\",\"team\":{\"id\":\"T0FOU\"},\"user\":{\"id\":\"" + user
                + "\",\"username\":\"" + user + "\"},\"api_app_id\":\"A0FOU\",\"token\":\"x\",\"trigger_id\":\"" + UUID.randomUUID()
                + "\",\"container\":{\"type\":\"message\",\"message_ts\":\"" + messageTs + "\",\"channel_id\":\"" + channel
                + "\",\"is_ephemeral\":false},\"channel\":{\"id\":\"" + channel + "\",\"name\":\"x\"},\"actions\":[" + action + "]}";
    }

    /**
     * A click on the button labelled {@code label} of a message the bot posted ({@code blocksJson}, as the fake Slack
     * API recorded it), sent as Slack sends it: the button's own action id, value and block id (read with Jackson, not
     * the Slack SDK that wrote them).
     */
    public HttpResponse<String> clickPosted(String user, String channel, String messageTs, String blocksJson, String label)
            throws Exception {
        return interactive(clickPostedBody(user, channel, messageTs, blocksJson, label));
    }

    /** The payload of a click on the button labelled {@code label} of a message the bot posted (see {@link #clickPosted}). */
    public static String clickPostedBody(String user, String channel, String messageTs, String blocksJson, String label) {
        for (tools.jackson.databind.JsonNode block : new tools.jackson.databind.ObjectMapper().readTree(blocksJson)) {
            for (tools.jackson.databind.JsonNode element : block.path("elements")) {
                if ("button".equals(element.path("type").asString("")) && label.equals(element.path("text").path("text").asString(""))) {
                    String action = "{\"type\":\"button\",\"action_id\":" + json(element.path("action_id").asString()) + ",\"block_id\":"
                            + json(block.path("block_id").asString()) + ",\"value\":" + json(element.path("value").asString())
                            + ",\"text\":{\"type\":\"plain_text\",\"text\":" + json(label) + "},\"action_ts\":\"" + ts() + "\"}";
                    return "{\"type\":\"block_actions\",\"team\":{\"id\":\"T0FOU\"},\"user\":{\"id\":\"" + user
                            + "\",\"username\":\"" + user + "\"},\"api_app_id\":\"A0FOU\",\"token\":\"x\",\"trigger_id\":\"" + UUID.randomUUID()
                            + "\",\"container\":{\"type\":\"message\",\"message_ts\":\"" + messageTs + "\",\"channel_id\":\"" + channel
                            + "\",\"is_ephemeral\":false},\"channel\":{\"id\":\"" + channel + "\",\"name\":\"x\"},\"actions\":[" + action + "]}";
                }
            }
        }
        throw new AssertionError("no button labelled " + label + " in " + blocksJson);
    }

    /** An {@code app_mention} event: someone wrote @fou-bot in a channel. */
    public static String mention(String user, String channel, String text) {
        return "{\"type\":\"app_mention\",\"channel\":\"" + channel + "\",\"user\":\"" + user + "\",\"text\":" + json(text)
                + ",\"ts\":\"" + ts() + "\",\"event_ts\":\"" + ts() + "\"}";
    }

    /**
     * A submitted modal ({@code view_submission}) from a modal of its own (a view id of its own, as Slack gives each
     * opened modal). {@code elements} maps a block id to its element's state; the action id
     * is the block id unless the key says {@code block/action}.
     */
    public static String viewSubmission(String user, String callbackId, String privateMetadata, Map<String, String> elements) {
        String state = elements.entrySet().stream().map(e -> {
            String[] ids = e.getKey().split("/", 2);
            String action = ids.length == 2 ? ids[1] : ids[0];
            return json(ids[0]) + ":{" + json(action) + ":" + e.getValue() + "}";
        }).collect(Collectors.joining(","));
        return "{\"type\":\"view_submission\",\"team\":{\"id\":\"T0FOU\"},\"user\":{\"id\":\"" + user + "\",\"username\":\""
                + user + "\"},\"api_app_id\":\"A0FOU\",\"token\":\"x\",\"trigger_id\":\"" + UUID.randomUUID()
                + "\",\"view\":{\"id\":\"V" + UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT) + "\",\"type\":\"modal\",\"callback_id\":" + json(callbackId) + ",\"private_metadata\":"
                + json(privateMetadata) + ",\"state\":{\"values\":{" + state + "}}}}";
    }

    /** The state of a text field in a submitted modal. */
    public static String input(String value) {
        return "{\"type\":\"plain_text_input\",\"value\":" + json(value) + "}";
    }

    /** The state of a menu in a submitted modal. */
    public static String selected(String value) {
        return "{\"type\":\"static_select\",\"selected_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"x\"},\"value\":"
                + json(value) + "}}";
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** The last message time handed out: Slack's times in a channel only grow, and the bot's answer comes after. */
    private static final java.util.concurrent.atomic.AtomicLong LAST_TS = new java.util.concurrent.atomic.AtomicLong();

    private static String ts() {
        long micros = LAST_TS.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
        return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
    }
}

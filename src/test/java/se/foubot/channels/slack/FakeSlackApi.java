package se.foubot.channels.slack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for the Slack Web API on loopback: records every call (method and parameters) and
 * answers like Slack does (a call without a bot token is refused with {@code not_authed}, a message of more than
 * {@value #MAX_BLOCKS} blocks with {@code invalid_blocks}, and neither is recorded as made). Can be told to answer the next calls of a method with 429 (Retry-After) or 500.
 */
public final class FakeSlackApi implements AutoCloseable {

    public static final String BOT_USER = "UFOUBOT";
    /** Slack's limit on a message's blocks: {@code chat.postMessage} and {@code chat.update} with more are refused. */
    public static final int MAX_BLOCKS = 50;
    /** Slack refuses a message's text past this many characters ({@code msg_too_long}). */
    public static final int MAX_TEXT = 40_000;

    /** One recorded call. */
    public record Call(String method, Map<String, String> params) {
        public String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    /** {@code error}: answered 200 with {@code ok: false} and this error, as Slack refuses a call; null: {@code status}. */
    private record Failure(String method, int status, int times, String error, int retryAfter) {
        Failure(String method, int status, int times) {
            this(method, status, times, null, 1);
        }

        Failure(String method, int status, int times, String error) {
            this(method, status, times, error, 1);
        }
    }

    /** A message the bot posted, as conversations.history gives it back: its metadata as posted (JSON), or null. */
    private record Posted(String channel, String ts, String text, String metadata) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    /** Every request that came, answered or failed as asked. */
    private final ConcurrentLinkedQueue<Call> tried = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    /** Posts Slack makes and then answers with a server error (Slack: "some aspect of the operation succeeded"). */
    private final java.util.concurrent.atomic.AtomicInteger postedThenFailing = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger postedThenUnreadable = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int outage;
    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(0);
    private final java.util.concurrent.atomic.AtomicInteger postsHeld = new java.util.concurrent.atomic.AtomicInteger();
    private volatile java.util.function.Supplier<String> socketModeUrl = () -> null;
    private final AtomicLong ts = new AtomicLong(1_763_900_000_000_100L);
    private final ConcurrentLinkedQueue<Posted> posted = new ConcurrentLinkedQueue<>();

    /** Starts the fake on a free port, for a test class's static field. */
    public static FakeSlackApi start() {
        try {
            return new FakeSlackApi();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    FakeSlackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** The next {@code times} calls of {@code method} fail with {@code status} (429 carries Retry-After: 1). */
    synchronized void failNext(String method, int status, int times) {
        failures.add(new Failure(method, status, times));
    }

    /** How many requests of {@code method} came, those failed as asked included. */
    long tried(String method, java.util.function.Predicate<Call> filter) {
        return tried.stream().filter(c -> c.method().equals(method)).filter(filter).count();
    }

    /** The next {@code times} calls of {@code method} are answered 429 with {@code Retry-After: seconds}. */
    synchronized void rateLimitNext(String method, int times, int seconds) {
        failures.add(new Failure(method, 429, times, null, seconds));
    }

    /** The next {@code times} calls of {@code method} are answered 200 {@code {"ok":false,"error":error}}, doing nothing. */
    synchronized void refuseNext(String method, String error, int times) {
        failures.add(new Failure(method, 200, times, error));
    }

    /** The next {@code times} {@code chat.postMessage} calls are posted (history shows them) and answered with HTTP 500. */
    public void postThenFail(int times) {
        postedThenFailing.set(times);
    }

    /** The next {@code times} {@code chat.postMessage} calls are posted and answered 200 with a proxy's HTML page. */
    void postThenAnswerUnreadably(int times) {
        postedThenUnreadable.set(times);
    }

    /** From now on every call fails with {@code status} (429 carries Retry-After: 1), until {@link #endOutage()}. */
    public void outage(int status) {
        outage = status;
    }

    public void endOutage() {
        outage = 0;
    }

    /** From now on {@code chat.postMessage} answers only after {@link #letPostsGo()}: Slack slow, the bot's workers busy. */
    void holdPosts() {
        held = new java.util.concurrent.CountDownLatch(1);
    }

    void letPostsGo() {
        held.countDown();
    }

    /** How many {@code chat.postMessage} calls wait for {@link #letPostsGo()} now. */
    int postsHeld() {
        return postsHeld.get();
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public List<Call> calls(String method, Predicate<Call> where) {
        return calls(method).stream().filter(where).toList();
    }

    /** Slack never got the bot's posts to {@code channel} (they stay among the calls): its history no longer shows them. */
    void forgetPostsTo(String channel) {
        posted.removeIf(p -> p.channel().equals(channel));
    }

    synchronized void reset() {
        calls.clear();
        posted.clear();
        failures.clear();
    }

    /** From now on {@code apps.connections.open} hands out the URLs this gives (a local Socket Mode server). */
    void socketModeUrl(java.util.function.Supplier<String> urls) {
        this.socketModeUrl = urls;
    }

    /**
     * Forgets the failures asked for with {@link #failNext} that have not happened yet. Synchronized with
     * {@link #takeFailure}: a clear between its remove and its re-add of the rest left 999 failures in place.
     */
    synchronized void clearFailures() {
        failures.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> params = parse(body, exchange.getRequestHeaders().getFirst("Content-Type"));
        tried.add(new Call(method, params));
        int down = outage;
        Failure failure = down != 0 ? new Failure(method, down, 1) : takeFailure(method);
        if (failure != null && failure.error() != null) {
            respond(exchange, 200, "{\"ok\":false,\"error\":\"" + failure.error() + "\"}");
            return;
        }
        if (failure != null) {
            if (failure.status() == 429) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(failure.retryAfter()));
            }
            respond(exchange, failure.status(), failure.status() == 429 ? "{\"ok\":false,\"error\":\"ratelimited\"}" : "oops");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !(authorization.startsWith("Bearer xox") || authorization.startsWith("Bearer xapp-"))) {
            respond(exchange, 200, "{\"ok\":false,\"error\":\"not_authed\"}"); // as Slack answers a call without a token
            return;
        }
        if (List.of("chat.postMessage", "chat.update").contains(method) && blockCount(params) > MAX_BLOCKS) {
            // as Slack refuses a message of more blocks than it takes: nothing is posted
            respond(exchange, 200, "{\"ok\":false,\"error\":\"invalid_blocks\",\"errors\":[\"must be less than "
                    + (MAX_BLOCKS + 1) + " items [json-pointer:/blocks]\"]}");
            return;
        }
        if (List.of("chat.postMessage", "chat.update").contains(method) && params.get("text") != null
                && params.get("text").length() > MAX_TEXT) {
            // as Slack refuses a message whose text is longer than it takes
            respond(exchange, 200, "{\"ok\":false,\"error\":\"msg_too_long\"}");
            return;
        }
        if ("chat.postMessage".equals(method)) {
            postsHeld.incrementAndGet();
            try {
                held.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                postsHeld.decrementAndGet();
            }
        }
        calls.add(new Call(method, params));
        String json = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://fou.slack.com/\",\"team\":\"FoU\",\"user\":\"fou-bot\","
                    + "\"team_id\":\"T0FOU\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"B0FOUBOT\"}";
            case "chat.postMessage" -> {
                String newTs = nextTs();
                // a post to a person (their user id) lands in their DM with the bot, as in Slack; its id here is "D" + the user's
                String channel = params.getOrDefault("channel", "");
                posted.add(new Posted(channel.startsWith("U") ? "D" + channel : channel, newTs, params.getOrDefault("text", ""),
                        params.get("metadata")));
                yield "{\"ok\":true,\"channel\":\"" + params.getOrDefault("channel", "") + "\",\"ts\":\"" + newTs
                        + "\",\"message\":{\"text\":\"\"}}";
            }
            // the channel's messages after oldest, newest first, with their metadata when include_all_metadata is set
            case "conversations.history" -> history(params);
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D" + params.getOrDefault("users", "") + "\"}}";
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + params.getOrDefault("channel", "") + "\",\"ts\":\""
                    + params.getOrDefault("ts", "") + "\"}";
            case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + nextTs() + "\"}";
            case "views.publish", "views.open" -> "{\"ok\":true,\"view\":{\"id\":\"V1\"}}";
            // people whose id starts with UNOMAIL have no e-mail address on their profile
            // the locale only when asked for (include_locale), as Slack does: "en-GB" for users named UEN…, else "sv-SE"
            case "users.info" -> "{\"ok\":true,\"user\":{\"id\":\"" + params.get("user") + "\","
                    + (List.of("1", "true").contains(params.getOrDefault("include_locale", ""))
                            ? "\"locale\":\"" + (params.getOrDefault("user", "").startsWith("UEN") ? "en-GB" : "sv-SE") + "\"," : "")
                    + (params.getOrDefault("user", "").startsWith("UNOMAIL") ? "\"profile\":{}}}"
                            : "\"profile\":{\"email\":\"" + params.get("user").toLowerCase() + "@stockholm.se\"}}}");
            case "apps.connections.open" -> socketModeUrl.get() == null ? "{\"ok\":true}"
                    : "{\"ok\":true,\"url\":\"" + socketModeUrl.get() + "\"}";
            case "usergroups.users.list" -> "{\"ok\":true,\"users\":[\"UGROUPMEMBER1\",\"UGROUPMEMBER2\"]}";
            default -> "{\"ok\":true}";
        };
        if ("chat.postMessage".equals(method) && postedThenFailing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, 500, "oops");
            return;
        }
        if ("chat.postMessage".equals(method) && postedThenUnreadable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, 200, "<html><body>502 Bad Gateway</body></html>");
            return;
        }
        respond(exchange, 200, json);
    }

    /**
     * A page of the channel's messages after oldest, newest first, with their metadata when include_all_metadata is
     * set: {@code limit} (100 unless given) a page, the next page named by {@code response_metadata.next_cursor}.
     */
    private String history(Map<String, String> params) {
        String channel = params.getOrDefault("channel", "");
        double oldest = params.containsKey("oldest") ? Double.parseDouble(params.get("oldest")) : 0;
        boolean metadata = List.of("1", "true").contains(params.getOrDefault("include_all_metadata", ""));
        List<Posted> mine = new ArrayList<>(posted.stream().filter(p -> p.channel().equals(channel)
                && Double.parseDouble(p.ts()) > oldest).toList());
        java.util.Collections.reverse(mine);
        int from = params.containsKey("cursor") && !params.get("cursor").isEmpty() ? Integer.parseInt(params.get("cursor")) : 0;
        int to = Math.min(mine.size(), from + Integer.parseInt(params.getOrDefault("limit", "100")));
        boolean more = to < mine.size();
        StringBuilder json = new StringBuilder("{\"ok\":true,\"has_more\":" + more + ",\"messages\":[");
        for (int i = from; i < to; i++) {
            Posted p = mine.get(i);
            json.append(i == from ? "" : ",").append("{\"type\":\"message\",\"bot_id\":\"B0FOUBOT\",\"ts\":\"").append(p.ts())
                    .append("\",\"text\":").append(new com.google.gson.Gson().toJson(p.text()));
            if (metadata && p.metadata() != null) {
                json.append(",\"metadata\":").append(p.metadata());
            }
            json.append('}');
        }
        return json.append("],\"response_metadata\":{\"next_cursor\":\"").append(more ? String.valueOf(to) : "").append("\"}}").toString();
    }

    /** {@code count} messages the person writes in {@code channel} (a DM), after what is there. */
    void personWrites(String channel, int count) {
        for (int i = 0; i < count; i++) {
            posted.add(new Posted(channel, nextTs(), "meddelande " + i, null));
        }
    }

    /** How many blocks a message's {@code blocks} parameter holds (0 without one). */
    private static int blockCount(Map<String, String> params) {
        String blocks = params.get("blocks");
        if (blocks == null || blocks.isBlank()) {
            return 0;
        }
        com.google.gson.JsonElement parsed = com.google.gson.JsonParser.parseString(blocks);
        return parsed.isJsonArray() ? parsed.getAsJsonArray().size() : 0;
    }

    private synchronized Failure takeFailure(String method) {
        for (Failure f : failures) {
            if (f.method().equals(method)) {
                failures.remove(f);
                if (f.times() > 1) {
                    failures.add(new Failure(f.method(), f.status(), f.times() - 1, f.error(), f.retryAfter()));
                }
                return f;
            }
        }
        return null;
    }

    private String nextTs() {
        // later than anything people wrote (their messages carry the time they were sent), as Slack's own are
        long n = ts.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
        return (n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
    }

    private static Map<String, String> parse(String body, String contentType) {
        Map<String, String> params = new LinkedHashMap<>();
        if (contentType != null && contentType.contains("json")) {
            params.put("json", body);
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

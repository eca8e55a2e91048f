package se.foubot.channels.slack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A local Slack Socket Mode server, on Java-WebSocket's server (another WebSocket implementation than the bot's
 * Tyrus client). It speaks the protocol as Slack documents it: {@code hello} on every new connection; envelopes
 * (stored under {@code src/test/resources/slack/socket}) to one open connection, each expected to be acknowledged by
 * its {@code envelope_id}; {@code disconnect} with a reason, after which it closes that connection once the app has
 * opened a new one; and, like Slack, it sends an envelope again (retry_attempt + 1) when the connection it went out
 * on closed before the ack came. Acks are counted per envelope id.
 */
final class FakeSocketModeServer extends WebSocketServer implements AutoCloseable {

    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger tickets = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final List<WebSocket> open = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> acks = new ConcurrentHashMap<>();
    private final Map<String, String> ackPayloads = new ConcurrentHashMap<>();
    /** Envelopes sent and not yet acknowledged: envelope id → (connection, envelope). */
    private final Map<String, Object[]> inFlight = new ConcurrentHashMap<>();

    FakeSocketModeServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setDaemon(true);
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the fake Socket Mode server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String fixture(String name) {
        try (InputStream in = FakeSocketModeServer.class.getResourceAsStream("/slack/socket/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code apps.connections.open} answers: a new ticket each time, as Slack's URLs are. */
    String url() {
        return "ws://127.0.0.1:" + getPort() + "/link/?ticket=" + tickets.incrementAndGet() + "&app_id=A0FOU";
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        open.add(conn);
        opened.incrementAndGet();
        conn.send(fixture("hello.json"));
        // what went out on a connection that closed unacknowledged comes again here, as Slack retries it
        for (Map.Entry<String, Object[]> e : inFlight.entrySet()) {
            WebSocket on = (WebSocket) e.getValue()[0];
            if (!on.isOpen() && inFlight.remove(e.getKey(), e.getValue())) {
                JsonObject envelope = JsonParser.parseString((String) e.getValue()[1]).getAsJsonObject();
                if (envelope.has("retry_attempt")) {
                    envelope.addProperty("retry_attempt", envelope.get("retry_attempt").getAsInt() + 1);
                    envelope.addProperty("retry_reason", "timeout");
                }
                deliver(conn, envelope.toString());
            }
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonObject json = JsonParser.parseString(message).getAsJsonObject();
        if (json.has("envelope_id")) {
            String id = json.get("envelope_id").getAsString();
            acks.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (json.has("payload")) {
                ackPayloads.put(id, json.get("payload").toString());
            }
            inFlight.remove(id);
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        open.remove(conn);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // a connection dropped on purpose ends here too
    }

    private void deliver(WebSocket conn, String envelope) {
        String id = JsonParser.parseString(envelope).getAsJsonObject().get("envelope_id").getAsString();
        inFlight.put(id, new Object[] {conn, envelope});
        conn.send(envelope);
    }

    /** Sends a stored envelope on the newest open connection. @return its envelope id */
    String send(String fixtureName) {
        String envelope = fixture(fixtureName);
        deliver(newest(), envelope);
        return JsonParser.parseString(envelope).getAsJsonObject().get("envelope_id").getAsString();
    }

    /** Sends {@code text} as it is on the newest open connection (what no Slack sends: broken JSON, no envelope id). */
    void sendRaw(String text) {
        newest().send(text);
    }

    /**
     * Sends {@code disconnect} with {@code reason} on the newest connection and closes it once the app has opened
     * a new one (Slack closes it about ten seconds after a warning).
     */
    void disconnect(String reason) throws InterruptedException {
        WebSocket old = newest();
        int before = opened.get();
        old.send(fixture("disconnect-" + reason + ".json"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (opened.get() == before && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        // Slack keeps the old connection a while (about ten seconds after a warning); the app lets go of it itself
        Thread.sleep(500);
        old.close(CloseFrame.NORMAL, "disconnected: " + reason);
    }

    /** Sends a stored envelope and drops that connection at once, without a close handshake. */
    String sendAndDrop(String fixtureName) {
        WebSocket conn = newest();
        String id = send(fixtureName);
        conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped");
        return id;
    }

    /** Drops every connection without a close handshake, as a network failure would. */
    void dropAll() {
        for (WebSocket conn : open) {
            conn.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped");
        }
    }

    private WebSocket newest() {
        List<WebSocket> now = new ArrayList<>(open);
        if (now.isEmpty()) {
            throw new IllegalStateException("no connection from the app");
        }
        return now.get(now.size() - 1);
    }

    int connectionsOpened() {
        return opened.get();
    }

    int openConnections() {
        return open.size();
    }

    int acks(String envelopeId) {
        AtomicInteger n = acks.get(envelopeId);
        return n == null ? 0 : n.get();
    }

    Map<String, Integer> allAcks() {
        Map<String, Integer> all = new ConcurrentHashMap<>();
        acks.forEach((k, v) -> all.put(k, v.get()));
        return all;
    }

    String ackPayload(String envelopeId) {
        return ackPayloads.get(envelopeId);
    }

    @Override
    public void close() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package se.foubot.channels.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.socket_mode.SocketModeClient;

import se.foubot.privacy.LogText;

/**
 * Socket Mode when SLACK_APP_TOKEN is set: the same Bolt app, reached over a WebSocket the bot opens, so no public
 * URL is needed. One thread keeps it connected: it checks the connection (a ping) every
 * {@code foubot.slack.socket-check-interval}, and when it is down opens a new one, waiting longer after each failure
 * (1 s, 2 s, 4 s … up to {@code foubot.slack.socket-retry-max}). Any failure — an exception, or an {@link Error} such
 * as a missing WebSocket class — is logged once per outage, kept for health, and retried; nothing stops start-up.
 */
@Component
@ConditionalOnExpression("!'${foubot.slack.bot-token:}'.isBlank() && !'${foubot.slack.app-token:}'.isBlank()")
class SlackSocketMode implements SmartLifecycle {

    /** Opens one connection: asks Slack for a URL ({@code apps.connections.open}) and connects to it. */
    interface Connector {
        SocketModeClient open(SocketModeLog log, Runnable onRefresh) throws Exception;
    }

    /** What health shows. */
    record Status(boolean connected, Instant disconnectedSince, String lastError, double reconnects) {
    }

    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final Connector connector;
    private final SlackProperties properties;
    private final Clock clock;
    private final SocketModeLog clientLog = new SocketModeLog(log);
    private final Counter lost;
    private final Counter refreshed;
    private ScheduledExecutorService thread;
    private volatile SocketModeClient client;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile boolean everConnected;
    private volatile Instant disconnectedSince;
    private volatile String lastError;
    private int failures;
    private boolean toldFailure;

    @Autowired
    SlackSocketMode(App app, Slack slack, SlackProperties properties, MeterRegistry meters, Clock clock) {
        this(connector(app, slack, properties.appToken()), properties, meters, clock);
    }

    SlackSocketMode(Connector connector, SlackProperties properties, MeterRegistry meters, Clock clock) {
        this.connector = connector;
        this.properties = properties;
        this.clock = clock;
        this.lost = Counter.builder("foubot.slack.socket.reconnects").tag("reason", "lost")
                .description("Socket Mode connections opened again after one was lost").register(meters);
        this.refreshed = Counter.builder("foubot.slack.socket.reconnects").tag("reason", "refresh")
                .description("Socket Mode connections moved to a new URL when Slack asked (disconnect)").register(meters);
        Gauge.builder("foubot.slack.socket.connected", this, s -> s.connected ? 1 : 0)
                .description("1 while the Socket Mode connection is open").register(meters);
    }

    /** The real connection: Bolt's Tyrus client, each envelope handled by the Bolt app and acknowledged. */
    private static Connector connector(App app, Slack slack, String appToken) {
        SocketModeEnvelopes envelopes = new SocketModeEnvelopes(app);
        return (clientLog, onRefresh) -> {
            String url = slack.issueSocketModeUrl(appToken);
            SocketModeConnection connection = new SocketModeConnection(slack, appToken, url, clientLog, onRefresh);
            connection.addWebSocketMessageListener(message -> {
                String ack = envelopes.handle(message);
                if (ack != null) {
                    connection.sendSocketModeResponse(ack);
                }
            });
            connection.connect();
            return connection;
        };
    }

    @Override
    public void start() {
        running = true;
        disconnectedSince = clock.instant();
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slack-socket-mode");
            t.setDaemon(true);
            return t;
        });
        thread.execute(this::tick);
    }

    private void tick() {
        if (!running) {
            return;
        }
        Duration next;
        try {
            next = check();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // an Error too: a missing class must not end the retrying silently
            next = failed(LogText.describe(e));
        }
        if (running) {
            thread.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Duration check() throws Exception {
        SocketModeClient current = client;
        // asked twice: a ping sent just as Slack moved the connection (disconnect) goes out on the old one and fails
        if (current != null && (current.verifyConnection() || current.verifyConnection())) {
            up();
            return properties.socketCheckInterval();
        }
        down();
        client = null;
        closeQuietly(current);
        clientLog.forget();
        SocketModeClient fresh = connector.open(clientLog, refreshed::increment);
        client = fresh;
        if (fresh.verifyConnection()) {
            up();
            return properties.socketCheckInterval();
        }
        String problem = clientLog.lastProblem();
        return failed(problem != null ? problem : "the WebSocket connection did not open");
    }

    private void up() {
        if (!connected) {
            Instant since = disconnectedSince;
            if (everConnected) {
                lost.increment();
            }
            log.info("event=slack_socket_mode_connected reconnect={} down_s={}", everConnected,
                    since == null ? 0 : Duration.between(since, clock.instant()).toSeconds());
            connected = true;
            everConnected = true;
        }
        disconnectedSince = null;
        lastError = null;
        failures = 0;
        toldFailure = false;
    }

    private void down() {
        if (connected) {
            connected = false;
            disconnectedSince = clock.instant();
            log.warn("event=slack_socket_mode_lost hint=\"reconnecting\"");
        } else if (disconnectedSince == null) {
            disconnectedSince = clock.instant();
        }
    }

    private Duration failed(String problem) {
        connected = false;
        lastError = problem;
        failures++;
        long factor = 1L << Math.min(failures - 1, 20);
        Duration wait = FIRST_RETRY.multipliedBy(factor);
        if (wait.compareTo(properties.socketRetryMax()) > 0) {
            wait = properties.socketRetryMax();
        }
        log.debug("event=slack_socket_mode_attempt_failed attempt={} reason=\"{}\"", failures, problem);
        if (!toldFailure) {
            toldFailure = true;
            log.warn("event=slack_socket_mode_unavailable reason=\"{}\" retry_in_ms={} retry_max_s={}", problem, wait.toMillis(),
                    properties.socketRetryMax().toSeconds());
        }
        return wait;
    }

    Status status() {
        return new Status(connected, disconnectedSince, lastError, lost.count() + refreshed.count());
    }

    boolean connected() {
        return connected;
    }

    private static void closeQuietly(SocketModeClient c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception | LinkageError e) {
            log.debug("event=slack_socket_mode_close_failed error={}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.shutdownNow();
        }
        closeQuietly(client);
        client = null;
        connected = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

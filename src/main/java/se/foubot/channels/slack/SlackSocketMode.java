package se.foubot.channels.slack;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;

/**
 * Socket Mode when SLACK_APP_TOKEN is set: the same Bolt app, reached over a WebSocket the bot opens, so no
 * public URL is needed. Connects in the background and keeps trying; Slack being away never stops start-up.
 */
@Component
@ConditionalOnExpression("!'${foubot.slack.bot-token:}'.isBlank() && !'${foubot.slack.app-token:}'.isBlank()")
class SlackSocketMode implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SlackSocketMode.class);
    private static final long RETRY_SECONDS = 30;

    private final App app;
    private final SlackProperties properties;
    private ScheduledExecutorService connector;
    private volatile SocketModeApp socket;
    private volatile boolean running;
    private volatile boolean toldFailure;

    SlackSocketMode(App app, SlackProperties properties) {
        this.app = app;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slack-socket-mode");
            t.setDaemon(true);
            return t;
        });
        connector.execute(this::connect);
    }

    private void connect() {
        try {
            SocketModeApp s = new SocketModeApp(properties.appToken(), app, SocketModeClient.Backend.Tyrus);
            s.startAsync();
            socket = s;
            toldFailure = false;
            log.info("event=slack_socket_mode_connected");
        } catch (Exception e) {
            if (!toldFailure) {
                toldFailure = true;
                log.warn("event=slack_socket_mode_unavailable reason=\"{}\" retry_every_s={}", e.getMessage(), RETRY_SECONDS);
            }
            if (running) {
                connector.schedule(this::connect, RETRY_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    boolean connected() {
        SocketModeApp s = socket;
        return s != null && !s.isClientStopped();
    }

    @Override
    public void stop() {
        running = false;
        if (connector != null) {
            connector.shutdownNow();
        }
        SocketModeApp s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                log.debug("event=slack_socket_mode_close_failed reason=\"{}\"", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

package se.foubot.channels.slack;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import javax.websocket.ClientEndpoint;

import org.slf4j.Logger;

import com.slack.api.Slack;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientTyrusImpl;
import com.slack.api.socket_mode.queue.impl.ConcurrentLinkedMessageQueue;

/**
 * Bolt's Socket Mode client (Tyrus 1.x, {@code javax.websocket}) with its own reconnecting and session monitor off:
 * {@link SlackSocketMode} decides when to reconnect. Slack's own {@code disconnect} messages (warning,
 * refresh_requested) are still answered at once by moving to a new URL, and counted.
 */
@ClientEndpoint // Tyrus reads the endpoint's annotations from the class it is given, not from its superclass
final class SocketModeConnection extends SocketModeClientTyrusImpl {

    /** Envelope handlers at once; each only acks and hands the work on. */
    private static final int CONCURRENCY = 4;

    private final SocketModeLog log;
    private final Runnable onRefresh;

    SocketModeConnection(Slack slack, String appToken, String url, SocketModeLog log, Runnable onRefresh) throws URISyntaxException {
        super(slack, appToken, url, CONCURRENCY, new ConcurrentLinkedMessageQueue(), false, false, 5_000L);
        this.log = log;
        this.onRefresh = onRefresh;
    }

    @Override
    public Logger getLogger() {
        // called from the super constructor too, before the field is set
        return log != null ? log : SocketModeClient.LOGGER;
    }

    /** Slack asked the bot to move ({@code disconnect}): Bolt calls this from the message that said so. */
    @Override
    public void connectToNewEndpoint() throws IOException {
        if (onRefresh != null) {
            onRefresh.run();
        }
        reopen();
    }

    /** A new URL from {@code apps.connections.open}, and a new connection to it. */
    void reopen() throws IOException {
        try {
            setWssUri(new URI(getSlack().issueSocketModeUrl(getAppToken())));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        connect();
    }
}

package se.foubot.channels.slack;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

import javax.websocket.ClientEndpoint;

import org.slf4j.Logger;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.slack.api.Slack;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientTyrusImpl;
import com.slack.api.socket_mode.listener.WebSocketMessageListener;
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

    /**
     * Every message from Slack goes to the listener ({@link SocketModeEnvelopes}), which acknowledges and logs, except
     * Slack's {@code disconnect}. Bolt's own version drops what is not JSON and throws on a broken envelope; the throw
     * was logged as the connection's last problem, so a later reconnect named a wrong reason.
     */
    @Override
    public void processMessage(String message) throws IOException {
        if (isDisconnect(message)) {
            connectToNewEndpoint();
            return;
        }
        for (WebSocketMessageListener listener : getWebSocketMessageListeners()) {
            listener.handle(message);
        }
    }

    /** Bolt's version drops, unseen, what does not start with a brace; here it reaches the listener, which logs it. */
    @Override
    public void enqueueMessage(String message) {
        getMessageQueue().add(message);
    }

    private static boolean isDisconnect(String message) {
        try {
            JsonElement json = JsonParser.parseString(message);
            return json.isJsonObject() && json.getAsJsonObject().get("type") instanceof JsonPrimitive type
                    && "disconnect".equals(type.getAsString());
        } catch (RuntimeException notJson) {
            return false;
        }
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

package se.foubot.web;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The port the management server listens on once it has started ({@code FOUBOT_MANAGEMENT_PORT}; 0 until then, and
 * when the actuator shares the application's port). Learnt from the server itself, so a port chosen at random counts too.
 */
@Component
class ManagementPortNumber implements ApplicationListener<WebServerInitializedEvent> {

    private volatile int port;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    /** Whether a request that arrived on {@code localPort} came to the management server. */
    boolean isManagement(int localPort) {
        int known = port;
        return known > 0 && known == localPort;
    }
}

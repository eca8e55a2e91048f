package se.foubot.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (junit-platform.properties): Awaitility looks every 20 ms instead of its default
 * 100 ms, and first looks after 20 ms rather than after a whole interval. Most waits here are for an answer that comes
 * within milliseconds, and the suite has hundreds of them; at 100 ms each wait cost a tenth of a second at least.
 */
public class BriskAwaitPolling implements BeforeAllCallback {

    static final Duration INTERVAL = Duration.ofMillis(20);

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollInterval(INTERVAL);
        Awaitility.setDefaultPollDelay(INTERVAL);
    }
}

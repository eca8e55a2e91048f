package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.slack.api.socket_mode.SocketModeClient;

import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/**
 * The connection keeper alone, with a connector that fails as the first round's did: Bolt's Tyrus backend on the
 * wrong WebSocket API throws {@code NoClassDefFoundError}, an Error that a catch of Exception misses.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlackSocketModeSupervisorTest {

    private static SlackProperties properties() {
        return new Binder(new MapConfigurationPropertySource(Map.of("foubot.slack.bot-token", "xoxb-x", "foubot.slack.app-token",
                "xapp-x", "foubot.slack.socket-check-interval", "50ms", "foubot.slack.socket-retry-max", "100ms", "foubot.slack.api-url", "https://slack.com/api/")))
                .bind("foubot.slack", SlackProperties.class).get();
    }

    @Test
    void anErrorWhileConnectingIsLoggedOnceShownAndRetriedUntilItConnectsAndALostConnectionIsOpenedAgain(CapturedOutput output) {
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean alive = new AtomicBoolean(true);
        SocketModeClient client = mock(SocketModeClient.class);
        when(client.verifyConnection()).thenAnswer(i -> alive.get());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SlackSocketMode socket = new SlackSocketMode((log, onRefresh) -> {
            if (attempts.incrementAndGet() <= 4) {
                throw new NoClassDefFoundError("javax/websocket/DeploymentException");
            }
            return client;
        }, properties(), meters, new MutableClock(TestClockConfiguration.START));
        socket.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 3);
            SlackSocketMode.Status failing = socket.status();
            assertThat(failing.connected()).isFalse();
            assertThat(failing.disconnectedSince()).isEqualTo(TestClockConfiguration.START);
            assertThat(failing.lastError()).contains("NoClassDefFoundError: javax/websocket/DeploymentException");

            await().atMost(Duration.ofSeconds(10)).until(() -> socket.status().connected());
            assertThat(socket.status().lastError()).isNull();
            // (other bots of the test run may log their own sockets' troubles: only this one's error is counted)
            assertThat(output.getOut().lines().filter(l -> l.contains("event=slack_socket_mode_unavailable")
                    && l.contains("NoClassDefFoundError"))).as("four failures, one line").hasSize(1);
            assertThat(output.getOut()).doesNotContain("NoClassDefFoundError: javax/websocket/DeploymentException\n\tat ");

            alive.set(false);
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 7);
            assertThat(socket.status().connected()).isFalse();
            alive.set(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> socket.status().connected());
            assertThat(meters.counter("foubot.slack.socket.reconnects", "reason", "lost").count()).isEqualTo(1);
        } finally {
            socket.stop();
        }
    }
}

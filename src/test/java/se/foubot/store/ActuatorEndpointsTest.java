package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.support.TestClockConfiguration;
import se.foubot.privacy.OutsideTextGuard;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "foubot.store.data-dir=target/test-data/${random.uuid}")
@Import(TestClockConfiguration.class)
class ActuatorEndpointsTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();

    @LocalServerPort
    int port;

    @Autowired
    ConversationEngine engine;

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpOnTheEmbeddedStoreAndSaysSlackIsOff() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"mongodb\":{\"details\":{\"store\":\"embedded\"").contains("\"status\":\"UP\"")
                .contains("\"slack\":{\"details\":{\"slack\":\"disabled (set SLACK_BOT_TOKEN)\"}")
                .contains("\"mail\":{\"details\":{\"server\":\"embedded\",\"outboxWaiting\":0}");
    }

    @Test
    void theAdminApiIsOffWithoutAToken() throws Exception {
        assertThat(get("/api/tasks").statusCode()).isEqualTo(404);
    }

    @Test
    void prometheusShowsTheBotsOwnMetrics() throws Exception {
        engine.handle(new ConversationKey("test", "metrics-person"), GUARD.check("hej"));
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("foubot_conversation_turns_total{channel=\"test\",result=\"answered\"}")
                .contains("foubot_outbox_waiting");
    }
}

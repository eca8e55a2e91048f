package se.foubot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.support.Http;
import se.foubot.support.TestClockConfiguration;

/** The actuator on the application's own port: status for everyone, the rest for the admin token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.admin.token=" + ActuatorAccessTest.TOKEN})
@Import(TestClockConfiguration.class)
class ActuatorAccessTest {

    static final String TOKEN = "actuator-test-admin-token";

    @LocalServerPort
    int port;

    @Autowired
    ConversationEngine engine;

    @Test
    void healthShowsEveryoneItsStatusOnly() throws Exception {
        HttpResponse<String> health = Http.get(port, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("details");
        assertThat(Http.get(port, "/actuator/health", "wrong-token").body()).doesNotContain("components");
        assertThat(Http.get(port, "/actuator/health/mongodb").body()).doesNotContain("embedded").doesNotContain("details");
    }

    @Test
    void theAdminTokenShowsComponentsAndDetails() throws Exception {
        HttpResponse<String> health = Http.get(port, "/actuator/health", TOKEN);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"mongodb\":{\"details\":{\"store\":\"embedded\"").contains("\"status\":\"UP\"")
                .contains("\"slack\":{\"details\":{\"slack\":\"disabled (set SLACK_BOT_TOKEN)\"}")
                .contains("\"mail\":{\"details\":{\"server\":\"embedded\",\"outboxWaiting\":0}");
    }

    @Test
    void prometheusAndInfoNeedTheAdminToken() throws Exception {
        HttpResponse<String> without = Http.get(port, "/actuator/prometheus");
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(without.body()).doesNotContain("foubot_");
        assertThat(Http.get(port, "/actuator/prometheus", "wrong-token").statusCode()).isEqualTo(401);
        assertThat(Http.get(port, "/actuator", null).statusCode()).isEqualTo(401);
        assertThat(Http.get(port, "/actuator/info", null).statusCode()).isEqualTo(401);
        engine.handle(new ConversationKey("test", "metrics-person"), new OutsideTextGuard().check("hej"));
        HttpResponse<String> with = Http.get(port, "/actuator/prometheus", TOKEN);
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(with.body()).contains("foubot_conversation_turns_total{channel=\"test\",result=\"answered\"}")
                .contains("foubot_outbox_waiting");
    }

    @Test
    void livenessAndReadinessAnswerWithoutAToken() throws Exception {
        for (String path : new String[] {"/actuator/health/liveness", "/actuator/health/readiness", "/livez", "/readyz"}) {
            HttpResponse<String> probe = Http.get(port, path);
            assertThat(probe.statusCode()).as(path).isEqualTo(200);
            assertThat(probe.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
        }
        assertThat(Http.get(port, "/actuator/health/readiness", TOKEN).body()).as("readiness: the store, not mail or Slack")
                .contains("mongodb").contains("readinessState").doesNotContain("\"mail\"").doesNotContain("\"slack\"");
    }
}

package se.foubot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import se.foubot.support.Http;
import se.foubot.support.TestClockConfiguration;

/**
 * The actuator on a separate management port bound to loopback (FOUBOT_MANAGEMENT_PORT): only this host can reach
 * it, so it shows details and metrics without a token; the application's port keeps the probes, status only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "management.server.port=0",
                "foubot.admin.token=management-port-admin-token"})
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class ManagementPortTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void theLoopbackManagementPortShowsDetailsAndMetricsWithoutAToken() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        HttpResponse<String> health = Http.get(managementPort, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"mongodb\":{\"details\":{\"store\":\"embedded\"");
        HttpResponse<String> metrics = Http.get(managementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("foubot_outbox_waiting");
    }

    @Test
    void aRequestTheManagementPortsServerCannotParseIsAnsweredInJsonAsOnTheApplicationsPort(CapturedOutput output) throws Exception {
        String answer = Http.raw(managementPort, "GET /actuator/health?x=| HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").endsWith("{\"error\":\"bad request\"}").doesNotContainIgnoringCase("<html");
        assertThat(Http.get(managementPort, "/actuator/prometheus").body()).contains("foubot_http_refused_total{status=\"400\"}");
        // the log says which server refused it
        assertThat(output).contains("event=http_refused_by_server status=400 method=GET port=" + managementPort);
    }

    @Test
    void theApplicationsPortKeepsOnlyTheProbesStatusOnly() throws Exception {
        assertThat(Http.get(port, "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(Http.get(port, "/actuator/health").statusCode()).isEqualTo(404);
        for (String path : new String[] {"/livez", "/readyz"}) {
            HttpResponse<String> probe = Http.get(port, path);
            assertThat(probe.statusCode()).as(path).isEqualTo(200);
            assertThat(probe.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void aPathTheManagementPortDoesNotServeIs404InJsonNotASignInRedirect() throws Exception {
        for (String path : new String[] {"/nothing-here", "/signin", "/dashboard", "/", "/logout", "/logout?x=1", "/signout", "/error"}) {
            HttpResponse<String> answer = Http.get(managementPort, path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.headers().firstValue("Location")).as(path).isEmpty();
            assertThat(answer.body()).as(path).contains("\"error\":\"not found\"").doesNotContainIgnoringCase("<html");
        }
        assertThat(Http.get(port, "/dashboard").statusCode()).as("the staff web on the application's port is unchanged").isEqualTo(302);
        HttpResponse<String> error = Http.get(port, "/error");
        assertThat(error.statusCode()).as("the error path is no page on the application's port either").isEqualTo(404);
        assertThat(error.body()).contains("\"error\":\"not found\"");
    }
}

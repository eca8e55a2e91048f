package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import se.foubot.FouBotApplication;

/**
 * A MongoDB that is down when the bot starts: the bot starts anyway, says so in one log line, reports
 * DOWN in health, and recovers by itself when the database comes.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreachableStoreTest {

    @TempDir
    Path dir;

    @Test
    void anUnreachableMongoIsOneLogLineAndDownInHealthUntilItComes(CapturedOutput output) throws Exception {
        int mongoPort = freePort();
        String[] args = {"--server.port=0", "--foubot.store.mongodb-uri=mongodb://127.0.0.1:" + mongoPort + "/foubot",
                "--foubot.store.retry-interval=200ms", "--foubot.store.connect-timeout=300ms", "--foubot.admin.token=unreachable-admin"};
        try (ConfigurableApplicationContext bot = new org.springframework.boot.SpringApplication(FouBotApplication.class)
                .run(args)) {
            int port = bot.getBean(Environment.class).getRequiredProperty("local.server.port", Integer.class);
            HttpResponse<String> down = health(port);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"mongodb\":{\"details\":").contains("\"status\":\"DOWN\"");

            Thread.sleep(1500); // several retry rounds
            assertThat(output.getOut().lines().filter(l -> l.contains("event=store_unreachable"))).hasSize(1);
            assertThat(output.getOut()).doesNotContain("at com.mongodb.").doesNotContain("MongoTimeoutException:");

            try (EmbeddedMongoStore mongo = EmbeddedMongoStore.start(dir, mongoPort)) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(health(port).statusCode()).isEqualTo(200));
                await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("event=store_reachable again=true"));
            }
        }
    }

    private static HttpResponse<String> health(int port) throws IOException, InterruptedException {
        return se.foubot.support.Http.get(port, "/actuator/health", "unreachable-admin");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

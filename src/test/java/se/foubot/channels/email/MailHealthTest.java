package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import se.foubot.FouBotApplication;

/** A mailbox that cannot be read makes the mail part of health DOWN, with the reason; the bot keeps running. */
class MailHealthTest {

    @TempDir
    Path dataDir;

    @Test
    void anUnreachableMailboxIsDownInHealth() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (ConfigurableApplicationContext bot = new SpringApplication(FouBotApplication.class).run("--server.port=0",
                "--foubot.store.data-dir=" + dataDir, "--foubot.mail.imap-url=imap://fou:fou@127.0.0.1:" + closed + "/INBOX",
                "--foubot.mail.smtp-url=smtp://127.0.0.1:" + closed, "--foubot.admin.token=mail-health-admin")) {
            bot.getBean(MailboxReader.class).poll();
            int port = bot.getBean(Environment.class).getRequiredProperty("local.server.port", Integer.class);
            HttpResponse<String> health = se.foubot.support.Http.get(port, "/actuator/health", "mail-health-admin");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"mail\":{\"details\":{\"server\":\"external\",\"mailbox\":")
                    .contains("\"mongodb\":{\"details\":{\"store\":\"embedded\"");
        }
    }
}

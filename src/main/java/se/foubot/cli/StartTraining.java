package se.foubot.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -XX:ArchiveClassesAtExit=fou-bot.jsa -jar fou-bot.jar start-training}: the class-data archive's training
 * run ({@code ops/start/cds-archive.sh}). Starts the bot as it always starts, until it is ready, asks {@code /readyz}
 * once as Kubernetes does, then stops; the JVM writes every class the run loaded into the archive as it exits. It goes
 * to the end of the start and one request because a run that stopped at the context's refresh left out what a start
 * still loads after it: the web server's start, the ready events' work, the first request's path through Tomcat,
 * Spring MVC and the health endpoint (about 2,000 classes).
 */
final class StartTraining {

    private StartTraining() {
    }

    /** The exit status: 0 when the bot answered ready, 1 otherwise (the archive is written either way). */
    static int run(SpringApplication bot, String[] args, PrintStream err) {
        // run returns once the bot is ready: after the ready events, readiness accepting traffic
        try (ConfigurableApplicationContext context = bot.run(args)) {
            String port = context.getEnvironment().getProperty("local.server.port");
            if (port == null) {
                err.println("start-training: the bot has no web server, so /readyz was not asked");
                return 1;
            }
            int status = readyz(Integer.parseInt(port));
            if (status != 200) {
                err.println("start-training: /readyz answered " + status);
                return 1;
            }
            return 0;
        }
    }

    private static int readyz(int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(30)).build();
        try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}

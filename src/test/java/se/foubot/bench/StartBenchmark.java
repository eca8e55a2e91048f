package se.foubot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Start to ready as the operator and Kubernetes see it: a new {@code java} process, timed from its launch until
 * {@code GET /readyz} answers 200, three ways, round by round: {@code java -jar target/fou-bot.jar}; the jar extracted;
 * the extracted jar with the class-data archive that {@code ops/start/cds-archive.sh} makes from a training run (the
 * script the Dockerfile runs). Needs the jar: {@code mvn -B -ntp -DskipTests package} first. Prints figures; asserts
 * nothing about speed. Rounds: {@code -Dfoubot.bench.start.rounds} (3).
 */
@Tag("benchmark")
class StartBenchmark {

    private static final Path JAR = Path.of("target/fou-bot.jar");
    private static final Path EXTRACTED = Path.of("target/start-bench");
    private static final int ROUNDS = Integer.getInteger("foubot.bench.start.rounds", 3);

    @Test
    void startToReadyAsAProcess() throws Exception {
        if (!Files.isRegularFile(JAR)) {
            System.out.println("StartBenchmark: no " + JAR + " yet; build it first: mvn -B -ntp -DskipTests package");
            return;
        }
        long t0 = System.nanoTime();
        Process training = new ProcessBuilder("sh", "ops/start/cds-archive.sh", JAR.toString(), EXTRACTED.toString()).inheritIO().start();
        if (training.waitFor() != 0) {
            throw new AssertionError("ops/start/cds-archive.sh failed: " + training.exitValue());
        }
        double trainingSeconds = (System.nanoTime() - t0) / 1e9;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String extractedJar = EXTRACTED.resolve("fou-bot.jar").toString();
        List<Figures.Run> plain = new ArrayList<>();
        List<Figures.Run> extracted = new ArrayList<>();
        List<Figures.Run> archived = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            plain.add(start(List.of(java, "-jar", JAR.toString())));
            extracted.add(start(List.of(java, "-jar", extractedJar)));
            archived.add(start(List.of(java, "-XX:SharedArchiveFile=" + EXTRACTED.resolve("fou-bot.jsa"), "-Xshare:auto", "-jar",
                    extractedJar)));
        }
        System.out.println();
        System.out.println("== fou-bot start to ready as a process (launch until /readyz answers 200; embedded store and mail, "
                + "no Slack; " + Figures.machine() + "); median (min–max) ==");
        System.out.printf("%-44s %s s%n", "java -jar target/fou-bot.jar", Figures.Spread.of(plain, Figures.Run::seconds).format("%.2f"));
        System.out.printf("%-44s %s s%n", "extracted jar", Figures.Spread.of(extracted, Figures.Run::seconds).format("%.2f"));
        Figures.Spread cds = Figures.Spread.of(archived, Figures.Run::seconds);
        System.out.printf("%-44s %s s%n", "extracted jar + class-data archive (CDS)", cds.format("%.2f"));
        System.out.printf("with the archive / plain java -jar (per round): %s×; target ≤ 5 s: %s; the training run took %.1f s%n",
                Figures.ratio(archived, plain, Figures.Run::seconds).format("%.2f"), Figures.verdict(cds.median() <= 5),
                trainingSeconds);
        System.out.println();
    }

    /** Launches {@code command} on a fresh data directory and free ports; the seconds until /readyz answers 200. */
    private static Figures.Run start(List<String> command) throws Exception {
        int port = freePort();
        Path data = Files.createTempDirectory("foubot-start");
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--foubot.mail.embedded-smtp-port=0", "--foubot.mail.embedded-imap-port=0"));
        ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(data.resolve("bot.log").toFile());
        Map<String, String> env = builder.environment();
        for (String outside : List.of("FOUBOT_MONGODB_URI", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET",
                "FOUBOT_IMAP_URL", "FOUBOT_SMTP_URL", "FOUBOT_MANAGEMENT_PORT", "JAVA_TOOL_OPTIONS")) {
            env.remove(outside);
        }
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("FOUBOT_DATA_DIR", data.resolve("data").toString());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).timeout(Duration.ofSeconds(2))
                .build();
        long t0 = System.nanoTime();
        Process bot = builder.start();
        try {
            while (true) {
                if (!bot.isAlive()) {
                    throw new AssertionError("the bot stopped before it was ready; see " + data.resolve("bot.log"));
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(5)) {
                    throw new AssertionError("not ready within 5 minutes; see " + data.resolve("bot.log"));
                }
                Thread.sleep(50);
            }
            return new Figures.Run("start", 1, (System.nanoTime() - t0) / 1e9, Double.NaN, Double.NaN);
        } finally {
            bot.destroy();
            if (!bot.waitFor(30, TimeUnit.SECONDS)) {
                bot.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package se.foubot.channels.slack;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.model.event.MessageEvent;
import com.sun.net.httpserver.HttpServer;

import se.foubot.FouBotApplication;
import se.foubot.bench.Figures;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * Signed message events at a fixed rate into the bot's /slack/events and into a bare Bolt app with an empty
 * handler, in the same run: acks per second and ack latency. Then a claim race of 100 concurrent claimers.
 * Prints figures; asserts only correctness (one winner). Run: {@code mvn -B -ntp test -Pbench}.
 */
@Tag("benchmark")
class SlackAckBenchmark {

    private static final int RATE = 200;
    private static final int SECONDS = 10;

    @Test
    void ackLatencyAtTwoHundredEventsPerSecondAndAClaimRace() throws Exception {
        try (FakeSlackApi fake = new FakeSlackApi();
                ConfigurableApplicationContext bot = new SpringApplication(FouBotApplication.class).run("--server.port=0",
                        "--foubot.store.data-dir=" + Files.createTempDirectory("foubot-slack-bench"),
                        "--logging.level.root=WARN", "--foubot.slack.bot-token=xoxb-bench",
                        "--foubot.slack.signing-secret=" + SlackRequests.SECRET, "--foubot.slack.api-url=" + fake.url(),
                        "--foubot.slack.staff-channel=C0STAFF", "--foubot.slack.channel-messages-per-second=10000",
                        "--foubot.slack.channel-burst=10000",
                        "--foubot.slack.staff-users=" + String.join(",", analysts(100)))) {
            int botPort = bot.getBean(Environment.class).getRequiredProperty("local.server.port", Integer.class);
            HttpServer bare = bareBoltApp(fake.url());
            try {
                String botUrl = "http://127.0.0.1:" + botPort + "/slack/events";
                String bareUrl = "http://127.0.0.1:" + bare.getAddress().getPort() + "/slack/events";
                load(botUrl, RATE, 2, "warm-bot");
                load(bareUrl, RATE, 2, "warm-bare");
                System.out.println();
                System.out.println("== fou-bot Slack ack benchmark (" + RATE + " signed message events/s for " + SECONDS + " s, "
                        + Runtime.getRuntime().availableProcessors() + " cores) ==");
                Figures.Run bareRun = load(bareUrl, RATE, SECONDS, "bare Bolt app, empty handler");
                Figures.Run botRun = load(botUrl, RATE, SECONDS, "fou-bot /slack/events (dedupe + hand-off)");
                System.out.println(bareRun.row());
                System.out.println(botRun.row());
                System.out.printf("p99 ack ≤ 25 ms: %s; fou-bot p99 within 1.5× of the bare app's: %s (%.2f×)%n",
                        Figures.verdict(botRun.p99() <= 25), Figures.verdict(botRun.p99() <= 1.5 * bareRun.p99()),
                        botRun.p99() / bareRun.p99());
                // let the work behind the acks finish, so the race measures claims and not a backlog
                var workers = (java.util.concurrent.ThreadPoolExecutor) bot.getBean("slackWorkers");
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while ((!workers.getQueue().isEmpty() || workers.getActiveCount() > 0) && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                claimRace(bot.getBean(TaskService.class), botPort);
                System.out.println();
            } finally {
                bare.stop(0);
            }
        }
    }

    private static List<String> analysts(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add("UBENCH" + i);
        }
        return ids;
    }

    /** Sends signed DM events open-loop at {@code rate}/s; returns acks/s and ack latency. */
    private static Figures.Run load(String url, int rate, int seconds, String name) throws Exception {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                return;
            }
            senders.execute(() -> {
                String body = SlackRequests.eventEnvelope("EvB" + name.hashCode() + "-" + n,
                        SlackRequests.dm("UBENCHDIST" + (n % 500), "hej"));
                long ts = Instant.now().getEpochSecond();
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                        .header("X-Slack-Request-Timestamp", Long.toString(ts))
                        .header("X-Slack-Signature", SlackRequests.sign(SlackRequests.SECRET, ts, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long t0 = System.nanoTime();
                try {
                    HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t0);
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        done.await(seconds * 3L + 30, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        ticker.shutdownNow();
        senders.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (failed.get() > 0) {
            System.out.println(name + ": " + failed.get() + " requests failed");
        }
        return new Figures.Run(name, sorted.length, elapsed, Figures.percentile(sorted, 50), Figures.percentile(sorted, 99));
    }

    /** The same Bolt app with an empty message handler, behind a bare JDK HTTP server. */
    private static HttpServer bareBoltApp(String apiUrl) throws Exception {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        App app = new App(AppConfig.builder().slack(Slack.getInstance(config)).singleTeamBotToken("xoxb-bare")
                .signingSecret(SlackRequests.SECRET).build());
        app.event(MessageEvent.class, (req, ctx) -> ctx.ack());
        SlackRequestParser parser = new SlackRequestParser(app.config());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/slack/events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
            try {
                Response response = app.run(parser.parse(SlackRequestParser.HttpRequest.builder().requestUri("/slack/events")
                        .queryString(Map.of()).headers(new RequestHeaders(headers)).requestBody(body)
                        .remoteAddress("127.0.0.1").build()));
                byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return server;
    }

    private static void claimRace(TaskService tasks, int botPort) throws Exception {
        SupportTask task = tasks.create("bench-claim", new Requester("slack", "UBENCHREQ", Map.of()),
                new SupportRequest("bromma", "chef", "Stöd med uppföljning.", null, "uppfoljning", null, null, "sv"), List.of());
        List<String> claimers = analysts(100);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        for (String analyst : claimers) {
            results.add(pool.submit(() -> {
                gate.await();
                long t0 = System.nanoTime();
                boolean won = tasks.claim(task.reference(), analyst) instanceof TaskService.Granted;
                return new long[] {System.nanoTime() - t0, won ? 1 : 0};
            }));
        }
        gate.countDown();
        long[] latencies = new long[claimers.size()];
        int winners = 0;
        for (int i = 0; i < results.size(); i++) {
            long[] r = results.get(i).get();
            latencies[i] = r[0];
            winners += (int) r[1];
        }
        pool.shutdown();
        Arrays.sort(latencies);
        System.out.printf("claim race: 100 concurrent claimers, %d winner(s), assignee in store: %s, claim p50 %.2f ms, "
                + "p99 %.2f ms (target exactly 1 winner: %s; p99 ≤ 50 ms: %s)%n", winners,
                tasks.find(task.reference()).orElseThrow().assignee(), Figures.percentile(latencies, 50),
                Figures.percentile(latencies, 99), Figures.verdict(winners == 1),
                Figures.verdict(Figures.percentile(latencies, 99) <= 50));
        if (winners != 1) {
            throw new AssertionError("claim race had " + winners + " winners");
        }
    }
}

package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;

import se.foubot.support.Http;

/**
 * Anyone can send forged Slack requests and requests Tomcat cannot read, as fast as they like: each is refused and
 * counted, and the log gets a minute's bounded number of lines of each kind, not one per request. A context of its
 * own: the flood spends the minute's lines that other tests' refusals would look for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}"})
@ExtendWith(OutputCaptureExtension.class)
class RefusalFloodTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();
    private static final int FLOOD = 300;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void slackSettings(DynamicPropertyRegistry registry) {
        SlackRequests.httpMode(registry, SLACK);
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    @Test
    void aFloodOfForgedSlackRequestsIsRefusedAndCountedInFullAndLoggedAMinutesLinesAtMost(CapturedOutput output) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            HttpRequest forged = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                    .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", "1763900000")
                    .header("X-Slack-Signature", "v0=" + "0".repeat(64))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"event_callback\",\"n\":" + i + "}")).build();
            assertThat(client.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
        assertThat(meters.get("foubot.slack.requests").tag("status", "401").timer().count()).isEqualTo(FLOOD);
        assertThat(lines(output, "event=slack_request_refused")).isBetween(1, aMinutesLinesAndOneASecondSince(start)).isLessThan(FLOOD);
    }

    @Test
    void aFloodOfRequestsTheServerCannotReadIsRefusedAndCountedInFullAndLoggedAMinutesLinesAtMost(CapturedOutput output)
            throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            assertThat(Http.raw(port, "GET /x HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header " + i + ": 1\r\n\r\n")).startsWith("HTTP/1.1 400");
        }
        assertThat(meters.get("foubot.http.refused").tag("status", "400").counter().count()).isEqualTo(FLOOD);
        assertThat(lines(output, "event=http_refused_by_server")).isBetween(1, aMinutesLinesAndOneASecondSince(start)).isLessThan(FLOOD);
    }

    /** The burst, and the lines that came back while the flood went on (one a second). */
    private static int aMinutesLinesAndOneASecondSince(long start) {
        return se.foubot.privacy.RefusalLog.LINES_A_MINUTE + (int) ((System.nanoTime() - start) / 1_000_000_000L) + 1;
    }

    private static int lines(CapturedOutput output, String event) {
        return (int) Pattern.compile("\\R").splitAsStream(output.getOut()).filter(l -> l.contains(event)).count();
    }

}

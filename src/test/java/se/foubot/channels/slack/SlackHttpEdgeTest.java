package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.support.Http;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;


/**
 * {@code POST /slack/events} as Slack and other encoders really send it: request bodies stored as raw bytes under
 * {@code src/test/resources/slack/http} (slash commands, block_actions and view_submission form bodies percent-encoded
 * the way Slack does it and the way other encoders do, JSON events with and without escapes), signed over exactly
 * those bytes. Then what an attacker sends: unsigned, stale, from the future, oversized, garbage, log injection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.slack.channel-messages-per-second=200",
                "foubot.slack.channel-burst=50", "logging.level.se.foubot=DEBUG", "logging.level.org.springframework.web=DEBUG"})
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class SlackHttpEdgeTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();
    static final String MARKER = "QX7-body-must-never-be-logged";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    SlackIdentity identity;

    SlackRequests slack;

    @DynamicPropertySource
    static void slackSettings(DynamicPropertyRegistry registry) {
        SlackRequests.httpMode(registry, SLACK);
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    @BeforeEach
    void setUp() {
        slack = new SlackRequests(port, clock);
    }

    static byte[] fixture(String name) {
        try (InputStream in = SlackHttpEdgeTest.class.getResourceAsStream("/slack/http/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    @ParameterizedTest
    @ValueSource(strings = {"command-slack.form", "command-rfc3986.form", "command-lenient.form", "command-raw-utf8.form",
            "command-jdk.form"})
    void aSignedSlashCommandIsAcceptedHoweverItIsPercentEncodedAndItsTextReadExactly(String name) throws Exception {
        HttpResponse<String> response = slack.signedBytes(fixture(name), FORM);
        assertThat(response.statusCode()).isEqualTo(200);
        // "/fou forum ändra <id>" answers at once with the id it read: spaces, *, / and ~ all came through
        assertThat(response.body()).contains("Inget planerat möte heter ”möte*1/2~3 a b”");
    }

    /**
     * The app installed in a second workspace sends with the same signing secret: its people are not the city's staff.
     * Their posts, commands and clicks are answered 200 (anything else makes Slack retry and, in the end, switch the
     * events off) and do nothing; a command hears why. A person of another workspace in a channel shared with the bot's
     * own is named with the bot's installation, and is answered as usual.
     */
    @Test
    void aRequestFromAnotherWorkspaceDoesNothingAndACommandFromThereHearsWhy(CapturedOutput output) throws Exception {
        String otherWorkspace = "{\"token\":\"x\",\"team_id\":\"T0OTHER\",\"api_app_id\":\"A0FOU\",\"type\":\"event_callback\","
                + "\"event_id\":\"EvOtherWs1\",\"authorizations\":[{\"team_id\":\"T0OTHER\",\"user_id\":\"U0OTHERBOT\",\"is_bot\":true}],"
                + "\"event\":" + SlackRequests.dm("UOTHERWS1", "stöd") + "}";
        assertThat(slack.signed(otherWorkspace, "application/json", java.util.Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> command = slack.command(SlackRequests.commandBody("UOTHERWS2", "stöd").replace("team_id=T0FOU",
                "team_id=T0OTHER"));
        assertThat(command.statusCode()).isEqualTo(200);
        assertThat(command.body()).isEqualTo("{\"text\":\"Den här tjänsten tar bara emot frågor från sin egen Slack-arbetsyta.\"}");
        String click = SlackRequests.clickBody("UOTHERWS3", "DUOTHERWS3", "1.000100", "answer-0", "hjälp", false)
                .replace("\"team\":{\"id\":\"T0FOU\"}", "\"team\":{\"id\":\"T0OTHER\"}");
        assertThat(slack.interactive(click).statusCode()).isEqualTo(200);

        // a partner's person in a DM shared through the bot's own installation: answered
        String shared = SlackRequests.eventEnvelope("EvSharedWs1", SlackRequests.dm("UPARTNER1", "hjälp")
                .replace("\"channel_type\":\"im\",", "\"channel_type\":\"im\",\"user_team\":\"T0PARTNER\",\"source_team\":\"T0PARTNER\","));
        assertThat(slack.signed(shared, "application/json", java.util.Map.of()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage",
                c -> c.param("channel").equals("DUPARTNER1") || c.param("channel").equals("UPARTNER1")).isEmpty());

        Thread.sleep(500);
        assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> c.param("channel").contains("OTHERWS"));
        assertThat(SLACK.calls("views.open")).noneMatch(c -> String.valueOf(c.params()).contains("OTHERWS"));
        assertThat(output).contains("event=slack_other_workspace team=T0OTHER").doesNotContain("stöd");
        assertThat(output.toString().split("event=slack_other_workspace", -1)).as("logged once in the hour").hasSize(2);
        assertThat(meters.get("foubot.slack.other.workspace").counter().count()).as("each counted").isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"block-actions-slack.form", "block-actions-rfc3986.form", "block-actions-lenient.form",
            "block-actions-jdk.form"})
    void aSignedButtonClickIsAcceptedWithStarsAndSlashesEncodedEitherWay(String name) throws Exception {
        String user = name.equals("block-actions-slack.form") ? "UENCBA1" : name.equals("block-actions-rfc3986.form") ? "UENCBA2"
                : name.equals("block-actions-lenient.form") ? "UENCBA3" : "UENCBA4";
        assertThat(slack.signedBytes(fixture(name), FORM).statusCode()).isEqualTo(200);
        // the click ("hjälp") goes into the person's conversation, which answers in the message's channel
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage",
                c -> c.param("channel").equals("D" + user)).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"view-submission-slack.form", "view-submission-rfc3986.form", "view-submission-lenient.form"})
    void aSignedModalSubmissionIsAcceptedAndAnsweredInTheModal(String name) throws Exception {
        HttpResponse<String> response = slack.signedBytes(fixture(name), FORM);
        assertThat(response.statusCode()).isEqualTo(200);
        // the person is no coordinator: the refusal shows next to the form
        assertThat(response.body()).contains("\"response_action\":\"errors\"").contains("Bara FoU:s samordnare");
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-message-im-escaped.json", "event-message-im-utf8.json", "event-message-im-bom.json"})
    void aSignedEventIsAcceptedWithOrWithoutEscapesOrAByteOrderMark(String name) throws Exception {
        String user = name.contains("escaped") ? "UENCJS1" : name.contains("bom") ? "UENCJS3" : "UENCJS2";
        assertThat(slack.signedBytes(fixture(name), "application/json").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage",
                c -> c.param("channel").equals("D" + user)).isEmpty());
    }

    @Test
    void aFileSharedInADirectMessageIsAnsweredThatFilesAreNotReadAndItsWordsAsAMessage() throws Exception {
        HttpResponse<String> response = slack.signedBytes(fixture("event-message-im-file_share.json"), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.calls("chat.postMessage", c -> c.param("channel").equals("DUFILE1")).size() >= 2);
        assertThat(SLACK.calls("chat.postMessage", c -> c.param("channel").equals("DUFILE1")).get(0).param("text"))
                .contains("Jag läser inte filer och sparar dem inte");
        assertThat(SLACK.calls("files.info", c -> true)).as("the file is never fetched").isEmpty();
    }

    @Test
    void aFileSharedBySomeoneTalkingEnglishIsAnsweredInEnglish() throws Exception {
        slack.dm("Ev0FILEEN0", "UFILE2", "english");
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage", c -> c.param("channel").equals("DUFILE2")).isEmpty());
        byte[] share = new String(fixture("event-message-im-file_share.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("UFILE1", "UFILE2").replace("Ev0FILESHARE1", "Ev0FILESHARE2").replace("7c1a2b3d", "7c1a2b3e")
                .replace("1763900100.000200", "1763900101.000200").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(slack.signedBytes(share, "application/json").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.calls("chat.postMessage", c -> c.param("channel").equals("DUFILE2")
                && c.param("text").contains("files")).size() >= 1);
        assertThat(SLACK.calls("chat.postMessage", c -> c.param("channel").equals("DUFILE2")).stream().map(c -> c.param("text")))
                .noneMatch(t -> t.contains("Jag läser inte filer"));
    }

    @Test
    void aThreadReplyAlsoSentToTheDirectMessageIsAnswered() throws Exception {
        HttpResponse<String> response = slack.signedBytes(fixture("event-message-im-thread_broadcast.json"), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("chat.postMessage", c -> c.param("channel").equals("DUBCAST1")).isEmpty());
    }

    @Test
    void anAnswerWithSwedishLettersIsBoltsJsonSentAsUtf8WithItsLengthInBytesAndNoCookie() throws Exception {
        HttpResponse<String> response = slack.signedBytes(fixture("command-slack.form"), FORM);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow().toLowerCase(java.util.Locale.ROOT))
                .startsWith("application/json").contains("utf-8");
        byte[] utf8 = response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // å, ä, ö and the quotation marks are two or three bytes each: a length in chars would cut the answer short
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(utf8.length);
        assertThat(utf8.length).isGreaterThan(response.body().length());
        assertThat(response.headers().map()).doesNotContainKey("set-cookie");
    }

    @Test
    void slacksNoticeThatItRateLimitsTheAppIsAcknowledgedAndLoggedOnceAMinuteNamingWhetherItIsTheBotsWorkspace(CapturedOutput output)
            throws Exception {
        // as Slack sends it to the request URL when the app gets more than 30,000 events an hour in a workspace
        String notice = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"type\":\"app_rate_limited\",\"team_id\":\"%s\","
                + "\"minute_rate_limited\":1518467820,\"api_app_id\":\"A123456\"}";
        await().atMost(Duration.ofSeconds(10)).until(() -> identity.known().isPresent()); // Slack has said who the bot is
        for (String team : new String[] {"T0FOU", "T123456", "T0FOU", "T123456"}) {
            assertThat(slack.signed(notice.formatted(team), "application/json", java.util.Map.of()).statusCode()).isEqualTo(200);
        }
        assertThat(output.toString().lines().filter(l -> l.contains("event=slack_app_rate_limited team=T0FOU ")))
                .singleElement().satisfies(l -> assertThat(l).contains("WARN").contains("not sending events"));
        assertThat(output.toString().lines().filter(l -> l.contains("event=slack_app_rate_limited team=T123456 ")))
                .as("another workspace the app is installed in").singleElement()
                .satisfies(l -> assertThat(l).contains("INFO").contains("own=false"));

        // helper 97: a holder of the secret naming a new workspace in each notice; helper 98: more of them than the
        // window remembers, the bot's own among them
        for (int i = 0; i < 1_100; i++) {
            slack.signed(notice.formatted(i % 100 == 0 ? "T0FOU" : "TFLOOD" + i), "application/json", java.util.Map.of());
        }
        assertThat(output.toString().lines().filter(l -> l.contains("event=slack_app_rate_limited team=T0FOU "))).as("still once a minute")
                .hasSize(1);
        assertThat(output.toString().lines().filter(l -> l.contains("event=slack_app_rate_limited team=TFLOOD")).count())
                .as("a refusal's lines a minute (refilled one a second as the flood goes on), not one a notice")
                .isLessThan(se.foubot.privacy.RefusalLog.LINES_A_MINUTE + 20);
    }

    @Test
    void aWellFormedPayloadOfAKindSlackAddedLaterIsAcknowledgedWithoutLoggingItsKind(CapturedOutput output) throws Exception {
        String kind = "future_kind_" + MARKER;
        String form = "payload=" + java.net.URLEncoder.encode("{\"type\":\"" + kind + "\",\"user\":{\"id\":\"UFUTURE1\"},"
                + "\"team\":{\"id\":\"T1\"}}", java.nio.charset.StandardCharsets.UTF_8);
        assertThat(slack.signed(form, FORM, java.util.Map.of()).statusCode()).isEqualTo(200);
        assertThat(slack.signed("{\"type\":\"" + kind + "\",\"team_id\":\"T1\"}", "application/json", java.util.Map.of())
                .statusCode()).isEqualTo(200);
        // not a Slack payload at all: still unreadable
        assertThat(slack.signed("payload=" + java.net.URLEncoder.encode("[1,2]", java.nio.charset.StandardCharsets.UTF_8), FORM,
                java.util.Map.of()).statusCode()).isEqualTo(400);
        Thread.sleep(300);
        assertThat(output).contains("event=slack_request_unhandled kind=unknown").doesNotContain(MARKER);
    }

    @Test
    void everyAnswerIsCountedAndTimedByItsStatus() throws Exception {
        long answered = requests("200");
        long refused = requests("401");
        assertThat(slack.signedBytes(fixture("command-slack.form"), FORM).statusCode()).isEqualTo(200);
        assertThat(slack.sendBytes(fixture("command-slack.form"), FORM, Long.toString(slack.now()), "v0=00").statusCode())
                .isEqualTo(401);
        assertThat(requests("200")).isEqualTo(answered + 1);
        assertThat(requests("401")).isEqualTo(refused + 1);
    }

    private long requests(String status) {
        var timer = meters.find("foubot.slack.requests").tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    @ParameterizedTest
    @ValueSource(strings = {"event-message-im-me_message.json", "shortcut-unknown.form"})
    void aSignedRequestNothingHandlesIsAcknowledgedNever404(String name) throws Exception {
        HttpResponse<String> response = slack.signedBytes(fixture(name), name.endsWith(".form") ? FORM : "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aBodySignedInOneEncodingAndSentInAnotherIsRefused() throws Exception {
        long now = slack.now();
        String signatureOfSlacksBytes = SlackRequests.sign(SlackRequests.SECRET, now, fixture("command-slack.form"));
        HttpResponse<String> response = slack.sendBytes(fixture("command-lenient.form"), FORM, Long.toString(now),
                signatureOfSlacksBytes);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("möte");
    }

    @Test
    void unsignedStaleFutureAndForgedRequestsGet401(CapturedOutput output) throws Exception {
        byte[] body = fixture("event-message-im-utf8.json");
        long now = slack.now();
        String ts = Long.toString(now);
        assertThat(slack.sendBytes(body, "application/json", null, null).statusCode()).as("no headers").isEqualTo(401);
        assertThat(slack.sendBytes(body, "application/json", ts, null).statusCode()).as("no signature").isEqualTo(401);
        assertThat(slack.sendBytes(body, "application/json", null, SlackRequests.sign(SlackRequests.SECRET, now, body))
                .statusCode()).as("no timestamp").isEqualTo(401);
        assertThat(slack.sendBytes(body, "application/json", ts, SlackRequests.sign("wrong-secret", now, body)).statusCode())
                .as("wrong secret").isEqualTo(401);
        for (long offset : new long[] {-6 * 60, 6 * 60, 365L * 24 * 3600}) {
            String stamp = Long.toString(now + offset);
            assertThat(slack.sendBytes(body, "application/json", stamp, SlackRequests.sign(SlackRequests.SECRET, now + offset, body))
                    .statusCode()).as("timestamp %+d s", offset).isEqualTo(401);
        }
        assertThat(slack.sendBytes(body, "application/json", "soon", "v0=00").statusCode()).as("garbage timestamp").isEqualTo(401);
        long nearlyStale = now - 4 * 60;
        String fresh = "{\"token\":\"x\",\"team_id\":\"T0FOU\",\"api_app_id\":\"A0FOU\",\"type\":\"event_callback\",\"event_id\":\"Ev0NEARLY\","
                + "\"event_time\":1,\"event\":{\"type\":\"app_home_opened\",\"user\":\"UNEARLY\",\"channel\":\"D1\",\"tab\":\"messages\"}}";
        assertThat(slack.sendBytes(fresh.getBytes(StandardCharsets.UTF_8), "application/json", Long.toString(nearlyStale),
                SlackRequests.sign(SlackRequests.SECRET, nearlyStale, fresh)).statusCode()).as("four minutes old").isEqualTo(200);
        Thread.sleep(300);
        assertThat(SLACK.calls("chat.postMessage", c -> c.param("channel").equals("DUENCJS2") && c.param("text").contains("forged")))
                .isEmpty();
        assertThat(output).contains("event=slack_request_refused reason=stale_timestamp").doesNotContain("\tat ");
    }

    @Test
    void anUnsignedEventCallbackWithoutHeadersIs401WithoutAStackTrace(CapturedOutput output) throws Exception {
        HttpResponse<String> response = slack.sendBytes("{\"type\":\"event_callback\"}".getBytes(StandardCharsets.UTF_8),
                "application/json", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(output).doesNotContain("NullPointerException").doesNotContain("\tat ");
    }

    @Test
    void signedButUnreadableRequestsGetA4xxNeverA500AndNoBodyIsLogged(CapturedOutput output) throws Exception {
        String[][] bodies = {
                {"{\"type\":\"event_callback\"}", "application/json"},
                {"{\"type\":\"event_callback\",\"event\":\"" + MARKER + "\"}", "application/json"},
                {"{\"type\":\"" + MARKER + "\"}", "application/json"},
                {"not json at all " + MARKER, "application/json"},
                {"[1,2,3]", "application/json"},
                {"", "application/json"},
                {"foo=" + MARKER, FORM},
                {"payload=%ZZ" + MARKER, FORM},
                {"payload=" + MARKER, FORM},
                {"payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%2C%22actions%22%3A%5B%5D%7D", FORM},
                {"payload=%7B%22type%22%3A%22view_submission%22%7D", FORM},
                {"command=%2Ffou&text=" + MARKER, FORM},
                // Spring's multipart parser once took this on its way to Bolt, and answered 500
                {"--b\r\nContent-Disposition: form-data; name=\"payload\"\r\n\r\n{\"t\":\"" + MARKER + "\"}\r\n--b--\r\n",
                        "multipart/form-data; boundary=b"},
        };
        for (String[] b : bodies) {
            HttpResponse<String> response = slack.signed(b[0], b[1], java.util.Map.of());
            assertThat(response.statusCode()).as(b[0]).isIn(200, 400, 404);
        }
        byte[] binary = new byte[4096];
        new java.util.Random(13).nextBytes(binary);
        assertThat(slack.signedBytes(binary, "application/octet-stream").statusCode()).isIn(200, 400, 404);
        Thread.sleep(300);
        assertThat(output).doesNotContain(MARKER).doesNotContain("\tat ");
    }

    @Test
    void whatASignedRequestNothingHandlesNamesNeverReachesTheLog(CapturedOutput output) throws Exception {
        // Bolt warns about a command, action or callback it has no handler for, quoting the name the body gave
        String forged = "%0AFORGED%20ERROR%20" + MARKER + "%1B%5B31m";
        String[] bodies = {
                "command=%2Fx" + forged + "&text=a&user_id=UFORGE&channel_id=C1&team_id=T1",
                "payload=" + java.net.URLEncoder.encode("{\"type\":\"shortcut\",\"callback_id\":\"x\\nFORGED " + MARKER
                        + "\",\"user\":{\"id\":\"UFORGE\"},\"team\":{\"id\":\"T1\"}}", java.nio.charset.StandardCharsets.UTF_8),
                "payload=" + java.net.URLEncoder.encode("{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"x\\nFORGED "
                        + MARKER + "\",\"block_id\":\"b\"}],\"user\":{\"id\":\"UFORGE\"},\"team\":{\"id\":\"T1\"}}",
                        java.nio.charset.StandardCharsets.UTF_8),
        };
        for (String body : bodies) {
            assertThat(slack.signed(body, FORM, java.util.Map.of()).statusCode()).as(body).isEqualTo(200);
        }
        Thread.sleep(300);
        assertThat(output).doesNotContain(MARKER).doesNotContain("FORGED");
    }

    @Test
    void aSignedRequestWhoseIdsAreNotSlacksIsRefusedAndNothingOfThemIsLogged(CapturedOutput output) throws Exception {
        String forged = "U1\n2026-12-04T20:00:00.000Z  INFO 1 --- [main] se.foubot.Forged : event=FORGED " + MARKER + "\u001b[31m";
        String json = forged.replace("\n", "\\n").replace("\u001b", "\\u001b");
        String form = java.net.URLEncoder.encode(forged, java.nio.charset.StandardCharsets.UTF_8);
        String[][] bodies = {
                // a slash command, a direct message, a click: each from a "user" whose id carries a log line
                {"command=%2Ffou&text=hj%C3%A4lp&user_id=" + form + "&channel_id=D1&team_id=T1", FORM},
                {"{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"EvForged1\",\"event\":{\"type\":\"message\","
                        + "\"channel_type\":\"im\",\"channel\":\"D1\",\"user\":\"" + json + "\",\"text\":\"hej\",\"ts\":\"1.1\"}}",
                        "application/json"},
                {"{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"" + json + "\",\"event\":{\"type\":\"message\","
                        + "\"channel_type\":\"im\",\"channel\":\"D1\",\"text\":\"hej\",\"ts\":\"1.2\"}}", "application/json"},
                {"payload=" + java.net.URLEncoder.encode("{\"type\":\"block_actions\",\"user\":{\"id\":\"" + json + "\"},"
                        + "\"team\":{\"id\":\"T1\"},\"channel\":{\"id\":\"D1\"},\"actions\":[{\"action_id\":\"answer-0\","
                        + "\"block_id\":\"b\",\"value\":\"hjälp\"}]}", java.nio.charset.StandardCharsets.UTF_8), FORM},
        };
        for (String[] b : bodies) {
            HttpResponse<String> response = slack.signed(b[0], b[1], java.util.Map.of());
            assertThat(response.statusCode()).as(b[0]).isEqualTo(400);
        }
        Thread.sleep(500);
        assertThat(output).doesNotContain(MARKER).doesNotContain("FORGED").contains("reason=malformed_id id=user");
        assertThat(SLACK.calls("chat.postMessage", c -> c.param("channel").equals("D1"))).isEmpty();
    }

    @Test
    void aBodyTooLargeAnnouncedWithExpectContinueIsRefusedBeforeTheClientIsAskedToSendIt() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            // headers only, as a client that waits for "100 Continue" sends them
            socket.getOutputStream().write(("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000000\r\nExpect: 100-continue\r\nX-Slack-Request-Timestamp: " + slack.now()
                    + "\r\nX-Slack-Signature: v0=00\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        // one that fits is asked for its body, then read and answered
        String body = "{\"type\":\"url_verification\",\"challenge\":\"c1\"}";
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            long now = slack.now();
            socket.getOutputStream().write(("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nExpect: 100-continue\r\nX-Slack-Request-Timestamp: " + now
                    + "\r\nX-Slack-Signature: " + SlackRequests.sign(SlackRequests.SECRET, now, body) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 100");
            socket.getOutputStream().write(body.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.isEmpty());
            assertThat(line).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void anotherMethodThanPostIsAnswered405WithAllowInJsonAndLeavesNoWarning(CapturedOutput output) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH", "FORGED")) {
            HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/slack/events")).method(method,
                    java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).as(method).contains("\"status\":").doesNotContain("<html").doesNotContain("Exception");
            if (method.equals("FORGED")) {
                // a method HTTP does not know: Tomcat's 400, in the same JSON
                assertThat(response.statusCode()).isEqualTo(400);
                continue;
            }
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("POST");
        }
        // a form body by those methods is not read: not the 500 and stack trace of a malformed one, nor a large one whole
        for (String path : List.of("/slack/events", "/api/tasks", "/", "/nope")) {
            for (String method : List.of("PUT", "PATCH", "DELETE")) {
                HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + port + path)).header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("x=%ZZ" + MARKER)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(method + " " + path).isIn(302, 401, 403, 404, 405);
            }
        }
        assertThat(output).doesNotContain("FORGED").doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain(MARKER);
    }

    @Test
    void aSignedEventWhoseUserChannelOrTimeIsNoneOfSlacksIsRefusedAndOneThatNamesNoChannelIsDroppedWithoutAnAlert() throws Exception {
        for (String odd : List.of("\"channel\":[\"C1\"],\"user\":\"U5\"", "\"channel\":{\"id\":\"D5\"},\"user\":\"U5\"",
                "\"channel\":123,\"user\":\"U5\"", "\"channel\":\"D5\",\"user\":[\"U1\"]", "\"channel\":\"D5\",\"user\":12345",
                "\"channel\":\"D5\",\"user\":{}", "\"channel\":\"D5\",\"user\":\"U5\",\"ts\":\"1.2\\nevent=forged\"",
                "\"channel\":\"D5\",\"user\":\"U5\",\"ts\":\"\"", "\"channel\":\"D5\",\"user\":\"U5\",\"thread_ts\":[\"1.2\"]")) {
            String event = "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"EvOdd" + Math.abs(odd.hashCode())
                    + "\",\"event\":{\"type\":\"message\",\"channel_type\":\"im\"," + odd + ",\"text\":\"hej\""
                    + (odd.contains("\"ts\"") ? "" : ",\"ts\":\"1.5\"") + "}}";
            assertThat(slack.signed(event, "application/json", java.util.Map.of()).statusCode()).as(odd).isEqualTo(400);
        }
        assertThat(slack.signed("{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"EvNoChannel\",\"event\":{"
                + "\"type\":\"message\",\"channel_type\":\"im\",\"channel\":null,\"user\":\"U5\",\"text\":\"hej\",\"ts\":\"1.6\"}}",
                "application/json", java.util.Map.of()).statusCode()).isEqualTo(200);
        Thread.sleep(1_000);
        // nothing answered, nothing parked, no alert to the staff channel
        assertThat(SLACK.calls("chat.postMessage")).noneMatch(c -> c.param("channel").equals("U5") || c.param("channel").equals("123")
                || c.param("text").contains("kunde inte behandlas"));
    }

    @Test
    void aSignedRequestWhoseWorkspaceIdIsNotSlacksIsRefusedAndNothingOfItIsLogged(CapturedOutput output) throws Exception {
        String forged = "T1\n2026-12-05T08:00:00.000Z  INFO 1 --- [main] se.foubot.Forged : event=FORGED " + MARKER;
        String json = forged.replace("\n", "\\n");
        String form = java.net.URLEncoder.encode(forged, java.nio.charset.StandardCharsets.UTF_8);
        String[][] bodies = {
                {"command=%2Ffou&text=hj%C3%A4lp&user_id=U1&channel_id=D2&team_id=" + form, FORM},
                {"command=%2Ffou&text=hj%C3%A4lp&user_id=U1&channel_id=D2&team_id=T1&enterprise_id=" + form, FORM},
                {"{\"type\":\"event_callback\",\"team_id\":\"" + json + "\",\"event_id\":\"EvTeam1\",\"event\":{\"type\":\"message\","
                        + "\"channel_type\":\"im\",\"channel\":\"D2\",\"user\":\"U1\",\"text\":\"hej\",\"ts\":\"1.1\"}}",
                        "application/json"},
                {"{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"EvTeam2\",\"event\":{\"type\":\"message\","
                        + "\"channel_type\":\"im\",\"channel\":\"D2\",\"user\":\"U1\",\"team\":\"" + json + "\",\"text\":\"hej\",\"ts\":\"1.2\"}}",
                        "application/json"},
                {"payload=" + java.net.URLEncoder.encode("{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\",\"team_id\":\"" + json
                        + "\"},\"team\":{\"id\":\"T1\"},\"channel\":{\"id\":\"D2\"},\"actions\":[{\"action_id\":\"answer-0\","
                        + "\"block_id\":\"b\",\"value\":\"hjälp\"}]}", java.nio.charset.StandardCharsets.UTF_8), FORM},
                {"payload=" + java.net.URLEncoder.encode("{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"team\":{\"id\":\""
                        + json + "\"},\"channel\":{\"id\":\"D2\"},\"actions\":[{\"action_id\":\"answer-0\","
                        + "\"block_id\":\"b\",\"value\":\"hjälp\"}]}", java.nio.charset.StandardCharsets.UTF_8), FORM},
        };
        for (String[] b : bodies) {
            assertThat(slack.signed(b[0], b[1], java.util.Map.of()).statusCode()).as(b[0]).isEqualTo(400);
        }
        // not a text where an id should be (an array, an object, a number), or named in the envelope's authorizations
        for (String odd : List.of("\"team_id\":[\"" + json + "\"]", "\"team_id\":{\"id\":\"T1\"}", "\"team_id\":123",
                "\"team_id\":\"T1\",\"authorizations\":[{\"team_id\":\"" + json + "\"}]",
                "\"team_id\":\"T1\",\"context_team_id\":\"" + json + "\"")) {
            String event = "{\"type\":\"event_callback\"," + odd + ",\"event_id\":\"EvTeam3\",\"event\":{\"type\":\"message\","
                    + "\"channel_type\":\"im\",\"channel\":\"D2\",\"user\":\"U1\",\"text\":\"hej\",\"ts\":\"1.3\"}}";
            assertThat(slack.signed(event, "application/json", java.util.Map.of()).statusCode()).as(odd).isEqualTo(400);
        }
        // an organisation id left empty, as in a workspace that belongs to none, is no id
        assertThat(slack.signed("{\"type\":\"event_callback\",\"team_id\":\"T1\",\"enterprise_id\":\"\",\"event_id\":\"EvTeam4\","
                + "\"event\":{\"type\":\"message\",\"channel_type\":\"im\",\"channel\":\"D3\",\"user\":\"U3\",\"text\":\"hej\","
                + "\"ts\":\"1.4\"}}", "application/json", java.util.Map.of()).statusCode()).isEqualTo(200);
        Thread.sleep(500);
        assertThat(output).doesNotContain(MARKER).doesNotContain("FORGED").contains("reason=malformed_id id=team");
        assertThat(SLACK.calls("chat.postMessage", c -> c.param("channel").equals("D2"))).isEmpty();
    }

    @Test
    void unsignedBodiesNeverReachTheLogAndCannotForgeALogLine(CapturedOutput output) throws Exception {
        String forged = "{\"type\":\"event_callback\",\"event\":{\"text\":\"" + MARKER + "\"}}\nevent=forged_line user=UADMIN\r\n";
        slack.sendBytes(forged.getBytes(StandardCharsets.UTF_8), "application/json", null, null);
        slack.sendBytes(forged.getBytes(StandardCharsets.UTF_8), FORM, Long.toString(slack.now()), "v0=deadbeef");
        assertThat(output).doesNotContain(MARKER).doesNotContain("forged_line");
    }

    @Test
    void aBodyOverTheLimitGets413WithoutBeingReadOrLogged(CapturedOutput output) throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');
        System.arraycopy(MARKER.getBytes(StandardCharsets.US_ASCII), 0, big, 0, MARKER.length());
        assertThat(slack.signedBytes(big, "application/json").statusCode()).as("signed, with Content-Length").isEqualTo(413);
        // chunked: no Content-Length to refuse on, so the limit applies while reading
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/slack/events")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as("unsigned, chunked").isEqualTo(413);
        byte[] justRight = Arrays.copyOf(fixture("event-message-im-utf8.json"), 1024 * 1024);
        Arrays.fill(justRight, fixture("event-message-im-utf8.json").length, justRight.length, (byte) ' ');
        assertThat(slack.signedBytes(justRight, "application/json").statusCode()).as("exactly 1 MB").isNotEqualTo(413);
        assertThat(output).contains("reason=too_large").doesNotContain(MARKER);
    }

    @Test
    void aBodyThatEndsBeforeItsContentLengthGetsTheSame400AsAnyUnreadableRequest(CapturedOutput output) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            byte[] head = ("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n{\"type\":\"event_callback\",\"" + MARKER).getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(head);
            socket.getOutputStream().flush();
            socket.shutdownOutput(); // the client is done: the body ends short of the 200 bytes it declared
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("{\"error\":\"bad request\"}")
                    .doesNotContain("\"path\"").doesNotContain("timestamp");
        }
        assertThat(output).contains("reason=unreadable_body status=400").doesNotContain(MARKER);
    }

    @Test
    void aBodyThatStallsIsAnswered408AfterTheReadTimeoutNotAMinuteLater() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(40_000);
            long start = System.nanoTime();
            socket.getOutputStream().write(("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 200\r\n\r\n{\"type\":").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush(); // and then nothing more: the connection stays open
            byte[] first = new byte[12];
            int read = socket.getInputStream().readNBytes(first, 0, first.length);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(new String(first, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 408");
            // FOUBOT_HTTP_READ_TIMEOUT is 10 s; Tomcat's default was 60 s (a wide margin: only the order of it matters)
            assertThat(seconds).isBetween(5.0, 35.0);
        }
    }

    @Test
    void aHeaderTheServerCannotParseIsRefusedWithoutItsTextReachingTheLog(CapturedOutput output) throws Exception {
        for (int i = 0; i < 3; i++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slack-Signature: \u0001"
                        + MARKER + " event=task_claimed\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 400");
            }
        }
        assertThat(output).doesNotContain(MARKER);
    }

    @Test
    void whatTheServerRefusesBeforeAnyRouteIsAnsweredInJsonLikeTheBotsOwnRefusalsAndCounted(CapturedOutput output) throws Exception {
        double before = refusedByTheServer(400);
        for (String request : List.of(
                // a request target with a character no URL has, and a header name with a space in it
                "GET /slack/events?x=|" + MARKER + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX Slack" + MARKER + ": 1\r\nContent-Length: 0\r\n\r\n",
                // a method of the client's own words: not in the log line either
                "QXSEVENMETHOD / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header: " + MARKER + "\r\n\r\n")) {
            assertThat(Http.raw(port, request)).startsWith("HTTP/1.1 400").contains("Content-Type: application/json")
                    .endsWith("{\"error\":\"bad request\"}").doesNotContainIgnoringCase("<html")
                    .doesNotContain("Tomcat").doesNotContain(MARKER);
        }
        assertThat(refusedByTheServer(400) - before).isEqualTo(3.0);
        assertThat(output).contains("event=http_refused_by_server status=400 method=GET port=" + port)
                .contains("event=http_refused_by_server status=400 method=other").doesNotContain(MARKER).doesNotContain("QXSEVEN");
        // a TRACE and a path with a parameter in it reach Spring's error answer: the same words, no path or time
        for (String request : List.of("TRACE /slack/events/" + MARKER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                "GET /slack/events;" + MARKER + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) {
            assertThat(Http.raw(port, request)).containsAnyOf("\"status\":405,\"error\":\"method not allowed\"}",
                    "\"status\":400,\"error\":\"bad request\"}").doesNotContain("timestamp").doesNotContain(MARKER);
        }
    }

    private double refusedByTheServer(int status) {
        var counter = meters.find("foubot.http.refused").tag("status", Integer.toString(status)).counter();
        return counter == null ? 0 : counter.count();
    }
}

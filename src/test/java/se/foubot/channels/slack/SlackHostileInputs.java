package se.foubot.channels.slack;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The Slack rows of the hostile-input table: each input class as an attacker or an unusual client sends it to a
 * running bot's {@code POST /slack/events}, with what must happen — refused or handled, nothing lost, no stack trace
 * in the log. Self-contained so that a harness can run it against any bot with Slack's HTTP mode on (signing secret
 * {@link SlackRequests#SECRET}, Web API at {@code slack}) and print the rows with its own.
 */
public final class SlackHostileInputs {

    /** One input class: what was sent, what must happen, what did, and whether that is it. */
    public record Row(String input, String expected, String outcome, boolean ok) {
    }

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MARKER = "QX7-hostile-body";

    private final SlackRequests requests;
    private final FakeSlackApi slack;
    private final Supplier<String> log;
    private final int port;

    /** @param log everything the bot has logged so far (a test's captured output) */
    public SlackHostileInputs(int port, Clock clock, FakeSlackApi slack, Supplier<String> log) {
        this.requests = new SlackRequests(port, clock);
        this.slack = slack;
        this.log = log;
        this.port = port;
    }

    /** One input class, to be run on its own (a harness watches the log around each). */
    public record Case(String input, Callable<Row> check) {
    }

    /** The signing secret the bot must have for these rows ({@code foubot.slack.signing-secret}). */
    public static final String SIGNING_SECRET = SlackRequests.SECRET;

    public List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("slash command as Slack encodes it (%2A, +, %2F)",
                () -> signedForm("Slash command as Slack encodes it (%2A for *, + for space, %2F)", "command-slack.form")));
        cases.add(new Case("slash command as other encoders write it (%20, ~, *)",
                () -> signedForm("Slash command as other encoders write it (%20, raw ~ and *)", "command-rfc3986.form")));
        cases.add(new Case("slash command with raw / and * (minimal encoding)",
                () -> signedForm("Slash command with raw / and * (minimal encoding)", "command-lenient.form")));
        cases.add(new Case("button click on a *bold* message (payload with %2A)",
                () -> signedClick("Button click whose message holds *bold* (payload with %2A)", "block-actions-slack.form", "DUENCBA1")));
        cases.add(new Case("modal submission (view_submission, %2A and ~)",
                () -> signedModal("Modal submission (view_submission, %2A and ~)", "view-submission-slack.form")));
        cases.add(new Case("{\"type\":\"event_callback\"} without any headers", () -> refused("{\"type\":\"event_callback\"} without any headers",
                "{\"type\":\"event_callback\"}".getBytes(StandardCharsets.UTF_8), null, null, 401)));
        cases.add(new Case("10 MB unsigned body", this::tooLarge));
        cases.add(new Case("body with a newline forging a log line", this::logInjection));
        byte[] event = SlackHttpEdgeTest.fixture("event-message-im-utf8.json");
        cases.add(new Case("correctly signed, timestamp a day in the future", () -> {
            long now = requests.now();
            return refused("Correctly signed, timestamp a day in the future", event, Long.toString(now + 86_400),
                    SlackRequests.sign(SlackRequests.SECRET, now + 86_400, event), 401);
        }));
        cases.add(new Case("correctly signed, timestamp 6 minutes old", () -> {
            long now = requests.now();
            return refused("Correctly signed, timestamp 6 minutes old", event, Long.toString(now - 360),
                    SlackRequests.sign(SlackRequests.SECRET, now - 360, event), 401);
        }));
        cases.add(new Case("signed with another secret", () -> {
            long now = requests.now();
            return refused("Signed with another secret", event, Long.toString(now), SlackRequests.sign("not-the-secret", now, event), 401);
        }));
        cases.add(new Case("signed garbage (random bytes, no event, bad %-escapes)", this::signedGarbage));
        cases.add(new Case("one message under two event ids", this::onePostTwoEventIds));
        cases.add(new Case("an app_mention and a message for the same post", this::mentionAndMessage));
        cases.add(new Case("a message whose handling throws (no user)", this::poison));
        cases.add(new Case("a file shared in a DM (subtype file_share)", this::fileShared));
        cases.add(new Case("a shortcut nothing handles; a /me message", this::unhandled));
        return cases;
    }

    private Row fileShared() throws Exception {
        int mark = log.get().length();
        HttpResponse<String> r = requests.signedBytes(SlackHttpEdgeTest.fixture("event-message-im-file_share.json"), "application/json");
        boolean told = answered("DUFILE1", 1) && slack.calls("chat.postMessage", c -> c.param("channel").equals("DUFILE1")
                && c.param("text").contains("läser inte filer")).size() == 1;
        return new Row("A file shared in a DM", "200, told files are not read or kept",
                r.statusCode() + (told ? ", told files are not read or kept" : ", not told"),
                r.statusCode() == 200 && told && slack.calls("files.info").isEmpty() && clean(mark));
    }

    private Row unhandled() throws Exception {
        int mark = log.get().length();
        int shortcut = requests.signedBytes(SlackHttpEdgeTest.fixture("shortcut-unknown.form"), FORM).statusCode();
        int me = requests.signedBytes(SlackHttpEdgeTest.fixture("event-message-im-me_message.json"), "application/json").statusCode();
        return new Row("A shortcut nothing handles; a /me message", "200, 200 (never 404)", shortcut + ", " + me,
                shortcut == 200 && me == 200 && clean(mark));
    }

    private String since(int mark) {
        String all = log.get();
        return all.length() > mark ? all.substring(mark) : "";
    }

    private boolean clean(int mark) {
        String added = since(mark);
        return !added.contains("\tat ") && !added.contains(MARKER);
    }

    private Row signedForm(String input, String fixture) throws Exception {
        int mark = log.get().length();
        HttpResponse<String> r = requests.signedBytes(SlackHttpEdgeTest.fixture(fixture), FORM);
        boolean read = r.body().contains("”möte*1/2~3 a b”");
        return new Row(input, "200, its text read exactly", r.statusCode() + (read ? ", text read exactly" : ", text: " + r.body()),
                r.statusCode() == 200 && read && clean(mark));
    }

    private Row signedClick(String input, String fixture, String channel) throws Exception {
        int mark = log.get().length();
        HttpResponse<String> r = requests.signedBytes(SlackHttpEdgeTest.fixture(fixture), FORM);
        boolean answered = answered(channel, 1);
        return new Row(input, "200, answered in its channel", r.statusCode() + (answered ? ", answered" : ", not answered"),
                r.statusCode() == 200 && answered && clean(mark));
    }

    private Row signedModal(String input, String fixture) throws Exception {
        int mark = log.get().length();
        HttpResponse<String> r = requests.signedBytes(SlackHttpEdgeTest.fixture(fixture), FORM);
        boolean shown = r.body().contains("\"response_action\":\"errors\"");
        return new Row(input, "200, the form's answer shown in it", r.statusCode() + (shown ? ", answer in the form" : ", " + r.body()),
                r.statusCode() == 200 && shown && clean(mark));
    }

    /** The number of posts once no new one has come for half a second (at most ten seconds of waiting). */
    private int quietPostCount() throws InterruptedException {
        int before = slack.calls("chat.postMessage").size();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(500);
            int now = slack.calls("chat.postMessage").size();
            if (now == before) {
                return now;
            }
            before = now;
        }
        return before;
    }

    private Row refused(String input, byte[] body, String timestamp, String signature, int status) throws Exception {
        int mark = log.get().length();
        // posts that earlier rows' work still makes would be counted as this request's: wait until Slack is quiet
        int posts = quietPostCount();
        HttpResponse<String> r = requests.sendBytes(body, "application/json", timestamp, signature);
        Thread.sleep(200);
        boolean untouched = slack.calls("chat.postMessage").size() == posts;
        return new Row(input, status + ", nothing processed", r.statusCode() + (untouched ? ", nothing processed" : ", processed!"),
                r.statusCode() == status && untouched && clean(mark));
    }

    private Row tooLarge() throws Exception {
        int mark = log.get().length();
        byte[] big = new byte[10 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        System.arraycopy(MARKER.getBytes(StandardCharsets.US_ASCII), 0, big, 0, MARKER.length());
        int status;
        try {
            status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException e) {
            // the server answered 413 and closed without reading 10 MB; some clients see only the close
            status = -1;
        }
        boolean logged = since(mark).contains("reason=too_large");
        return new Row("10 MB unsigned body", "413 without reading it, one short log line",
                (status == -1 ? "connection closed after 413" : Integer.toString(status)) + (logged ? ", one line" : ", no line"),
                (status == 413 || status == -1) && logged && clean(mark));
    }

    private Row logInjection() throws Exception {
        int mark = log.get().length();
        String forged = "{\"type\":\"event_callback\",\"event\":{\"text\":\"" + MARKER + "\"}}\nevent=forged_line user=UADMIN\r\n";
        HttpResponse<String> r = requests.sendBytes(forged.getBytes(StandardCharsets.UTF_8), "application/json", null, null);
        boolean forgedLine = since(mark).contains("forged_line");
        return new Row("Body with a newline forging a log line", "401, no forged line, no body in the log",
                r.statusCode() + (forgedLine ? ", forged line logged!" : ", nothing of it logged"),
                r.statusCode() == 401 && !forgedLine && clean(mark));
    }

    private Row signedGarbage() throws Exception {
        int mark = log.get().length();
        byte[] binary = new byte[4096];
        new java.util.Random(13).nextBytes(binary);
        int a = requests.signedBytes(binary, "application/octet-stream").statusCode();
        int b = requests.signed("{\"type\":\"event_callback\"}", "application/json", Map.of()).statusCode();
        int c = requests.signed("payload=%ZZ" + MARKER, FORM, Map.of()).statusCode();
        boolean no500 = a < 500 && b < 500 && c < 500;
        return new Row("Signed garbage: random bytes, an event without event, bad %-escapes", "4xx, never 500, no stack trace",
                a + ", " + b + ", " + c, no500 && clean(mark));
    }

    private Row onePostTwoEventIds() throws Exception {
        String post = "{\"type\":\"message\",\"channel\":\"DUHOSTILE1\",\"channel_type\":\"im\",\"user\":\"UHOSTILE1\","
                + "\"text\":\"jag behöver stöd\",\"ts\":\"1763900000.515151\",\"event_ts\":\"1763900000.515151\"}";
        requests.event("EvHostileTwice1", post);
        requests.event("EvHostileTwice2", post);
        int answers = answersAfterAWhile("DUHOSTILE1");
        return new Row("One message delivered under two event ids", "answered once", answers + " answer(s)", answers == 1);
    }

    private Row mentionAndMessage() throws Exception {
        String text = SlackRequests.json("<@" + FakeSlackApi.BOT_USER + "> jag behöver stöd");
        requests.event("EvHostileBoth1", "{\"type\":\"message\",\"channel\":\"DUHOSTILE2\",\"channel_type\":\"im\",\"user\":\"UHOSTILE2\","
                + "\"text\":" + text + ",\"ts\":\"1763900000.525252\",\"event_ts\":\"1763900000.525252\"}");
        requests.event("EvHostileBoth2", "{\"type\":\"app_mention\",\"channel\":\"DUHOSTILE2\",\"user\":\"UHOSTILE2\",\"text\":" + text
                + ",\"ts\":\"1763900000.525252\",\"event_ts\":\"1763900000.525252\"}");
        int answers = answersAfterAWhile("DUHOSTILE2");
        return new Row("An app_mention and a message for the same post", "answered once", answers + " answer(s)", answers == 1);
    }

    private Row poison() throws Exception {
        int mark = log.get().length();
        String noUser = "{\"type\":\"message\",\"channel\":\"DUHOSTILE3\",\"channel_type\":\"im\",\"text\":\"stöd\","
                + "\"ts\":\"1763900000.535353\",\"event_ts\":\"1763900000.535353\"}";
        requests.event("EvHostilePoison", noUser);
        boolean told = answered("DUHOSTILE3", 1) && slack.calls("chat.postMessage", c -> c.param("channel").equals("DUHOSTILE3"))
                .get(0).param("text").startsWith("Förlåt");
        boolean parked = since(mark).contains("event=dead_letter_parked kind=slack-event key=EvHostilePoison");
        return new Row("A message whose handling throws (a DM event without a user)", "tried 3 times, parked, person told",
                (parked ? "parked" : "not parked") + (told ? ", told politely" : ", not told"), parked && told && clean(mark));
    }

    private boolean answered(String channel, int atLeast) {
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage", c -> c.param("channel").equals(channel))
                    .size() >= atLeast);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    private int answersAfterAWhile(String channel) throws InterruptedException {
        answered(channel, 1);
        Thread.sleep(500);
        return slack.calls("chat.postMessage", c -> c.param("channel").equals(channel)).size();
    }
}

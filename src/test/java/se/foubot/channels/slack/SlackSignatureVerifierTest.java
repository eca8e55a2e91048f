package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import se.foubot.channels.slack.SlackSignatureVerifier.Verdict;

/** The verifier against Slack's own worked example, whose signature was computed by Slack, not by this code. */
class SlackSignatureVerifierTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final long TIMESTAMP = 1531420618;
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static byte[] example() throws IOException {
        try (InputStream in = SlackSignatureVerifierTest.class.getResourceAsStream("/slack/http/slack-docs-signature-example.form")) {
            return in.readAllBytes();
        }
    }

    private static SlackSignatureVerifier at(long epochSecond) {
        return new SlackSignatureVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void slacksDocumentedExampleRequestIsValid() throws IOException {
        assertThat(at(TIMESTAMP).verify(Long.toString(TIMESTAMP), SIGNATURE, example())).isEqualTo(Verdict.VALID);
    }

    @Test
    void timestampsUpToFiveMinutesOffEitherWayAreAcceptedAndNoMore() throws IOException {
        String ts = Long.toString(TIMESTAMP);
        assertThat(at(TIMESTAMP + 300).verify(ts, SIGNATURE, example())).isEqualTo(Verdict.VALID);
        assertThat(at(TIMESTAMP - 300).verify(ts, SIGNATURE, example())).isEqualTo(Verdict.VALID);
        assertThat(at(TIMESTAMP + 301).verify(ts, SIGNATURE, example())).as("stale").isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(at(TIMESTAMP - 301).verify(ts, SIGNATURE, example())).as("from the future").isEqualTo(Verdict.STALE_TIMESTAMP);
    }

    @Test
    void oneChangedByteOrAnotherSecretIsRefused() throws IOException {
        byte[] body = example();
        body[body.length - 1] ^= 1;
        assertThat(at(TIMESTAMP).verify(Long.toString(TIMESTAMP), SIGNATURE, body)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(new SlackSignatureVerifier("another-secret", Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC))
                .verify(Long.toString(TIMESTAMP), SIGNATURE, example())).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(at(TIMESTAMP).verify(Long.toString(TIMESTAMP), SIGNATURE.toUpperCase(), example())).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(at(TIMESTAMP).verify(Long.toString(TIMESTAMP), "v1=" + SIGNATURE.substring(3), example())).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void missingOrMalformedHeadersAreRefused() throws IOException {
        assertThat(at(TIMESTAMP).verify(null, SIGNATURE, example())).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(at(TIMESTAMP).verify(Long.toString(TIMESTAMP), null, example())).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(at(TIMESTAMP).verify("1531420618.5", SIGNATURE, example())).isEqualTo(Verdict.BAD_TIMESTAMP);
        assertThat(at(TIMESTAMP).verify("+1531420618", SIGNATURE, example())).isEqualTo(Verdict.BAD_TIMESTAMP);
        assertThat(at(TIMESTAMP).verify("99999999999999999999", SIGNATURE, example())).isEqualTo(Verdict.BAD_TIMESTAMP);
        assertThat(at(TIMESTAMP).verify("", SIGNATURE, example())).isEqualTo(Verdict.BAD_TIMESTAMP);
    }
}

package se.foubot.channels.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature over the bytes as received: {@code v0=} + hex HMAC-SHA256 of {@code v0:{timestamp}:{body}}
 * with the signing secret, compared in constant time; the timestamp may be at most five minutes off either way
 * (Bolt accepts any future timestamp), by the injected clock.
 */
final class SlackSignatureVerifier {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** ASCII digits only; compiled once, not for every request as {@code String.matches} would. */
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

    /** Why a request was refused; the names go into log lines, never anything the sender wrote. */
    enum Verdict { VALID, MISSING_HEADERS, BAD_TIMESTAMP, STALE_TIMESTAMP, BAD_SIGNATURE }

    private final byte[] secret;
    private final Clock clock;

    SlackSignatureVerifier(String signingSecret, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    Verdict verify(String timestampHeader, String signatureHeader, byte[] body) {
        if (timestampHeader == null || signatureHeader == null) {
            return Verdict.MISSING_HEADERS;
        }
        String stamp = timestampHeader.strip();
        if (!TIMESTAMP.matcher(stamp).matches()) {
            return Verdict.BAD_TIMESTAMP;
        }
        long timestamp = Long.parseLong(stamp);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > TOLERANCE.toSeconds()) {
            return Verdict.STALE_TIMESTAMP;
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(mac(stamp, body))).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.strip().getBytes(StandardCharsets.US_ASCII)) ? Verdict.VALID
                : Verdict.BAD_SIGNATURE;
    }

    private byte[] mac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

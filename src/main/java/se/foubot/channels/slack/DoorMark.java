package se.foubot.channels.slack;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

import com.slack.api.bolt.request.Request;

/**
 * The mark {@link SlackEventsEndpoint} puts on a request whose raw bytes {@link SlackRawBodyFilter} verified, for
 * {@link RefuseUnverified} to see inside Bolt: a header whose value is a secret of this process, so no sender can
 * put it there.
 */
@Component
class DoorMark {

    static final String HEADER = "x-foubot-verified-at-door";

    private final String secret;

    DoorMark() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        this.secret = HexFormat.of().formatHex(bytes);
    }

    String value() {
        return secret;
    }

    boolean isOn(Request<?> request) {
        return secret.equals(request.getHeaders().getFirstValue(HEADER));
    }
}

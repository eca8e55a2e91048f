package se.foubot.messaging;

import java.nio.charset.StandardCharsets;

/**
 * Someone the bot can write to, whatever channel: {@code channel} "email" with an address, or "slack" with a
 * Slack user id (a direct message) or channel id.
 */
public record Recipient(String channel, String address) {

    public static final String EMAIL = "email";
    public static final String SLACK = "slack";
    /**
     * The longest e-mail address there can be, in octets: RFC 5321 allows 256 in a path, angle brackets included (an
     * address in UTF-8, RFC 6531, counts its bytes). A longer one can be neither written to nor kept as anyone's.
     */
    public static final int EMAIL_MAX_LENGTH = 254;

    /** Whether {@code address} is longer than an e-mail address can be: counted in octets as SMTP counts (UTF-8). */
    public static boolean longerThanAnEmailAddressCanBe(String address) {
        return address.length() > EMAIL_MAX_LENGTH || address.getBytes(StandardCharsets.UTF_8).length > EMAIL_MAX_LENGTH;
    }

    public static Recipient email(String address) {
        return new Recipient(EMAIL, address);
    }

    public static Recipient slack(String userOrChannel) {
        return new Recipient(SLACK, userOrChannel);
    }

    public boolean isEmail() {
        return EMAIL.equals(channel);
    }
}

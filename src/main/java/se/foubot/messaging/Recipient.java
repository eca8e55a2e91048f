package se.foubot.messaging;

/**
 * Someone the bot can write to, whatever channel: {@code channel} "email" with an address, or "slack" with a
 * Slack user id (a direct message) or channel id.
 */
public record Recipient(String channel, String address) {

    public static final String EMAIL = "email";
    public static final String SLACK = "slack";
    /**
     * The longest e-mail address there can be: RFC 5321 allows 256 characters in a path, angle brackets included. A
     * longer one can be neither written to nor kept as anyone's address.
     */
    public static final int EMAIL_MAX_LENGTH = 254;

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

package se.foubot.channels.slack;

import java.util.regex.Pattern;

/** Text as Slack wants it, and the names Slack's people and addresses go by elsewhere in the bot. */
public final class SlackText {

    private static final Pattern ESCAPED_MENTION = Pattern.compile("&lt;@([UW][A-Z0-9]{2,20})&gt;");

    /** The channel name of people who write from Slack ({@code Recipient.channel()}, a requester's channel). */
    public static final String CHANNEL = "slack";
    /** A requester's address details: the channel (a DM, or a channel they mentioned the bot in) and thread. */
    public static final String ADDRESS_CHANNEL = "slackChannel";
    public static final String ADDRESS_THREAD = "slackThread";

    private static final Pattern MENTION = Pattern.compile("<@[A-Z0-9]+(\\|[^>]*)?>");
    /** What Slack's ids look like: users, teams, channels, views (capital letters and digits). */
    public static final Pattern ID = Pattern.compile("[A-Z0-9]{1,40}");

    private SlackText() {
    }

    /** Slack's mrkdwn treats &, < and > as control characters. */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * {@link #escape}, but a user mention the bot wrote ({@link #mention}: the analyst who asks) stays one. Anything else
     * in angle brackets — {@code <!channel>}, a link with another text — shows as written.
     */
    public static String escapeKeepingMentions(String text) {
        return ESCAPED_MENTION.matcher(escape(text)).replaceAll("<@$1>");
    }

    public static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** A Slack user (U…) or user group (S…) as a mention; the bot stores ids and names them only here, at the edge. */
    public static String mention(String id) {
        if (id == null || id.isBlank()) {
            return "";
        }
        return id.startsWith("S") ? "<!subteam^" + id + ">" : "<@" + id + ">";
    }

    /** Drops the bot's own mention from "@fou-bot jag behöver stöd". */
    static String withoutMentions(String text) {
        return text == null ? "" : MENTION.matcher(text).replaceAll("").strip();
    }
}

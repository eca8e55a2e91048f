package se.foubot.channels.slack;

import java.util.regex.Pattern;

/** Text as Slack wants it, and the names Slack's people and addresses go by elsewhere in the bot. */
public final class SlackText {

    /** One piece of Slack's message markup: {@code <…>}, its inside without angle brackets (Slack escapes those). */
    private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\uE000\\uE001&&[^\\n\\t]]");
    /**
     * A mention the bot wrote into a reply's text ({@link #mentionInReply}, {@link #channelInReply}), between two
     * private-use characters.
     */
    private static final char OWN_OPEN = '\uE000';
    private static final char OWN_CLOSE = '\uE001';
    private static final Pattern OWN_MENTION = Pattern.compile(OWN_OPEN + "(@[UW][A-Z0-9]{2,20}|#[CG][A-Z0-9]{2,20})" + OWN_CLOSE);
    private static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{2,20}");

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
     * {@link #escape}, but a user mention the bot wrote ({@link #mentionInReply}: the analyst who asks) is one, and so
     * is a channel the bot named ({@link #channelInReply}: where the analysts find something). Anything
     * else in angle brackets — {@code <!channel>}, a link with another text, a {@code <@U…>} a person typed (in a modal,
     * or as text Slack escaped) — shows as written, and mentions nobody.
     */
    public static String escapeKeepingMentions(String text) {
        return OWN_MENTION.matcher(escape(text)).replaceAll("<$1>").replace(String.valueOf(OWN_OPEN), "")
                .replace(String.valueOf(OWN_CLOSE), "");
    }

    /**
     * A Slack user as a mention in the text of a reply that {@link #escapeKeepingMentions} will escape: marked so that it
     * alone becomes a mention there, not the same characters typed by a person. For text the bot sends as it is, see
     * {@link #mention}.
     */
    public static String mentionInReply(String id) {
        return id == null || !ID.matcher(id).matches() ? "" : OWN_OPEN + "@" + id + OWN_CLOSE;
    }

    /**
     * A channel (C…, G…) as a link in the text of a reply that {@link #escapeKeepingMentions} will escape, as
     * {@link #mentionInReply} a user (helper 121: the close confirmation showed "&lt;#C0STAFF&gt;" as typed text).
     * Something that is no channel id is written as it is, and escaped with the rest.
     */
    public static String channelInReply(String id) {
        return id == null ? "" : CHANNEL_ID.matcher(id).matches() ? OWN_OPEN + "#" + id + OWN_CLOSE : id;
    }

    /**
     * A message's text as a person reads it, from the markup Slack sends: {@code <@U1|anna>} is "@anna", {@code <!here>}
     * "@here", {@code <https://x.se|här>} "här (https://x.se)", {@code <mailto:a@b.se|a@b.se>} "a@b.se", and what was
     * typed as &amp;, &lt; and &gt; is "&", "<" and ">" again. The bot keeps plain text and escapes it where it shows
     * it in Slack, so a typed "&" is not shown as "&amp;amp;", and nothing a person wrote becomes a live mention or a
     * disguised link in another message.
     */
    public static String plain(String slackText) {
        if (slackText == null) {
            return null;
        }
        java.util.regex.Matcher m = MARKUP.matcher(slackText);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] parts = m.group(1).split("\\|", 2);
            String target = parts[0];
            String label = parts.length > 1 && !parts[1].isBlank() ? parts[1] : null;
            String shown;
            if (target.startsWith("@") || target.startsWith("#")) {
                shown = target.charAt(0) + (label != null ? label : target.substring(1));
            } else if (target.startsWith("!")) {
                shown = label != null ? label : "@" + target.substring(1).replaceFirst("^subteam\\^", "");
            } else if (target.startsWith("mailto:") || target.startsWith("tel:")) {
                shown = label != null ? label : target.substring(target.indexOf(':') + 1);
            } else {
                shown = label == null || label.equals(target) ? target : label + " (" + target + ")";
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        // control characters other than line breaks and tabs (a bell, a terminal escape) carry nothing a person meant
        return CONTROL.matcher(out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")).replaceAll("");
    }

    /** Plain text (a button's label, a header) cut to at most {@code max} characters with "…", not inside a surrogate pair. */
    public static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, wholeCharacters(text, max - 1)) + "…";
    }

    /** {@link #escape} within {@code max} characters (Slack's limit counts the escaped text): see {@link #cut}. */
    public static String escapeWithin(String text, int max) {
        return cut(escape(text), max);
    }

    /**
     * Escaped text cut to at most {@code max} characters with "…", where the cut splits no entity ({@code &amp;}), no
     * mention ({@code <@U…>}) and no surrogate pair: cutting the escaped text anywhere could leave "&am" on the screen.
     */
    public static String cut(String escaped, int max) {
        return escaped == null || escaped.length() <= max ? escaped : escaped.substring(0, safeEnd(escaped, max - 1)) + "…";
    }

    /**
     * Escaped text in pieces of at most {@code max} characters, for blocks of their own, so that nothing of a long
     * text is lost (a summary whose long answer pushed its last lines past one block's limit): each piece ends at a
     * line break where one lies in its second half, else at a space there, else where {@link #cut} would cut.
     */
    public static java.util.List<String> pieces(String escaped, int max) {
        java.util.List<String> pieces = new java.util.ArrayList<>();
        String rest = escaped == null ? "" : escaped;
        while (rest.length() > max) {
            int end = rest.lastIndexOf('\n', max);
            if (end < max / 2) {
                end = rest.lastIndexOf(' ', max);
            }
            if (end < max / 2) {
                end = safeEnd(rest, max);
            } else {
                end = safeEnd(rest, end);
            }
            String piece = rest.substring(0, end).stripTrailing();
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
            rest = rest.substring(end).replaceFirst("^[ \n]+", "");
        }
        if (!rest.isEmpty() || pieces.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }

    /** The largest end at most {@code end} at which {@code s} splits no entity, no {@code <…>} and no surrogate pair. */
    private static int safeEnd(String s, int end) {
        int amp = s.lastIndexOf('&', end - 1);
        if (amp >= 0 && end - amp < 6) {
            int semicolon = s.indexOf(';', amp);
            if (semicolon < 0 || semicolon >= end) {
                end = amp;
            }
        }
        int open = s.lastIndexOf('<', end - 1);
        if (open >= 0 && s.lastIndexOf('>', end - 1) < open) {
            end = open;
        }
        return Math.max(wholeCharacters(s, end), 1);
    }

    /** {@code end}, or one less where it would split a surrogate pair (an emoji). */
    private static int wholeCharacters(String s, int end) {
        return end > 0 && Character.isHighSurrogate(s.charAt(end - 1)) ? end - 1 : end;
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

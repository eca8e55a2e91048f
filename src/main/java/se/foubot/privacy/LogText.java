package se.foubot.privacy;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that goes into a log line from outside the bot's own code (an address, a key holding one, a server's reply,
 * an exception's message): one line without control characters, bounded, so it can neither forge a line, colour a
 * terminal nor flood; a person's mail address never in full but as a short hash and the domain
 * ({@code #3f2a9c1b@stockholm.se}); a personal identity number removed. Every such value passes here before it is
 * logged.
 * <p>
 * The same address always gives the same hash, so an operator can follow one sender through the log, and the domain
 * says which organisation; the address cannot be read back (only confirmed by someone who already knows it).
 */
public final class LogText {

    private static final int MAX = 300;
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u0085\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]+");
    /** A local part (quoted, or up to a character no address holds unquoted), then the domain. */
    private static final Pattern ADDRESS = Pattern.compile("(?:\"[^\"]*\"|[^\\s:<>()\\[\\]\"',;=]+)@([^\\s:<>()\\[\\]\"',;=@]*)");
    private static final OutsideTextGuard NUMBERS = new OutsideTextGuard();

    private LogText() {
    }

    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String line = CONTROLS.matcher(text).replaceAll(" ");
        if (line.indexOf('@') >= 0) {
            line = ADDRESS.matcher(line).replaceAll(m -> Matcher.quoteReplacement(address(m.group())));
        }
        line = NUMBERS.check(line).text().replace('"', '\'').strip();
        return line.length() <= MAX ? line : line.substring(0, MAX) + "…";
    }

    /** A mail address (or a subscriber id, which is one) as a log line shows it; {@code -} for none. */
    public static String address(String address) {
        if (address == null || address.isBlank()) {
            return "-";
        }
        String normal = address.strip().toLowerCase(Locale.ROOT);
        int at = normal.lastIndexOf('@');
        return "#" + hash(normal) + (at < 0 ? "" : NUMBERS.check(normal.substring(at)).text());
    }

    /** The exception's class and message, and its root cause's when there is one. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (root != failure) {
            text += " (" + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return clean(text);
    }

    private static String hash(String s) {
        return HexFormat.of().formatHex(Sha256.of(s), 0, 4);
    }
}

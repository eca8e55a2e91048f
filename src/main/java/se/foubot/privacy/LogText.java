package se.foubot.privacy;

/**
 * Text that goes into a log line from outside the bot's own code (an address, a server's reply, an exception's
 * message): one line without control characters, bounded, so it can neither forge a line, colour a terminal nor
 * flood. Every such value passes here before it is logged.
 */
public final class LogText {

    private static final int MAX = 300;

    private LogText() {
    }

    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u0085\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]+", " ").replace('"', '\'').strip();
        return line.length() <= MAX ? line : line.substring(0, MAX) + "…";
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
}

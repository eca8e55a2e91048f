package se.foubot.channels.slack;

/** Text that goes into a log line from outside the bot's own code: one line, bounded, so it can neither forge nor flood. */
final class LogText {

    private static final int MAX = 300;

    private LogText() {
    }

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replace('"', '\'').strip();
        return line.length() <= MAX ? line : line.substring(0, MAX) + "…";
    }

    /** The exception's class and message, and its root cause's when there is one. */
    static String describe(Throwable failure) {
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

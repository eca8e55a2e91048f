package se.foubot.deadletter;

/**
 * What a dead letter records of a failure: the exception's class and the place in the bot's own code where it
 * was thrown. Never the exception's message, which often quotes the input (NumberFormatException: For input
 * string "…").
 */
record FailureRule(String rule, String where) {

    private static final String OWN_CODE = "se.foubot.";

    static FailureRule of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String where = null;
        for (StackTraceElement frame : root.getStackTrace()) {
            if (frame.getClassName().startsWith(OWN_CODE)) {
                String simple = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
                where = simple + "." + frame.getMethodName() + ":" + frame.getLineNumber();
                break;
            }
        }
        return new FailureRule(root.getClass().getSimpleName(), where);
    }
}

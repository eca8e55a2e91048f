package se.foubot.hostile;

/**
 * One class of hostile input: what is sent, and how to tell that the bot refused or handled it with nothing lost.
 * The harness adds the third check itself: no stack trace in the log while the row ran.
 *
 * @param inputClass the kind of input, as the table shows it
 * @param run        sends the input to the running bot and judges what became of it
 */
public record HostileInput(String inputClass, Check run) {

    /** What became of the input. */
    public record Outcome(boolean refusedOrHandled, boolean nothingLost, String evidence) {

        public static Outcome of(boolean refusedOrHandled, boolean nothingLost, String evidence) {
            return new Outcome(refusedOrHandled, nothingLost, evidence);
        }
    }

    @FunctionalInterface
    public interface Check {
        Outcome run(Bot bot) throws Exception;
    }
}

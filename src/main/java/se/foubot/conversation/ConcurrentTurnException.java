package se.foubot.conversation;

/** A message could not be applied because other messages of the same person kept winning the race. */
public class ConcurrentTurnException extends RuntimeException {

    public ConcurrentTurnException(String conversation, int attempts) {
        super("conversation " + conversation + " changed under " + attempts + " attempts");
    }
}

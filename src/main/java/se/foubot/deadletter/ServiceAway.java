package se.foubot.deadletter;

/**
 * A service the work needs besides the store (the chat service taking a reply) did not answer for a while: nobody's
 * work's fault. Like a store outage it counts no attempt and is thrown on to the caller, which does the work again
 * later; only work that may be done twice with the same outcome may throw it.
 */
public class ServiceAway extends RuntimeException {

    public ServiceAway(String message, Throwable cause) {
        super(message, cause);
    }
}

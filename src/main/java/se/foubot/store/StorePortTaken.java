package se.foubot.store;

/** The embedded store cannot listen on its port ({@code FOUBOT_STORE_PORT}): another process holds it. */
public final class StorePortTaken extends RuntimeException {

    StorePortTaken(int port, Exception cause) {
        super("The embedded store cannot listen on 127.0.0.1:" + port + " (FOUBOT_STORE_PORT): " + cause.getMessage(), cause);
    }
}

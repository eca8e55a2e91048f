package se.foubot.store;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/** Whether the store was last seen reachable; used to log a change of state once, not on every failure. */
@Component
public class StoreStatus {

    private enum State { UNKNOWN, REACHABLE, UNREACHABLE }

    private final AtomicReference<State> state = new AtomicReference<>(State.UNKNOWN);

    /** @return true when this is a recovery from a known outage */
    public boolean markReachable() {
        return state.getAndSet(State.REACHABLE) == State.UNREACHABLE;
    }

    /** @return true when this is news (the first failure after being reachable or unknown) */
    public boolean markUnreachable() {
        return state.getAndSet(State.UNREACHABLE) != State.UNREACHABLE;
    }
}

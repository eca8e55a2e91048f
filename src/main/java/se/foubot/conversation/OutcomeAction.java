package se.foubot.conversation;

/**
 * What a flow does when the person confirms its summary. Implementations are Spring beans; a flow names
 * one by {@link #name()} in its {@code outcome:}. Must be idempotent for one {@link OutcomeRequest#runId()}:
 * a turn that lost a race is retried and may run the outcome again.
 */
public interface OutcomeAction {

    String name();

    OutcomeResult run(OutcomeRequest request);
}

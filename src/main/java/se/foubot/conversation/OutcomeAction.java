package se.foubot.conversation;

/**
 * What a flow does when the person confirms its summary. Implementations are Spring beans; a flow names
 * one by {@link #name()} in its {@code outcome:}. Must be idempotent for one {@link OutcomeRequest#runId()}:
 * a turn that lost a race is retried and may run the outcome again.
 */
public interface OutcomeAction {

    String name();

    OutcomeResult run(OutcomeRequest request);

    /**
     * Asked when a person is about to begin a flow with this outcome: a reason, in their language, why it could not
     * succeed now (they would fill it all in for nothing), or empty. The flow is then not begun.
     */
    default java.util.Optional<String> refuseStart(ConversationKey key, Language language) {
        return java.util.Optional.empty();
    }

    /**
     * Told when a run of a flow with this outcome ended without it ({@code why}), once the conversation that ended it is
     * written, or, for a flow only the bot starts, once it has lain idle past the timeout; e.g. so that whoever waits for
     * an answer hears there will be none. May be told of one run more than once (a sweep, then the person's return;
     * two replicas), so it must be idempotent per {@link OutcomeRequest#runId()}; a crash between the write and this
     * call loses the notice, never the conversation. The request holds the answers so far.
     */
    default void unanswered(OutcomeRequest request, Unanswered why) {
    }
}

package se.foubot.conversation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;

import se.foubot.privacy.GuardedText;

/**
 * Runs conversations: the one entry point every channel calls with a person's message. Loads the
 * person's state, computes the turn, runs a confirmed flow's outcome and writes the new state over the
 * version it read; when another message of the same person won the race, it computes the turn again.
 */
public class ConversationEngine {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

    private final ConversationStore store;
    private final FlowCatalog catalog;
    private final FlowInterpreter interpreter;
    private final OutcomeRegistry outcomes;
    private final Clock clock;
    private final int attempts;
    private final MeterRegistry meters;
    private final UnansweredTeller unanswered;
    /** Striped by conversation: see {@link #handle(ConversationKey, Look, GuardedText, Map, String, String)}. */
    private final Object[] turnLocks = new Object[256];

    ConversationEngine(ConversationStore store, FlowCatalog catalog, FlowInterpreter interpreter, OutcomeRegistry outcomes,
            Clock clock, int attempts, MeterRegistry meters) {
        this.store = store;
        this.catalog = catalog;
        this.interpreter = interpreter;
        this.outcomes = outcomes;
        this.clock = clock;
        this.attempts = attempts;
        this.meters = meters;
        this.unanswered = new UnansweredTeller(catalog, outcomes, clock);
        java.util.Arrays.setAll(turnLocks, i -> new Object());
    }

    /** Takes one message from a person and returns the bot's answer. */
    public BotReply handle(ConversationKey key, GuardedText text) {
        return handle(key, text, Map.of());
    }

    /**
     * Takes one message from a person and returns the bot's answer. The text has passed the privacy guard; a message
     * that held a personal identity number is refused (nothing of it is kept) and the person is asked again.
     *
     * @param origin the channel's address details of this message, handed to a flow's outcome
     */
    public BotReply handle(ConversationKey key, GuardedText text, Map<String, String> origin) {
        return handle(key, text, origin, null);
    }

    /**
     * Takes one message, once: a message the conversation took before (the same {@code messageId}, e.g. work done
     * again after a crash, or once the chat service takes replies again) gets the answer it got then, and the turn is
     * not taken twice — unless the person has written since and been answered: then it gets nothing, since that old
     * answer (a question they have gone past) would only mislead them now.
     *
     * @param messageId the channel's id for this message; null: none
     */
    public BotReply handle(ConversationKey key, GuardedText text, Map<String, String> origin, String messageId) {
        return handle(key, null, text, origin, messageId, null);
    }

    /**
     * As {@link #handle(ConversationKey, GuardedText, Map, String)}, starting from the conversation as {@link #look}
     * read it: one read of the store fewer per answer (it is read again only when another message wrote first).
     */
    public BotReply handle(Look seen, GuardedText text, Map<String, String> origin, String messageId) {
        return handle(seen.key(), seen, text, origin, messageId, null);
    }

    /**
     * As {@link #handle(Look, GuardedText, Map, String)}, for a click on one of the bot's buttons: {@code answering}
     * is the question the button was offered for ({@link ReplyChoice#question()}); one the conversation has left is
     * not taken as an answer (see {@link FlowInterpreter#take(ConversationState, ConversationKey, String, boolean,
     * java.time.Instant, String)}). Null: as a typed message.
     */
    public BotReply handle(Look seen, GuardedText text, Map<String, String> origin, String messageId, String answering) {
        return handle(seen.key(), seen, text, origin, messageId, answering);
    }

    private BotReply handle(ConversationKey key, Look seen, GuardedText text, Map<String, String> origin, String messageId,
            String answering) {
        // one person's messages on this replica one at a time: a "ja" to the summary and an "avbryt" sent at the same
        // moment would otherwise both be taken — the request sent, and the person told it was cancelled, the cancel
        // having won the write while the confirmation's outcome had already run. Across replicas the write decides alone.
        synchronized (turnLock(key)) {
            return takeTurn(key, seen, text, origin, messageId, answering);
        }
    }

    /**
     * The context key a turn running its outcome marks the conversation with (the run and when, in milliseconds):
     * written before the outcome runs, gone with the turn's own write after it.
     */
    static final String COMPLETING = "completing";
    /** A claim older than this is a replica's that died before its write after the outcome: it holds nothing up. */
    private static final long CLAIM_HELD_MILLIS = 30_000;
    /** How many pauses (20 ms) a turn waits at most for another's outcome: ten seconds. */
    private static final int CLAIM_WAITS = 500;

    /** Whether another turn than the one that made {@code own} has claimed {@code current} and may still write after it. */
    private boolean completingElsewhere(ConversationState current, String own) {
        String claim = current == null ? null : current.context().get(COMPLETING);
        if (claim == null || claim.equals(own)) {
            return false;
        }
        try {
            return clock.millis() - Long.parseLong(claim.substring(claim.lastIndexOf('@') + 1)) < CLAIM_HELD_MILLIS;
        } catch (NumberFormatException unreadable) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentTurnException("interrupted", 0);
        }
    }

    private Object turnLock(ConversationKey key) {
        return turnLocks[Math.floorMod(key.id().hashCode(), turnLocks.length)];
    }

    private BotReply takeTurn(ConversationKey key, Look seen, GuardedText text, Map<String, String> origin, String messageId,
            String answering) {
        // a run without a summary that this message completed (its outcome ran) in an attempt whose write then lost the
        // race, and what it said
        String completedRun = null;
        String completedSaid = null;
        int waits = 0;
        String ownClaim = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            ConversationState current = attempt == 1 && waits == 0 && seen != null ? seen.state() : store.find(key.id()).orElse(null);
            if (completedRun != null && (current == null || !completedRun.equals(current.runId()))) {
                // another message ended that run meanwhile (an "avbryt" sent at the same moment): what this message did
                // outside has happened, so it is said, not undone, and the text is not taken once more as something new
                log.info("event=turn_outcome_stands conversation={} run={}", key.id(), completedRun);
                return new BotReply(completedSaid, List.of(), languageOf(current));
            }
            if (messageId != null && current != null) {
                java.util.Optional<BotReply> earlier = current.answerTo(messageId);
                if (earlier.isPresent()) {
                    if (current.answeredSince(messageId)) {
                        log.info("event=turn_repeated_superseded conversation={} message={}", key.id(), messageId);
                        return new BotReply("", List.of(), earlier.get().language());
                    }
                    log.info("event=turn_repeated conversation={} message={}", key.id(), messageId);
                    return earlier.get().again();
                }
                if (current.tookLaterThan(messageId)) {
                    // written before a message the conversation has already taken, and delivered only now (a delivery
                    // retried after an outage): taken as the answer to the question asked since, it would answer a
                    // question its writer had not seen
                    log.info("event=turn_outdated conversation={} message={}", key.id(), messageId);
                    Language language = languageOf(current);
                    return new BotReply(EngineTexts.OUTDATED.in(language, Map.of("input", SummaryWords.shortened(text.textOr("")))),
                            List.of(), language);
                }
            }
            if (completingElsewhere(current, ownClaim) && waits++ < CLAIM_WAITS) {
                // another replica is running this conversation's outcome (a "ja" there, this an "avbryt"): this message
                // is taken once that has been written, on what it wrote (a wait is no lost race: no attempt used up)
                pause();
                attempt--;
                continue;
            }
            FlowInterpreter.Turn turn = interpreter.take(current, key, text.textOr(""), text.identityNumberRemoved(),
                    clock.instant(), answering);
            ConversationState claimed = null;
            if (turn.outcome() != null && current != null) {
                // an outcome does outside what no lost write takes back (the task): it runs only once this turn has
                // claimed the conversation at the revision it was computed on, in one write that a message taken at the
                // same moment, on this replica or another, either makes first (and this turn is taken again on what it
                // wrote) or finds and waits for
                ownClaim = turn.outcome().request().runId() + "@" + clock.millis();
                claimed = current.withContext(COMPLETING, ownClaim).written(clock.instant());
                if (!store.claim(claimed)) {
                    continue;
                }
            }
            if (answering != null && attempt == 1 && turn.lines().isEmpty()) {
                // nothing said: the button that made the last turn, clicked again (see FlowInterpreter#take)
                log.info("event=repeated_click conversation={}", key.id());
            } else if (answering != null && attempt == 1 && !answering.equals(current == null ? null : current.question())) {
                log.info("event=earlier_button conversation={} in_flow={}", key.id(), current != null && current.inFlow());
            }
            java.util.Optional<String> refused = refusedStart(current, turn, key);
            if (refused.isPresent()) {
                // told before they begin; nothing of the flow is kept
                return new BotReply(refused.get(), List.of(), turn.next().language());
            }
            List<String> lines = new ArrayList<>(turn.lines());
            if (turn.outcome() != null) {
                String said = runOutcome(turn.outcome(), origin);
                if (!turn.outcome().flow().confirm()) {
                    // the message was the last answer, not a "ja" to a summary: its words went into the outcome, and
                    // must not be taken once more as something new if another message ended the run meanwhile
                    completedRun = turn.outcome().request().runId();
                    completedSaid = said;
                }
                lines.add(said);
            }
            // a flow set aside for the one that just ended goes on, after what that one's end said
            FlowInterpreter.Turn after = interpreter.resumePaused(turn.next(), clock.instant()).orElse(turn);
            if (after != turn) {
                lines.addAll(after.lines());
                if (after.next().inFlow()) {
                    log.info("event=flow_resumed conversation={} flow={}", key.id(), after.next().flowId());
                }
            }
            // told with the answer whose write drops the mark (a turn that writes nothing else writes that), so said once
            boolean tellSetAside = UnreadableConversations.wasSetAside(current);
            ConversationState told = after.next() != null ? after.next() : tellSetAside ? current : null;
            if (tellSetAside) {
                lines.add(0, EngineTexts.UNREADABLE_SET_ASIDE.in(told.language()));
            }
            BotReply reply = new BotReply(String.join("\n\n", lines), after.choices(),
                    told != null ? told.language() : languageOf(current));
            // a click is kept to tell a double click only when it was taken: one whose question is asked again (its
            // flow had gone, so the errand set aside goes on there) must work when clicked again (helper 117)
            ConversationState next = told == null ? null
                    : told.clickedBy(answering == null || FlowInterpreter.asks(told, answering) ? null
                            : ConversationState.click(answering, TextNormalizer.normalize(text.textOr(""))));
            if (next != null) {
                next = (claimed != null ? next.after(claimed) : next).written(clock.instant());
            }
            if (tellSetAside) {
                next = next.withContext(UnreadableConversations.MARK, null);
            }
            if (next != null && messageId != null) {
                next = next.answering(messageId, reply);
            }
            if (next == null || store.save(next)) {
                endedUnanswered(current, next, turn.outcome(), Unanswered.CANCELLED, origin);
                meters.counter("foubot.conversation.turns", "channel", key.channel(),
                        "result", turn.outcome() != null ? "completed" : "answered").increment();
                if (next != null) {
                    log.debug("event=turn conversation={} flow={} step={} attempt={}", key.id(), next.flowId(),
                            next.stepId(), attempt);
                }
                return reply;
            }
        }
        log.warn("event=turn_gave_up conversation={} attempts={}", key.id(), attempts);
        throw new ConcurrentTurnException(key.id(), attempts);
    }

    /**
     * The bot starts a flow for a person (e.g. to put an analyst's question to them); {@code values} fill the
     * flow's texts and reach its outcome.
     */
    public BotReply start(ConversationKey key, String flowId, Map<String, String> values, Map<String, String> origin) {
        synchronized (turnLock(key)) {
            return startFlow(key, flowId, values, origin);
        }
    }

    private BotReply startFlow(ConversationKey key, String flowId, Map<String, String> values, Map<String, String> origin) {
        Flow flow = catalog.flow(flowId).orElseThrow(() -> new IllegalArgumentException("no flow " + flowId));
        for (int attempt = 1; attempt <= attempts; attempt++) {
            ConversationState current = store.find(key.id()).orElse(null);
            FlowInterpreter.Turn turn = interpreter.startFlow(current, key, flow, values, clock.instant());
            ConversationState next = turn.next().written(clock.instant()).withContext(UnreadableConversations.MARK, null);
            if (store.save(next)) {
                endedUnanswered(current, next, null, Unanswered.REPLACED, origin);
                log.info("event=flow_started_by_bot conversation={} flow={}", key.id(), flowId);
                List<String> lines = new ArrayList<>(turn.lines());
                if (UnreadableConversations.wasSetAside(current)) {
                    lines.add(0, EngineTexts.UNREADABLE_SET_ASIDE.in(next.language()));
                }
                return new BotReply(String.join("\n\n", lines), turn.choices(), next.language());
            }
        }
        throw new ConcurrentTurnException(key.id(), attempts);
    }

    /**
     * Ends the conversation {@code seen} found if it has lain idle past the timeout, as the person's next turn would,
     * and says so: for a message answered outside the conversation (a knowledge question), whose answer would
     * otherwise come first and the notice only with the message after it. Likewise the notice that it was begun again
     * in place of one that could not be read ({@link UnreadableConversations}).
     *
     * @return the notice, and the question of a flow set aside that goes on with its buttons; empty when nothing had
     *         expired or been set aside, or another message said it first
     */
    public java.util.Optional<BotReply> endIfExpired(Look seen) {
        ConversationState current = seen.state();
        if (UnreadableConversations.wasSetAside(current)) {
            // begun again in place of one that could not be read: said with this answer, once (the write that drops the
            // mark decides which of two messages at once says it)
            return store.save(current.withContext(UnreadableConversations.MARK, null).written(clock.instant()))
                    ? java.util.Optional.of(new BotReply(EngineTexts.UNREADABLE_SET_ASIDE.in(current.language()), List.of(),
                            current.language(), false)) : java.util.Optional.empty();
        }
        java.util.Optional<FlowInterpreter.Turn> turn = interpreter.expire(current, clock.instant());
        if (turn.isEmpty() || !store.save(turn.get().next().written(clock.instant()))) {
            return java.util.Optional.empty();
        }
        endedUnanswered(current, turn.get().next(), null, Unanswered.EXPIRED, Map.of());
        log.info("event={} conversation={} flow={}", interpreter.flowGone(current) ? "conversation_flow_gone"
                : "conversation_expired", seen.key().id(), current.flowId());
        return java.util.Optional.of(new BotReply(String.join("\n\n", turn.get().lines()), turn.get().choices(),
                turn.get().next().language(), false));
    }

    /** Where the person stands, said as a greeting; e.g. when a terminal chat starts again after a restart. */
    public BotReply resume(ConversationKey key) {
        ConversationState current = store.find(key.id()).orElse(null);
        FlowInterpreter.Turn turn = interpreter.resume(current, key, clock.instant());
        if (turn.next() != null) {
            ConversationState next = turn.next().written(clock.instant());
            if (store.save(next)) {
                endedUnanswered(current, next, null, Unanswered.EXPIRED, Map.of());
            }
        }
        return new BotReply(String.join("\n\n", turn.lines()), turn.choices(),
                turn.next() != null ? turn.next().language() : languageOf(current));
    }

    /**
     * Where a person stands: {@code inFlow} when they are in the middle of a flow (so what they write answers it), and
     * their language as their conversation knows it (Swedish when they have none); {@code botsQuestion} when that flow
     * is one only the bot starts (an analyst's question), not one of theirs.
     */
    public record Standing(boolean inFlow, Language language, boolean botsQuestion) {
    }

    /** See {@link FlowInterpreter#steersTheConversation}: the conversation's to answer, whether or not one runs. */
    public boolean steersTheConversation(String text) {
        return FlowInterpreter.steersTheConversation(text);
    }

    /**
     * Whether the conversation {@code seen} found has a flow set aside and nothing that still exists running above
     * it: the next message lets that flow go on (see {@link FlowInterpreter}), so it is no question to the knowledge
     * base — a command by name is still answered, after the notice.
     */
    public boolean setAsideGoesOn(Look seen) {
        ConversationState s = seen.state();
        return s != null && s.paused() != null && (!s.inFlow() || interpreter.flowGone(s));
    }

    public Standing standing(ConversationKey key) {
        return look(key).standing();
    }

    /** The person's language when they have a conversation with the bot; empty when they have none (not known). */
    public java.util.Optional<Language> knownLanguage(ConversationKey key) {
        return store.find(key.id()).map(ConversationState::language);
    }

    /** A person's conversation as read once: where they stand, and the state a turn can start from. */
    public record Look(ConversationKey key, Standing standing, ConversationState state) {
    }

    /** Reads the person's conversation once, for {@link #handle(Look, GuardedText, Map, String)}. */
    public Look look(ConversationKey key) {
        ConversationState current = store.find(key.id()).orElse(null);
        boolean inFlow = interpreter.inLiveFlow(current, clock.instant());
        boolean botsQuestion = inFlow && catalog.flow(current.flowId()).map(Flow::startedByBotOnly).orElse(false);
        return new Look(key, new Standing(inFlow, languageOf(current), botsQuestion), current);
    }

    /**
     * Ends the person's flow in progress when its outcome now says it cannot succeed (something done beside it — a
     * question handed over in the middle of an intake — took the last new-task place), so that they are told now and
     * not after its last question. @return the reason, when it was ended
     */
    public java.util.Optional<String> endIfItCannotSucceed(ConversationKey key) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            ConversationState current = store.find(key.id()).orElse(null);
            if (!interpreter.inLiveFlow(current, clock.instant())) {
                return java.util.Optional.empty();
            }
            java.util.Optional<String> refused = refusal(current.flowId(), key, current.language());
            if (refused.isEmpty()) {
                return refused;
            }
            if (store.save(current.idle().written(clock.instant()))) {
                log.info("event=flow_ended_cannot_succeed conversation={} flow={}", key.id(), current.flowId());
                return refused;
            }
        }
        throw new ConcurrentTurnException(key.id(), attempts);
    }

    /** A turn that begins a new run of a flow whose outcome says it cannot succeed now: the reason. */
    private java.util.Optional<String> refusedStart(ConversationState current, FlowInterpreter.Turn turn, ConversationKey key) {
        ConversationState next = turn.next();
        if (next == null || next.flowId() == null || next.runId() == null || turn.outcome() != null
                || (current != null && next.runId().equals(current.runId()))) {
            return java.util.Optional.empty();
        }
        return refusal(next.flowId(), key, next.language());
    }

    /** Why the outcome of {@code flowId} would refuse to start for the person now; empty when it would not. */
    private java.util.Optional<String> refusal(String flowId, ConversationKey key, Language language) {
        return catalog.flow(flowId).map(Flow::outcome).filter(java.util.Objects::nonNull)
                .flatMap(name -> outcomes.get(name).refuseStart(key, language));
    }

    /**
     * Tells the outcome action of a run that {@code before} was in and that ended with this turn without its outcome:
     * not the run completed now, nor one still running or set aside. Ended by running out of time, or else by
     * {@code how} (the person's "avbryt", or the bot starting another flow). After the write, so a turn retried after
     * a lost race tells nothing twice; a failure to tell is logged and does not undo the turn.
     */
    private void endedUnanswered(ConversationState before, ConversationState after, FlowInterpreter.PendingOutcome completed,
            Unanswered how, Map<String, String> origin) {
        // a run without its id (written by hand) has no one to tell; one whose flow's name was removed by hand still
        // names its outcome when the bot started it
        boolean ran = before != null && before.runId() != null
                && (before.inFlow() || before.context().containsKey(FlowInterpreter.OUTCOME));
        if (!ran || after == null || before.runId().equals(after.runId())
                || (completed != null && before.runId().equals(completed.request().runId()))
                || (after.paused() != null && before.runId().equals(after.paused().runId()))
                || (java.util.Objects.equals(before.flowId(), after.flowId()) && before.context().equals(after.context()))) {
            // still running, completed, set aside, or begun again from its first question ("börja om")
            return;
        }
        tellUnanswered(before, interpreter.flowGone(before) ? Unanswered.FLOW_GONE
                : interpreter.inLiveFlow(before, clock.instant()) ? how : Unanswered.EXPIRED, origin);
    }

    /**
     * Tells the outcome actions of runs of flows only the bot starts (a question to a requester) that have lain idle
     * past the timeout, without waiting for the person to come back: whoever asked should not wait for ever. The
     * conversation itself is left for the person's return, which says it expired (and tells the outcome again, which
     * is why {@link OutcomeAction#unanswered} must take a run's news more than once without harm).
     *
     * @return how many runs were told about
     */
    public int tellIdleBotFlowsUnanswered() {
        java.util.Set<String> botFlows = catalog.flows().stream().filter(Flow::startedByBotOnly).map(Flow::id)
                .collect(java.util.stream.Collectors.toSet());
        int told = 0;
        for (ConversationState idle : store.idleIn(botFlows, clock.instant().minus(interpreter.idleTimeout()), 200)) {
            // marked only once told: one that could not be told now is tried again at the next sweep
            if (tellUnanswered(idle, Unanswered.EXPIRED, Map.of())) {
                store.toldUnanswered(idle);
                told++;
            }
        }
        return told;
    }

    /** @return false when the outcome action could not be told (logged) */
    private boolean tellUnanswered(ConversationState before, Unanswered why, Map<String, String> origin) {
        return unanswered.tell(before.key(), before.flowId(), before.runId(), before.answers(), before.language(), origin,
                before.context(), why);
    }

    private String runOutcome(FlowInterpreter.PendingOutcome pending, Map<String, String> origin) {
        Flow flow = pending.flow();
        OutcomeRequest request = pending.request().withOrigin(origin);
        OutcomeResult result = outcomes.get(flow.outcome()).run(request);
        log.info("event=flow_completed conversation={} flow={} run={} outcome={} values={}", request.key().id(),
                flow.id(), request.runId(), flow.outcome(), result.values().keySet());
        if (result.instead() != null) {
            return result.instead();
        }
        Map<String, String> values = new java.util.HashMap<>(request.context());
        if (result.values() != null) {
            values.putAll(result.values());
        }
        return flow.done().in(request.language(), values);
    }

    private static Language languageOf(ConversationState state) {
        return state == null ? Language.SV : state.language();
    }
}

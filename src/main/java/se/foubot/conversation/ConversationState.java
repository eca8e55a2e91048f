package se.foubot.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Where one person stands in their conversation on one channel. Written with an optimistic version: a
 * write succeeds only over the version it was computed from, so concurrent messages never lose an answer.
 *
 * @param flowId    the running flow; null when no flow runs
 * @param runId     identifies one run of a flow; outcomes use it as their once-only key
 * @param stepId    the step being asked
 * @param summary   the summary is shown and waits for confirm or change
 * @param changing  the step is asked again from the summary; its answer returns to the summary
 * @param answers   step id to stored answer
 * @param history   the steps answered so far, in order (the way back)
 * @param context   values the bot gave the flow when it started it (e.g. a task reference), for its texts
 * @param answered  the last messages this conversation took, with the bot's answer to each: a message done again
 *                  (work redone after a crash) gets the same answer, and the turn is not taken twice
 * @param paused    the person's own flow, set aside while they answer one the bot started for them (an analyst's
 *                  question); it goes on where it was once that one ends; null when none waits
 * @param lastClick the button that made the last turn written: the question it came with and its value, as
 *                  {@link #click} makes it; null when that turn came from typed words
 */
@Document("conversations")
public record ConversationState(
        @Id String id,
        String channel,
        String person,
        Language language,
        String flowId,
        String runId,
        String stepId,
        boolean summary,
        boolean changing,
        Map<String, String> answers,
        List<String> history,
        Map<String, String> context,
        Instant startedAt,
        Instant updatedAt,
        long version,
        List<Answered> answered,
        Paused paused,
        String lastClick) {

    /** How many of the last messages a conversation remembers its answers to. */
    static final int REMEMBERED = 10;
    /** A message id naming its kind, its place and the time it was written ({@link #tookLaterThan}). */
    private static final Pattern SEQUENCED = Pattern.compile("([^:]+):(.+):(\\d{1,15}\\.\\d{1,9})");

    /** A message the conversation took (by the channel's id for it) and what the bot answered. */
    public record Answered(String messageId, String text, List<ReplyChoice> choices, Language language) {
        public Answered {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        BotReply reply() {
            return new BotReply(text, choices, language);
        }
    }

    public ConversationState {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
        history = history == null ? List.of() : List.copyOf(history);
        context = context == null ? Map.of() : Map.copyOf(context);
        language = language == null ? Language.SV : language;
        answered = answered == null ? List.of() : List.copyOf(answered);
    }

    static ConversationState fresh(ConversationKey key, Instant now) {
        return new ConversationState(key.id(), key.channel(), key.person(), Language.SV, null, null, null, false,
                false, Map.of(), List.of(), Map.of(), null, now, -1, List.of(), null, null);
    }

    ConversationKey key() {
        return new ConversationKey(channel, person);
    }

    /** Never written yet. */
    boolean isNew() {
        return version < 0;
    }

    boolean inFlow() {
        return flowId != null;
    }

    /**
     * What the bot is asking now, as its buttons carry it: this run's step, or its summary; null when no flow runs. The
     * same question asked again (after a wrong answer, on the way back) is the same, so its earlier buttons still answer it.
     */
    public String question() {
        if (flowId == null) {
            return null;
        }
        String asked = runId + "/" + (summary ? "summary" : stepId);
        // a guess the person is asked to confirm ("Jag tolkar det som …"): its Ja and Nej answer that, and only while asked
        String guessed = summary ? null : context.get(FlowInterpreter.PROPOSED + stepId);
        return guessed == null ? asked : asked + GUESS + guessed;
    }

    /**
     * What {@link #question} adds to the step's question, with the option guessed, while a guess at its answer waits for
     * a yes or a no: an earlier guess's buttons do not answer a later one.
     */
    static final String GUESS = "/guess:";

    ConversationState withLanguage(Language l) {
        return new ConversationState(id, channel, person, l, flowId, runId, stepId, summary, changing, answers,
                history, context, startedAt, updatedAt, version, answered, paused, lastClick);
    }

    ConversationState start(Flow flow, String newRunId, Instant now) {
        return start(flow, newRunId, context, now);
    }

    ConversationState start(Flow flow, String newRunId, Map<String, String> values, Instant now) {
        return new ConversationState(id, channel, person, language, flow.id(), newRunId, flow.firstStep().id(),
                false, false, Map.of(), List.of(), values, now, now, version, answered, paused, lastClick);
    }

    ConversationState idle() {
        return new ConversationState(id, channel, person, language, null, null, null, false, false, Map.of(),
                List.of(), Map.of(), null, updatedAt, version, answered, paused, lastClick);
    }

    ConversationState asking(String step, boolean isChanging) {
        return new ConversationState(id, channel, person, language, flowId, runId, step, false, isChanging,
                answers, history, context, startedAt, updatedAt, version, answered, paused, lastClick);
    }

    ConversationState showingSummary() {
        return new ConversationState(id, channel, person, language, flowId, runId, null, true, false, answers,
                history, context, startedAt, updatedAt, version, answered, paused, lastClick);
    }

    /** Records the answer (null: skipped) to the current step and appends it to the path when new there. */
    ConversationState answered(String step, String value) {
        Map<String, String> a = new LinkedHashMap<>(answers);
        if (value == null) {
            a.remove(step);
        } else {
            a.put(step, value);
        }
        List<String> h = new ArrayList<>(history);
        if (!h.contains(step)) {
            h.add(step);
        }
        return new ConversationState(id, channel, person, language, flowId, runId, stepId, summary, changing, a, h,
                context, startedAt, updatedAt, version, answered, paused, lastClick);
    }

    /** Forgets the path after {@code step} (its answers too): a changed branch leads elsewhere. */
    ConversationState truncatedAfter(String step) {
        int index = history.indexOf(step);
        List<String> kept = new ArrayList<>(history.subList(0, index + 1));
        Map<String, String> a = new LinkedHashMap<>(answers);
        history.subList(index + 1, history.size()).forEach(a::remove);
        return new ConversationState(id, channel, person, language, flowId, runId, stepId, summary, changing, a, kept,
                context, startedAt, updatedAt, version, answered, paused, lastClick);
    }

    /** Goes back one step: the last answered step is asked again and its answer forgotten. */
    ConversationState back() {
        List<String> h = new ArrayList<>(history);
        String previous = h.remove(h.size() - 1);
        Map<String, String> a = new LinkedHashMap<>(answers);
        a.remove(previous);
        return new ConversationState(id, channel, person, language, flowId, runId, previous, false, false, a, h,
                context, startedAt, updatedAt, version, answered, paused, lastClick);
    }

    /** A flow set aside, as it stood: see {@link ConversationState#paused}. */
    public record Paused(String flowId, String runId, String stepId, boolean summary, boolean changing,
            Map<String, String> answers, List<String> history, Map<String, String> context, Instant startedAt) {
        public Paused {
            answers = answers == null ? Map.of() : Map.copyOf(answers);
            history = history == null ? List.of() : List.copyOf(history);
            context = context == null ? Map.of() : Map.copyOf(context);
        }
    }

    /** The running flow set aside (see {@link #paused}), no flow running: a bot-started one begins next. */
    ConversationState settingAside() {
        Paused aside = new Paused(flowId, runId, stepId, summary, changing, answers, history, context, startedAt);
        return new ConversationState(id, channel, person, language, null, null, null, false, false, Map.of(),
                List.of(), Map.of(), null, updatedAt, version, answered, aside, lastClick);
    }

    /** The flow set aside running again where it stood, nothing set aside. */
    ConversationState resumingPaused() {
        Paused p = paused;
        return new ConversationState(id, channel, person, language, p.flowId(), p.runId(), p.stepId(), p.summary(),
                p.changing(), p.answers(), p.history(), p.context(), p.startedAt(), updatedAt, version, answered, null, lastClick);
    }

    /** Without the flow set aside: it ran out of time, or its flow no longer exists. */
    ConversationState withoutPaused() {
        return new ConversationState(id, channel, person, language, flowId, runId, stepId, summary, changing, answers,
                history, context, startedAt, updatedAt, version, answered, null, lastClick);
    }

    /** What the bot answered to {@code messageId}, when it is one of the last messages this conversation took. */
    Optional<BotReply> answerTo(String messageId) {
        return answered.stream().filter(a -> a.messageId().equals(messageId)).map(Answered::reply).findFirst();
    }

    /** Whether a message other than {@code messageId} was answered after it: the conversation has moved on since. */
    boolean answeredSince(String messageId) {
        for (int i = answered.size() - 1; i >= 0; i--) {
            if (answered.get(i).messageId().equals(messageId)) {
                return i < answered.size() - 1;
            }
        }
        return false;
    }

    /**
     * Whether the conversation took a message written after {@code messageId}. A channel that stamps each message with
     * the time it was written, by one clock for all its places, names them {@code <kind>:<place>:<number>} (Slack:
     * "post:D…:1763900000.000100", the number its ts): messages of one kind compare by it, in whichever place (a
     * person's DM and their mention in a channel are one conversation); other ids (a mail's key, a click's) are not
     * compared.
     */
    boolean tookLaterThan(String messageId) {
        Matcher asked = SEQUENCED.matcher(messageId);
        if (!asked.matches()) {
            return false;
        }
        java.math.BigDecimal number = new java.math.BigDecimal(asked.group(3));
        for (Answered a : answered) {
            Matcher taken = SEQUENCED.matcher(a.messageId());
            if (taken.matches() && taken.group(1).equals(asked.group(1)) && new java.math.BigDecimal(taken.group(3)).compareTo(number) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Remembers the answer to {@code messageId} (the oldest remembered one goes). */
    ConversationState answering(String messageId, BotReply reply) {
        List<Answered> a = new ArrayList<>(answered);
        a.add(new Answered(messageId, reply.text(), reply.choices(), reply.language()));
        List<Answered> kept = a.subList(Math.max(0, a.size() - REMEMBERED), a.size());
        return new ConversationState(id, channel, person, language, flowId, runId, stepId, summary, changing, answers, history,
                context, startedAt, updatedAt, version, kept, paused, lastClick);
    }

    /** With {@code key} set to {@code value} in the context (null: removed), e.g. an answer waiting to be confirmed. */
    ConversationState withContext(String key, String value) {
        Map<String, String> c = new LinkedHashMap<>(context);
        if (value == null) {
            c.remove(key);
        } else {
            c.put(key, value);
        }
        return new ConversationState(id, channel, person, language, flowId, runId, stepId, summary, changing, answers, history,
                c, startedAt, updatedAt, version, answered, paused, lastClick);
    }

    /** {@code question} and the {@code folded} value of a button, as {@link #lastClick} holds them. */
    static String click(String question, String folded) {
        return question + "\n" + folded;
    }

    /** With the button that made this turn ({@link #click}; null: typed words). */
    ConversationState clickedBy(String click) {
        return new ConversationState(id, channel, person, language, flowId, runId, stepId, summary, changing, answers, history,
                context, startedAt, updatedAt, version, answered, paused, click);
    }

    /** This state as the next revision after {@code before} (a turn computed on an earlier read, written after a claim). */
    ConversationState after(ConversationState before) {
        return new ConversationState(id, channel, person, language, flowId, runId, stepId, summary, changing, answers,
                history, context, startedAt, updatedAt, before.version, answered, paused, lastClick);
    }

    /** The state to write after a turn: stamped and one version on. */
    ConversationState written(Instant now) {
        return new ConversationState(id, channel, person, language, flowId, runId, stepId, summary, changing, answers,
                history, context, startedAt, now, version + 1, answered, paused, lastClick);
    }
}

package se.foubot.messaging;

import java.util.List;

import se.foubot.conversation.BotReply;
import se.foubot.conversation.ReplyChoice;

/**
 * What the bot answers, whatever the channel: a text (always there, the whole answer where a channel shows nothing
 * richer), choices a channel may offer as buttons, and optionally a {@link Card} a channel renders in its own way
 * (Slack blocks). Each channel renders it; none needs to know which feature answered.
 *
 * @param thread     what a reply to this answer belongs to (mail threads it), or null
 * @param needsProof nothing was done because the sender is not proven; {@code text} says (as the end of "we will …")
 *                   what will be done once they confirm, and the channel asks them to
 * @param repeated   the conversation's answer to a message it took before (done again after a crash or a failed
 *                   post): a channel that can tell whether it showed it then need not show it twice
 * @param notice     what {@code text} begins with that is not the answer's own: the person's conversation ended (it
 *                   ran out of time, its flow is gone, it could not be read). A channel that shows a card in place of
 *                   the text shows this above it; null when there is none
 */
public record Reply(String text, List<ReplyChoice> choices, String thread, boolean needsProof, Card card, boolean repeated,
        String notice) {

    public Reply {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public Reply(String text, List<ReplyChoice> choices, String thread, boolean needsProof, Card card) {
        this(text, choices, thread, needsProof, card, false, null);
    }

    public Reply(String text, List<ReplyChoice> choices, String thread, boolean needsProof, Card card, boolean repeated) {
        this(text, choices, thread, needsProof, card, repeated, null);
    }

    public static Reply text(String text) {
        return new Reply(text, List.of(), null, false, null);
    }

    /** Nothing to say (a second click on a button that has been answered); a channel sends nothing. */
    public static Reply none() {
        return new Reply("", List.of(), null, false, null);
    }

    public boolean isNone() {
        return text.isEmpty() && choices.isEmpty() && card == null && !needsProof;
    }

    /** The conversation's answer; {@link #repeated} when it is the answer the message got before (see {@link BotReply}). */
    public static Reply of(BotReply reply) {
        return new Reply(reply.text(), reply.choices(), null, false, null, reply.repeated());
    }

    /** @param whatWillBeDone e.g. "avanmäla dig från FoU-forum 10 mars" */
    public static Reply confirmFirst(String whatWillBeDone) {
        return new Reply(whatWillBeDone, List.of(), null, true, null);
    }

    public Reply inThread(String newThread) {
        return new Reply(text, choices, newThread, needsProof, card, repeated, notice);
    }

    public Reply withCard(Card newCard) {
        return new Reply(text, choices, thread, needsProof, newCard, repeated, notice);
    }

    /**
     * This reply after the conversation's notice {@code before} (see {@link #notice}): the text begins with it, a card is
     * shown under it. A notice may end with the question of a flow set aside that goes on: its buttons come with it when
     * this reply has none of its own (helper 114: the question came without them after a command's answer).
     */
    public Reply after(se.foubot.conversation.BotReply before) {
        String said = before.text();
        return new Reply(text.isBlank() ? said : said + "\n\n" + text, choices.isEmpty() ? before.choices() : choices, thread,
                needsProof, card, repeated, said);
    }
}

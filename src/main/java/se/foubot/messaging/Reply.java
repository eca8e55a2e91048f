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
 */
public record Reply(String text, List<ReplyChoice> choices, String thread, boolean needsProof, Card card) {

    public Reply {
        choices = choices == null ? List.of() : List.copyOf(choices);
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

    public static Reply of(BotReply reply) {
        return new Reply(reply.text(), reply.choices(), null, false, null);
    }

    /** @param whatWillBeDone e.g. "avanmäla dig från FoU-forum 10 mars" */
    public static Reply confirmFirst(String whatWillBeDone) {
        return new Reply(whatWillBeDone, List.of(), null, true, null);
    }

    public Reply inThread(String newThread) {
        return new Reply(text, choices, newThread, needsProof, card);
    }

    public Reply withCard(Card newCard) {
        return new Reply(text, choices, thread, needsProof, newCard);
    }
}

package se.foubot.conversation;

import java.util.List;

/**
 * What the bot answers to one message: text, and choices a channel may offer as buttons. {@code repeated}: the answer
 * the conversation gave this message before (the same message done again, after a crash or a failed post), which the
 * channel may already have shown.
 */
public record BotReply(String text, List<ReplyChoice> choices, Language language, boolean repeated) {

    public BotReply {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public BotReply(String text, List<ReplyChoice> choices, Language language) {
        this(text, choices, language, false);
    }

    /** This answer, given again to the message it answered before. */
    BotReply again() {
        return new BotReply(text, choices, language, true);
    }
}

package se.foubot.conversation;

import java.util.List;

/** What the bot answers to one message: text, and choices a channel may offer as buttons. */
public record BotReply(String text, List<ReplyChoice> choices, Language language) {

    public BotReply {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }
}

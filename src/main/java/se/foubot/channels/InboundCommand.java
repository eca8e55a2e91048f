package se.foubot.channels;

import java.util.Optional;

import se.foubot.conversation.Language;

/**
 * A short command a person may write in a channel that has no conversation engine in front of it (email):
 * "forum", "avsluta", "anmäl". A feature implements it; the channel asks each in turn before treating the
 * message as a support request.
 */
public interface InboundCommand {

    /** A message as the channel received it. {@code thread} is what the bot's mail it answers belongs to, or null. */
    record Message(Recipient from, String subject, String text, String thread, String key, Language language) {
    }

    /** The answer to send back; {@code thread} is what a reply to that answer belongs to. */
    record Answer(String text, String thread) {
    }

    /** @return the answer when this message is this command; empty to let others (or the intake) have it */
    Optional<Answer> handle(Message message);
}

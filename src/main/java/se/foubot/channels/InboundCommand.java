package se.foubot.channels;

import java.util.Optional;

import se.foubot.conversation.Language;

/**
 * A short command a person may write in a channel that has no conversation engine in front of it (email):
 * "forum", "avsluta", "anmäl". A feature implements it; the channel asks each in turn before treating the
 * message as a support request.
 */
public interface InboundCommand {

    /**
     * A message as the channel received it. {@code thread} is what the bot's mail it answers belongs to, or null.
     * {@code senderProven}: the channel has proof that {@code from} wrote it (for mail: the receiving server's
     * DMARC/SPF/DKIM verdict, an answer to the bot's own mail to that address, or a confirmation); a command that
     * changes someone's state acts only then.
     */
    record Message(Recipient from, String subject, String text, String thread, String key, Language language,
            boolean senderProven) {
    }

    /**
     * The answer to send back; {@code thread} is what a reply to that answer belongs to. {@code needsProof}: nothing
     * was done, because the sender is not proven; {@code text} says (in the message's language, as the end of "we
     * will …") what will be done once the sender confirms, and the channel asks them to.
     */
    record Answer(String text, String thread, boolean needsProof) {

        public Answer(String text, String thread) {
            this(text, thread, false);
        }

        /** @param whatWillBeDone e.g. "avanmäla dig från FoU-forum 10 mars" */
        public static Answer confirmFirst(String whatWillBeDone) {
            return new Answer(whatWillBeDone, null, true);
        }
    }

    /** @return the answer when this message is this command; empty to let others (or the intake) have it */
    Optional<Answer> handle(Message message);
}

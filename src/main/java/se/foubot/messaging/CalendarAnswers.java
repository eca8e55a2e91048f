package se.foubot.messaging;

import java.util.Optional;

import se.foubot.conversation.Language;

/**
 * An attendee's answer to one of the bot's calendar invites (iMIP REPLY), as a channel received it. The feature
 * that sent the invite implements it; the channel hands each answer over and says nothing back to the attendee.
 */
public interface CalendarAnswers {

    /**
     * @param uid          the event's UID ("{meeting}@fou-bot" for the bot's own invites)
     * @param attendee     the answering attendee's address, which the channel has checked is the sender's
     * @param partstat     ACCEPTED, TENTATIVE, DECLINED, …
     * @param senderProven whether the channel has proof that the attendee sent it (see {@link Inbound})
     */
    record Reply(String uid, String attendee, String partstat, boolean senderProven, Language language) {
    }

    /**
     * What became of it: {@code outcome} names what was recorded; or, when the sender must be proven first,
     * {@code confirmFirst} says what will be done (the end of "we will …") once they confirm.
     */
    record Handled(String outcome, String confirmFirst) {

        public static Handled recorded(String outcome) {
            return new Handled(outcome, null);
        }

        public static Handled confirmFirst(String whatWillBeDone) {
            return new Handled(null, whatWillBeDone);
        }
    }

    /** @return empty when the UID is not one of this feature's invites */
    Optional<Handled> reply(Reply reply);
}

package se.foubot.messaging;

/**
 * Who someone is to the unit, as the channel that knows them can tell (Slack: the staff and coordinator lists): what
 * the help shows them, since a coordinator's command is no use to anyone else. A channel that knows nobody's role
 * (the terminal, mail) has none, and only what works for everyone is shown there.
 */
public interface Roles {

    enum Role {
        EVERYONE,
        /** The unit's analysts (FoU-utredare). */
        STAFF,
        /** FoU's coordinators, who plan the forum and open knowledge-gap rounds. */
        COORDINATOR
    }

    /** @return whether {@code person} has {@code role}; false for anyone this channel does not know */
    boolean has(Recipient person, Role role);
}

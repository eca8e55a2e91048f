package se.foubot.tasks;

/**
 * One channel's way of telling a requester about their request, where they asked (a Slack DM or thread, a reply in
 * their mail thread). {@link RequesterNotices} writes the words once; each channel only delivers them.
 */
public interface RequesterChannel {

    /** The {@link Requester#channel()} this serves. */
    String channel();

    /** How this channel names the analyst in a notice ("<@U123>" in Slack); null when it names none. */
    String analyst(String actorId);

    /**
     * Delivers one notice, once per {@code key}.
     *
     * @param subject for channels with subjects (mail)
     */
    void tell(SupportTask task, String key, String subject, String text);
}

package se.foubot.channels.email;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import se.foubot.conversation.Language;

/**
 * What the mail channel asks of the support tasks, offered by the tasks feature ({@code tasks.mail}): a mail that
 * completes a request becomes a task, a mail about a task goes into its history. Plain values only, so the channel
 * knows none of the feature's types.
 */
public interface MailRequests {

    /**
     * Who the sender of a mail about a task is to that task; {@code ANONYMISED} when retention has taken the task's text
     * and requester, so that nobody's mail can be kept on it any more.
     */
    enum Sender {
        REQUESTER, COPIED, THIRD_PARTY, ANONYMISED
    }

    /** A task made from a mail's request, or why none was made. */
    record Created(String reference, Refused refused) {
    }

    /** The sender has started as many tasks as allowed within the hour: {@code text} says so, in their language. */
    record Refused(int limit, String text) {
    }

    /** The category the words of a request sort into; null when people must sort it. */
    String categoryOf(String text);

    boolean taskExists(String reference);

    /** Who {@code from} is to the task (by the address it was asked from or copied to); null when there is no such task. */
    Sender senderOf(String reference, String from);

    /** The language the task was asked in (Swedish when there is no such task). */
    Language languageOf(String reference);

    /** The language of the newest task {@code from} asked for by mail (Swedish when they have none). */
    Language languageOfSender(String from);

    /** Adds the mail to the task's history, once per {@code mailKey}, as the sender's. */
    void attach(String reference, Sender sender, String from, String mailKey, String text);

    /**
     * Makes the task for a complete request, once per {@code sourceKey}.
     *
     * @param address   where the requester is answered (the root Message-ID, the copied addresses)
     * @param category  the chosen category id, or null when the sender did not say
     */
    Created create(String sourceKey, String from, Map<String, String> address, String district, String concern,
            String category, LocalDate neededBy, List<String> attachments, Language language);
}

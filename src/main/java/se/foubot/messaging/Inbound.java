package se.foubot.messaging;

import se.foubot.conversation.Language;

/**
 * A message as any channel received it, after the privacy guard. For chat (Slack, the terminal) {@code subject} is
 * empty and {@code text} is what the person typed; for mail they are the subject and the body.
 *
 * @param thread       what the bot's message it answers belongs to ("forum:{id}", "task:{ref}"), or null
 * @param key          the channel's once-only key of the message (Slack event id, mail key)
 * @param senderProven the channel has proof that {@code from} wrote it (Slack and the terminal: always; mail: the
 *                     receiving server's DMARC/SPF/DKIM verdict, an answer to the bot's own mail to that address, or
 *                     a confirmation); a command that changes someone's state acts only then
 */
public record Inbound(Recipient from, String subject, String text, String thread, String key, Language language,
        boolean senderProven) {

    public Inbound {
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        language = language == null ? Language.SV : language;
    }

    /** A line typed in a chat: Slack, the terminal. */
    public static Inbound chat(Recipient from, String text, Language language) {
        return new Inbound(from, "", text, null, null, language, true);
    }

    /** The first line of the text, as the person wrote it, stripped. */
    public String firstLine() {
        return text.strip().lines().findFirst().orElse("").strip();
    }

    public boolean isMail() {
        return from.isEmail();
    }
}

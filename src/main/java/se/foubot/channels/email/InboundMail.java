package se.foubot.channels.email;

import java.util.List;
import java.util.Map;

import se.foubot.privacy.GuardedText;

/**
 * A received mail, read into what the bot needs; no Jakarta Mail types beyond this package. Every text in it has passed
 * the privacy guard: free text as {@link GuardedText}, addresses as the guard left them; threading identifiers
 * (Message-ID, In-Reply-To, References) are keys and kept only hashed ({@code mid:…}), never guarded as text.
 *
 * @param key                      once-only key: the Message-ID hashed ({@code mid:…}), or a hash of the whole mail
 *                                 ({@code sha256:…}) when it has none; it serves only as a key
 * @param messageId                the Message-ID as written, kept only to answer in the same thread (the answer's
 *                                 In-Reply-To); null when it held a personal identity number (then the answer is
 *                                 not threaded)
 * @param from                     the sender's address, lower-case; null when unreadable or when it held a personal
 *                                 identity number
 * @param fromHeldIdentityNumber   the sender's address held a personal identity number (the mail is quarantined)
 * @param fromName                 the sender's display name (read, never stored)
 * @param text                     the new text of the mail: quoted history and signature removed
 * @param signature                the signature block, if one was found (it may name the district)
 * @param headers                  the headers that matter for loop and bounce detection, lower-case names
 * @param attachments              names of attached files (the files are not stored)
 * @param problem                  the rule that found the mail unreadable ({@code broken-mime}, {@code damaged-base64}, {@code unreadable}), or null
 * @param copied                   the other addresses in To and Cc, lower case (people copied on a request)
 * @param trace                    the (ARC-)Authentication-Results and Received fields, top first, as "name: value"; read to
 *                                 prove the sender, never stored
 * @param calendar                 the iCalendar part of a calendar answer (iMIP), or null
 * @param inReplyTo                the In-Reply-To hashed ({@code mid:…}), to match it against the bot's own mails
 * @param references               the References hashed ({@code mid:…}), likewise
 * @param headerHeldIdentityNumber an address or kept header the sender's mail program wrote (To, Cc, Return-Path, the
 *                                 headers kept) held a personal identity number: left out or removed, and the sender
 *                                 is told as for their text
 * @param date                     the Date field as written (any year a sender likes), or null; see {@link MailInbox}
 */
public record InboundMail(
        String key,
        String messageId,
        String from,
        boolean fromHeldIdentityNumber,
        GuardedText fromName,
        String returnPath,
        GuardedText subject,
        GuardedText text,
        GuardedText signature,
        String inReplyTo,
        List<String> references,
        Map<String, List<String>> headers,
        String contentType,
        List<GuardedText> attachments,
        String problem,
        List<String> copied,
        List<String> trace,
        CalendarReply calendar,
        boolean headerHeldIdentityNumber,
        java.time.Instant date) {

    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(), List.of());
    }

    public String fromDomain() {
        int at = from == null ? -1 : from.lastIndexOf('@');
        return at < 0 ? "" : from.substring(at + 1).toLowerCase();
    }

    /** True when the guard removed a personal identity number from anything of the mail the sender sent. */
    public boolean identityNumberRemoved() {
        return fromName.identityNumberRemoved() || subject.identityNumberRemoved() || text.identityNumberRemoved()
                || signature.identityNumberRemoved() || attachments.stream().anyMatch(GuardedText::identityNumberRemoved)
                || headerHeldIdentityNumber;
    }

    public List<String> attachmentNames() {
        return attachments.stream().map(GuardedText::text).toList();
    }
}

package se.foubot.channels.email;

import java.util.List;
import java.util.Map;

/**
 * A received mail, read into what the bot needs; no Jakarta Mail types beyond this package.
 *
 * @param key         once-only key: the Message-ID, or a hash of the content when there is none
 * @param text        the new text of the mail: quoted history and signature removed
 * @param signature   the signature block, if one was found (it may name the district)
 * @param headers     the headers that matter for loop and bounce detection, lower-case names
 * @param attachments names of attached files (they are not stored)
 * @param problem     why the mail could not be read fully (broken MIME), or null
 */
public record InboundMail(
        String key,
        String messageId,
        String from,
        String fromName,
        String returnPath,
        String subject,
        String text,
        String signature,
        String inReplyTo,
        List<String> references,
        Map<String, List<String>> headers,
        String contentType,
        List<String> attachments,
        String problem) {

    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(), List.of());
    }

    public String fromDomain() {
        int at = from == null ? -1 : from.lastIndexOf('@');
        return at < 0 ? "" : from.substring(at + 1).toLowerCase();
    }
}

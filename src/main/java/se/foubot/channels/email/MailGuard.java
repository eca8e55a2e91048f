package se.foubot.channels.email;

import java.util.List;
import java.util.Optional;

/**
 * Which received mail the bot must not answer: automatic mail, mail without a sender or from the bot's own address,
 * senders from other domains.
 */
final class MailGuard {

    private final List<String> allowedDomains;
    /**
     * The bot's own addresses, lower case (its From address, and the mailbox it reads when that is another): mail "from"
     * one of them was written by someone else, or is the bot's own coming back.
     */
    private final java.util.Set<String> ownAddresses;

    MailGuard(List<String> allowedDomains, String... ownAddresses) {
        this.allowedDomains = allowedDomains;
        this.ownAddresses = java.util.Arrays.stream(ownAddresses).filter(a -> a != null && a.contains("@")).map(MailGuard::canonical)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * An address as a comparison sees it: lower case, and a quoted local part unquoted ({@code "fou"@localhost} and
     * {@code "\fou"@localhost} are {@code fou@localhost}, RFC 5322 3.4.1).
     */
    static String canonical(String address) {
        String a = address.strip().toLowerCase(java.util.Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at > 1 && a.charAt(0) == '"' && a.charAt(at - 1) == '"') {
            a = a.substring(1, at - 1).replaceAll("\\\\(.)", "$1") + a.substring(at);
        }
        return a;
    }

    /** @return the rule that sends the mail to quarantine (never its text), or empty when a person wrote it and may be answered */
    Optional<String> quarantineReason(InboundMail mail) {
        // a calendar's answer to an invite is sent by software too, and is exactly what the bot waits for
        boolean calendarAnswer = mail.calendar() != null && "REPLY".equals(mail.calendar().method());
        Optional<String> automatic = calendarAnswer ? Optional.empty() : AutoReplyDetector.reason(mail);
        if (automatic.isPresent()) {
            return automatic;
        }
        if (mail.fromHeldIdentityNumber()) {
            return Optional.of("sender address holds a personal identity number");
        }
        if (mail.from() == null) {
            return Optional.of("no readable sender");
        }
        if (ownAddresses.contains(canonical(mail.from()))) {
            return Optional.of("sent in the bot's own name");
        }
        if (!allowedDomains.isEmpty() && allowedDomains.stream().noneMatch(d -> mail.fromDomain().equals(d)
                || mail.fromDomain().endsWith("." + d))) {
            return Optional.of("sender domain not allowed");
        }
        return Optional.empty();
    }
}

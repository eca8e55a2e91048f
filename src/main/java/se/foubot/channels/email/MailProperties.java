package se.foubot.channels.email;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Email settings. With neither URL set, an embedded mail server serves both (SMTP 127.0.0.1:3025, IMAP
 * 127.0.0.1:3143, mailbox fou@localhost / fou).
 *
 * @param imapUrl               {@code FOUBOT_IMAP_URL}, e.g. imap://user:pass@host:143/INBOX or imaps://…
 * @param smtpUrl               {@code FOUBOT_SMTP_URL}, e.g. smtp://user:pass@host:587 or smtps://…
 * @param from                  {@code FOUBOT_MAIL_FROM}, the bot's address
 * @param allowedSenderDomains  {@code FOUBOT_ALLOWED_SENDER_DOMAINS}; empty: any
 * @param embeddedSmtpPort      port of the embedded SMTP server
 * @param embeddedImapPort      port of the embedded IMAP server
 * @param outboxPollInterval    how often the outbox is looked through for mail to send
 * @param outboxLease           how long a sender holds a mail it is sending before another may take it
 * @param outboxMaxAttempts     attempts before a mail is given up (and kept, marked failed)
 * @param smtpConnections       SMTP connections the outbox sends over at once (mail waits on the server's answer, so
 *                              a few connections keep it busy)
 * @param outboxBatch           {@code FOUBOT_OUTBOX_BATCH}: mails a connection takes from the outbox, and records as sent,
 *                              with one store command (each mail otherwise waits for one commit before the next leaves);
 *                              a sender killed with SIGKILL may send up to this many mails per connection again (same
 *                              Message-ID); 1 records each mail before the next goes out
 * @param pollInterval          how often the mailbox is read
 * @param repliesPerSenderPerHour at most this many mails to one address an hour (a loop guard)
 * @param unprovenRepliesPerDomainPerHour {@code FOUBOT_MAIL_UNPROVEN_REPLIES_PER_DOMAIN_PER_HOUR}: at most this many
 *                              automatic answers an hour to one domain outside the allowed ones for senders nobody proved
 *                              (backscatter guard)
 * @param processedFolder       {@code FOUBOT_MAIL_PROCESSED_FOLDER}: move stored mail there; blank: mark it \Seen
 * @param readerLease how long one replica holds the right to read the mailbox without renewing it; when it
 *                    dies, another replica reads once this has run out
 * @param trustedAuthservIds {@code FOUBOT_MAIL_TRUSTED_AUTHSERV_IDS}: the receiving servers whose
 *                    Authentication-Results prove a sender (e.g. mx.google.com; "exchange-online" for Exchange
 *                    Online, which writes none); empty: a sender is proven only by answering the bot's mail
 * @param processingLease how long a replica holds a stored mail it is processing; when it dies, another (or it,
 *                    restarted) processes the mail once this has run out
 */
@Validated
@ConfigurationProperties("foubot.mail")
public record MailProperties(
        String imapUrl,
        String smtpUrl,
        @NotBlank String from,
        List<String> allowedSenderDomains,
        @Min(0) int embeddedSmtpPort,
        @Min(0) int embeddedImapPort,
        @NotNull @DurationMin(millis = 1) Duration outboxPollInterval,
        @NotNull @DurationMin(millis = 1) Duration outboxLease,
        @Min(1) int outboxMaxAttempts,
        @NotNull @DurationMin(millis = 1) Duration pollInterval,
        @Min(1) int repliesPerSenderPerHour,
        String processedFolder,
        @NotNull @DurationMin(millis = 1) Duration readerLease,
        List<String> trustedAuthservIds,
        @NotNull @DurationMin(millis = 1) Duration processingLease,
        @Min(1) int smtpConnections,
        @Min(1) int unprovenRepliesPerDomainPerHour,
        @Min(1) @Max(20) int outboxBatch) {

    /** A domain name: labels of letters, digits and inner hyphens, separated by dots. */
    private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern.compile(
            "[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(\\.[\\p{L}\\p{N}]([\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*");

    public MailProperties {
        allowedSenderDomains = lowerCase(allowedSenderDomains);
        for (int i = 0; i < allowedSenderDomains.size(); i++) {
            if (!DOMAIN.matcher(allowedSenderDomains.get(i)).matches()) {
                // "@stockholm.se" or "*.stockholm.se" would match no sender and shut every one out without a word; the
                // entry is named by its place, not shown (a stray line break in it would write a line of its own)
                throw new se.foubot.settings.SettingProblem("FOUBOT_ALLOWED_SENDER_DOMAINS lists something that is no domain"
                        + " (entry " + (i + 1) + " of " + allowedSenderDomains.size() + ").", "List domains such as"
                        + " stockholm.se,edu.stockholm.se separated by commas: subdomains are included, so no @ or *, and no"
                        + " spaces or final dot.");
            }
        }
        trustedAuthservIds = lowerCase(trustedAuthservIds);
    }

    private static List<String> lowerCase(List<String> values) {
        return values == null ? List.of()
                : values.stream().map(String::strip).filter(s -> !s.isEmpty()).map(String::toLowerCase).toList();
    }

    public boolean embedded() {
        return blank(imapUrl) && blank(smtpUrl);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

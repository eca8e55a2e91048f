package se.foubot.channels.email;

/** Where mail is read and sent: the configured servers, or the embedded one. */
public record MailEndpoints(String imapUrl, String smtpUrl) {
}

package se.foubot.channels.email;

/** The embedded mail server cannot listen on one of its ports: another process holds it. */
public final class EmbeddedMailPortTaken extends RuntimeException {

    EmbeddedMailPortTaken(int smtpPort, int imapPort, RuntimeException cause) {
        super("The embedded mail server cannot listen on 127.0.0.1:" + smtpPort + " (SMTP, foubot.mail.embedded-smtp-port) and "
                + "127.0.0.1:" + imapPort + " (IMAP, foubot.mail.embedded-imap-port): " + server(cause), cause);
    }

    /** GreenMail names the server that did not start, then suggests a longer start-up timeout, which would not help. */
    private static String server(RuntimeException cause) {
        String message = String.valueOf(cause.getMessage());
        int hint = message.indexOf(", try to set");
        return hint < 0 ? message : message.substring(0, hint) + " (is the port in use?)";
    }
}

package se.foubot.channels.email;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP and IMAP server inside the JVM on loopback (GreenMail), so the email channel works on a fresh
 * machine. The bot's mailbox is fou@localhost / fou; every other address mail is sent to gets a mailbox whose
 * user name and password are the address itself.
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);
    public static final String MAILBOX = "fou@localhost";
    public static final String PASSWORD = "fou";

    private final GreenMail greenMail;

    private EmbeddedMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    public static EmbeddedMailServer start(int smtpPort, int imapPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        try {
            greenMail.start();
        } catch (RuntimeException portTaken) {
            // a server that did start has a thread that is not a daemon: left running, it would keep a bot that failed
            // to start alive, and a supervisor would never restart it
            greenMail.stop();
            throw new EmbeddedMailPortTaken(smtpPort, imapPort, portTaken);
        }
        greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
        EmbeddedMailServer server = new EmbeddedMailServer(greenMail);
        log.info("event=embedded_mail_started smtp=127.0.0.1:{} imap=127.0.0.1:{} mailbox={}", server.smtpPort(),
                server.imapPort(), MAILBOX);
        return server;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public String smtpUrl() {
        return "smtp://127.0.0.1:" + smtpPort();
    }

    public String imapUrl() {
        return "imap://fou%40localhost:" + PASSWORD + "@127.0.0.1:" + imapPort() + "/INBOX";
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}

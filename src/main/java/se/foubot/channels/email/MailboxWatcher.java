package se.foubot.channels.email;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import se.foubot.privacy.LogText;

/**
 * Waits for new mail with IMAP IDLE where the server offers it, and reads the mailbox at once when something
 * arrives; the periodic poll stays as the fallback (and the only way where IDLE is not offered). Reconnects by
 * itself.
 */
class MailboxWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailboxWatcher.class);
    private static final long RECONNECT_MILLIS = 30_000;

    private final MailSessions.Server server;
    private final Session session;
    private final Runnable onNewMail;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Store store;

    MailboxWatcher(String imapUrl, Runnable onNewMail) {
        this.server = MailSessions.parse(imapUrl);
        this.session = MailSessions.session(server);
        this.onNewMail = onNewMail;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::watch, "mailbox-idle");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (running) {
            try (Store s = session.getStore(server.protocol())) {
                store = s;
                s.connect(server.host(), server.port(), server.user(), server.password());
                if (s instanceof IMAPStore imap && !imap.hasCapability("IDLE")) {
                    log.info("event=mailbox_idle_unsupported host={} fallback=polling", server.host());
                    return;
                }
                Folder folder = s.getFolder(server.folder());
                folder.open(Folder.READ_ONLY);
                // a mail that arrives between the read below and the server's taking the IDLE command is announced
                // (EXISTS) while IDLE begins, which does not end the IDLE: the announcement itself starts the read
                folder.addMessageCountListener(new MessageCountAdapter() {
                    @Override
                    public void messagesAdded(MessageCountEvent e) {
                        if (running) {
                            announce();
                        }
                    }
                });
                log.info("event=mailbox_idle_started host={} folder={}", server.host(), server.folder());
                // what arrived before idling began (at start, or while reconnecting) is read now
                if (running) {
                    announce();
                }
                while (running && folder.isOpen()) {
                    ((IMAPFolder) folder).idle(true);
                    if (running) {
                        announce();
                    }
                }
            } catch (MessagingException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.info("event=mailbox_idle_interrupted reason=\"{}\" reconnect_in_ms={}", LogText.clean(e.getMessage()), RECONNECT_MILLIS);
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Has the mailbox read. A read that fails (the store away) is not this connection's failure: the wait for new mail
     * goes on, and the scheduled read tries again; reconnecting only logged a pair of lines every half minute.
     */
    private void announce() {
        try {
            onNewMail.run();
        } catch (RuntimeException e) {
            log.debug("event=mailbox_read_after_idle_failed rule={}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void stop() {
        running = false;
        Store s = store;
        if (s != null) {
            try {
                s.close();
            } catch (MessagingException e) {
                log.debug("event=mailbox_idle_close_failed reason=\"{}\"", LogText.clean(e.getMessage()));
            }
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                // let a read in progress end before the mail server and the store close
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

package se.foubot.channels.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import se.foubot.privacy.LogText;

/**
 * Reads new mail from the IMAP mailbox: fetches each unseen message without marking it (BODY.PEEK), stores it,
 * and only then marks it \Seen. A crash or a MongoDB outage half-way leaves the message unseen, to be read again;
 * the Message-ID key makes the second reading store nothing new.
 */
public class MailboxReader {

    private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);
    private static final int BATCH = 500;

    private final MailSessions.Server server;
    private final Session session;
    private final MailInbox inbox;
    private final String processedFolder;
    private volatile boolean toldUnreachable;
    private volatile String lastError;

    /** @param processedFolder where stored mail is moved; null or blank: it stays and is marked \Seen */
    public MailboxReader(String imapUrl, MailInbox inbox, String processedFolder) {
        this.server = MailSessions.parse(imapUrl);
        this.session = MailSessions.session(server);
        this.inbox = inbox;
        this.processedFolder = processedFolder == null || processedFolder.isBlank() ? null : processedFolder.strip();
    }

    private void moveTo(Store store, IMAPFolder from, Message[] messages) throws MessagingException {
        Folder target = store.getFolder(processedFolder);
        if (!target.exists()) {
            target.create(Folder.HOLDS_MESSAGES);
        }
        if (((org.eclipse.angus.mail.imap.IMAPStore) store).hasCapability("MOVE")) {
            from.moveMessages(messages, target);
        } else {
            from.copyMessages(messages, target);
            from.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
            from.expunge(messages);
        }
    }

    /** Why the last read of the mailbox failed; null when it succeeded (or none was tried yet). */
    String lastError() {
        return lastError;
    }

    /** @return how many messages were read (new or not) */
    public int poll() {
        int read = 0;
        try (Store store = session.getStore(server.protocol())) {
            store.connect(server.host(), server.port(), server.user(), server.password());
            Folder folder = store.getFolder(server.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                Message[] batch = java.util.Arrays.copyOf(unseen, Math.min(unseen.length, BATCH));
                // whole messages for the batch in one FETCH (BODY.PEEK[]): one round trip, not one per message
                FetchProfile profile = new FetchProfile();
                profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
                folder.fetch(batch, profile);
                List<Message> fetched = new ArrayList<>();
                List<byte[]> raws = new ArrayList<>();
                try {
                    for (Message m : batch) {
                        if (m instanceof IMAPMessage imap) {
                            imap.setPeek(true);
                        }
                        ByteArrayOutputStream raw = new ByteArrayOutputStream();
                        m.writeTo(raw);
                        raws.add(raw.toByteArray());
                        fetched.add(m);
                    }
                } finally {
                    // what was read is stored in one write (one commit to disk for the batch), and only once it is
                    // stored marked \Seen (in one STORE), or moved out of the way
                    if (!fetched.isEmpty()) {
                        int fresh = inbox.receiveAll(raws);
                        read += fetched.size();
                        log.info("event=mail_read count={} new={}", fetched.size(), fresh);
                        Message[] done = fetched.toArray(new Message[0]);
                        folder.setFlags(done, new Flags(Flags.Flag.SEEN), true);
                        if (processedFolder != null) {
                            moveTo(store, (IMAPFolder) folder, done);
                        }
                    }
                }
            } finally {
                folder.close(false);
            }
            lastError = null;
            if (toldUnreachable) {
                toldUnreachable = false;
                log.info("event=mailbox_reachable_again host={}", server.host());
            }
        } catch (MessagingException | IOException e) {
            lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!toldUnreachable) {
                toldUnreachable = true;
                log.warn("event=mailbox_unreachable host={} port={} reason=\"{}\"", server.host(), server.port(), LogText.clean(e.getMessage()));
            }
        } catch (DataAccessException e) {
            log.warn("event=mailbox_store_unavailable reason=\"{}\" read={}", LogText.clean(e.getMostSpecificCause().getMessage()), read);
        }
        return read;
    }
}

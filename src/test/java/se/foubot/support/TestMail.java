package se.foubot.support;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import se.foubot.channels.email.EmbeddedMailServer;

/** A person's mail client against the embedded mail server: sends to the bot, reads a mailbox. */
public final class TestMail {

    private final EmbeddedMailServer mail;

    public TestMail(EmbeddedMailServer mail) {
        this.mail = mail;
    }

    /** Sends a plain-text mail to the bot's mailbox, as a reply to {@code inReplyTo} when given. */
    public void send(String from, String subject, String text, String inReplyTo) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, EmbeddedMailServer.MAILBOX);
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", inReplyTo);
        }
        Transport.send(m);
    }

    /** Everything the bot has sent to {@code address}, oldest first. */
    public List<MimeMessage> inboxOf(String address) {
        return Arrays.stream(mail.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** The mails to {@code address} whose subject starts with {@code prefix}. */
    public List<MimeMessage> inboxOf(String address, String subjectPrefix) {
        return inboxOf(address).stream().filter(m -> subject(m).startsWith(subjectPrefix)).toList();
    }

    /** One round of the bot's mail work, as the scheduler would run it: read the mailbox, process, send all. */
    public static void round(se.foubot.channels.email.MailboxReader reader, se.foubot.channels.email.EmailRequestProcessor processor,
            se.foubot.channels.email.OutboxSender sender) {
        reader.poll();
        processor.processWaiting();
        while (sender.sendDue() > 0) {
            // the outbox sends in batches
        }
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }
}

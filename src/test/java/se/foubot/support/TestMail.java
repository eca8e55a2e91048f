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
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, EmbeddedMailServer.MAILBOX);
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", inReplyTo);
        }
        Transport.send(m);
    }

    /**
     * Hands a stored raw mail (as a receiving server delivered it, with its trace headers) to the bot's mailbox over
     * plain SMTP, byte for byte: no mail library rewrites its headers on the way.
     */
    public void sendRaw(byte[] eml, String envelopeFrom) throws java.io.IOException {
        String text = new String(eml, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", mail.smtpPort());
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
                var out = socket.getOutputStream()) {
            expect(in, "220");
            for (String command : List.of("HELO test.example", "MAIL FROM:<" + envelopeFrom + ">",
                    "RCPT TO:<" + EmbeddedMailServer.MAILBOX + ">", "DATA")) {
                out.write((command + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.flush();
                expect(in, command.equals("DATA") ? "354" : "250");
            }
            // dot-stuffing: a line starting with "." gets another
            String body = text.replaceAll("(?m)^\\.", "..");
            out.write((body + (body.endsWith("\r\n") ? "" : "\r\n") + ".\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            expect(in, "250");
            out.write("QUIT\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }

    private static void expect(java.io.BufferedReader in, String code) throws java.io.IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || !line.startsWith(code)) {
                throw new java.io.IOException("SMTP said " + line + ", expected " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
    }

    /** A new mail to the bot's mailbox whose Message-ID is {@code messageId}, as a mail program sets it; send it with Transport. */
    public MimeMessage withMessageId(String messageId) throws MessagingException {
        MimeMessage m = new MimeMessage(session()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setRecipients(Message.RecipientType.TO, EmbeddedMailServer.MAILBOX);
        return m;
    }

    /** A message that goes out with no Message-ID at all, as some scripts and old mail programs send. */
    public MimeMessage withoutMessageId() throws MessagingException {
        MimeMessage m = new MimeMessage(session()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                removeHeader("Message-ID");
            }
        };
        m.setRecipients(Message.RecipientType.TO, EmbeddedMailServer.MAILBOX);
        return m;
    }

    private Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(mail.smtpPort()));
        return Session.getInstance(p);
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

package se.foubot.channels.email;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Session;

/** Jakarta Mail sessions from the URLs of the interface: smtp[s]://user:pass@host:port, imap[s]://…/FOLDER. */
final class MailSessions {

    /** A parsed server URL. */
    record Server(String protocol, String host, int port, String user, String password, String folder) {
    }

    private MailSessions() {
    }

    static Server parse(String url) {
        URI uri = URI.create(url);
        String protocol = uri.getScheme().toLowerCase();
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : switch (protocol) {
            case "smtps" -> 465;
            case "imaps" -> 993;
            case "imap" -> 143;
            default -> 25;
        };
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new Server(protocol, uri.getHost(), port, user, password, path.isEmpty() ? "INBOX" : path);
    }

    static Session session(Server server) {
        MailStreams.nameTheProvider();
        Properties p = new Properties();
        String prefix = "mail." + server.protocol() + ".";
        p.put(prefix + "host", server.host());
        p.put(prefix + "port", Integer.toString(server.port()));
        p.put(prefix + "connectiontimeout", "10000");
        p.put(prefix + "timeout", "30000");
        p.put(prefix + "writetimeout", "30000");
        if (server.user() != null) {
            p.put(prefix + "auth", "true");
        }
        if (server.protocol().startsWith("imap")) {
            p.put(prefix + "peek", "true"); // reading a message never marks it \Seen; the reader does, after storing
        }
        if (server.protocol().equals("smtp")) {
            p.put("mail.smtp.starttls.enable", "true");
        }
        return Session.getInstance(p);
    }

    /** A session with no server, for parsing and writing mail. */
    static Session offline() {
        MailStreams.nameTheProvider();
        return Session.getInstance(new Properties());
    }

    /**
     * A session with no server for parsing mail whose header is UTF-8 written as it is (RFC 6532, what a sender that
     * speaks SMTPUTF8 writes: {@code From: åsa.öberg@stockholm.se}), which the default reads byte by byte as
     * ISO-8859-1.
     */
    static Session offlineUtf8() {
        MailStreams.nameTheProvider();
        Properties p = new Properties();
        p.put("mail.mime.allowutf8", "true");
        return Session.getInstance(p);
    }
}

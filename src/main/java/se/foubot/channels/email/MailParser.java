package se.foubot.channels.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;

import se.foubot.messaging.Recipient;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.privacy.Sha256;

/**
 * Reads a raw mail (RFC 5322 bytes) into an {@link InboundMail} with Jakarta Mail's MIME parser: prefers the
 * plain-text part, turns HTML-only mail into text, repairs wrong or missing charsets, lists attachments
 * without keeping them, and never throws: broken MIME gives what could be read and a {@code problem}. Every text it
 * reads (body, subject, display name, file names, headers) passes the privacy guard as it is read.
 */
final class MailParser {

    /** Whether {@code text} holds only white space of any kind (Unicode's spaces and separators) and invisible format characters. */
    static boolean nothingToSee(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT);
    }

    /** Between a mail key's Message-ID hash and what tells two mails under the same Message-ID apart. */
    static final String SAME_MAIL = "~";

    private static final Set<String> KEPT_HEADERS = Set.of("auto-submitted", "x-autoreply", "x-autorespond", "precedence",
            "x-precedence", "x-auto-response-suppress", "x-ms-exchange-inbox-rules-loop", "x-loop", "list-id",
            "list-unsubscribe", "return-path", "content-type", "x-failed-recipients");
    private static final Session SESSION = MailSessions.offline();
    private static final Session UTF8_SESSION = MailSessions.offlineUtf8();

    /** Names of what went wrong, never the text: stored with the mail and shown to the admin. */
    static final String BROKEN_MIME = "broken-mime";
    static final String UNREADABLE = "unreadable";
    /** A base64 part that could be read only in part ({@link DamagedBase64}). */
    static final String DAMAGED_BASE64 = "damaged-base64";
    /** A text cut inside its last letter, then encoded correctly: the rest of the text is missing. */
    static final String CUT_OFF = "cut-off";

    private final OutsideTextGuard guard;

    MailParser(OutsideTextGuard guard) {
        this.guard = guard;
    }

    /**
     * The session that reads this mail's header as its sender wrote it: UTF-8 when the header holds 8-bit bytes that
     * are valid UTF-8 (RFC 6532), ISO-8859-1 byte by byte otherwise (an old program's raw Latin-1 stays readable). Read
     * as Latin-1, {@code åsa.öberg@stockholm.se} became {@code Ã¥sa.Ã¶berg@stockholm.se}, and the answer went there.
     */
    static Session sessionFor(byte[] raw) {
        int end = headerEnd(raw);
        boolean eightBit = false;
        for (int i = 0; i < end && !eightBit; i++) {
            eightBit = raw[i] < 0;
        }
        if (!eightBit) {
            return SESSION;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw, 0, end));
            return UTF8_SESSION;
        } catch (CharacterCodingException notUtf8) {
            return SESSION;
        }
    }

    /** Where the header ends: at its first empty line, or at the end of a mail that has none. */
    private static int headerEnd(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
                return i;
            }
        }
        return raw.length;
    }

    private static final class Parts {
        GuardedText plain;
        GuardedText html;
        /** What was wrong with the text parts themselves (null: read whole), apart from the rest of the mail. */
        String plainProblem;
        String htmlProblem;
        CalendarReply calendar;
        final List<GuardedText> attachments = new ArrayList<>();
        String problem;

        /**
         * The text part the mail is read from: the plain text, unless it was damaged and the HTML alternative was not
         * (a gateway that cut or marked the one part a mail program wrote twice), or it is empty and the HTML is not
         * (a program or form tool that fills in only the HTML and leaves a blank line as its plain text).
         */
        boolean readsHtml() {
            return plain == null || (plainProblem != null && html != null && htmlProblem == null)
                    || (blank(plain) && html != null && !blank(html) && !nothingToSee(HtmlText.of(html.text())));
        }

        /** Nothing a reader would see: white space, also the no-break, narrow and zero-width spaces a converted form leaves. */
        private static boolean blank(GuardedText part) {
            return part.text() == null || nothingToSee(part.text());
        }

        /** What was wrong with the mail as read: its own problem, else that of the text part it is read from. */
        String problem() {
            return problem != null ? problem : readsHtml() ? htmlProblem : plainProblem;
        }
    }

    InboundMail parse(byte[] raw) {
        MimeMessage message;
        try {
            message = new MimeMessage(sessionFor(raw), new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            return unreadable(raw);
        }
        Parts parts = new Parts();
        String contentType = "text/plain";
        try {
            contentType = new ContentType(safe(message.getContentType(), "text/plain")).getBaseType().toLowerCase(Locale.ROOT);
            walk(message, parts, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            parts.problem = BROKEN_MIME;
        }
        if (parts.plain == null && parts.html == null && parts.attachments.isEmpty() && parts.problem == null
                && contentType.startsWith("multipart/")) {
            parts.problem = BROKEN_MIME;
        }
        // HTML is checked again as text: markup may have kept the digits of a number apart
        GuardedText body = !parts.readsHtml() ? parts.plain
                : parts.html != null ? guard.derive(parts.html, HtmlText::of)
                : parts.problem != null ? guard.check(fallbackBody(raw)) : guard.check("");
        // split once into text and signature; each is checked again (dropping quoted lines may join a number's parts)
        InternetAddress from = from(message);
        GuardedText address = guard.check(from == null ? null : from.getAddress());
        GuardedText name = guard.check(from == null ? null : repairHeader(from.getPersonal()));
        MailTextCleaner.Cleaned cleaned = body.text() == null ? null
                : MailTextCleaner.clean(body.text().replace('\u00a0', ' '), senderNames(name.text(), address.text()));
        GuardedText text = guard.derive(body, b -> cleaned.text());
        GuardedText signature = guard.derive(body, b -> cleaned.signature());
        // threading identifiers are keys: matched as hashes of what the sender's program wrote, never guarded as text
        // (a rewritten identifier threads nothing); only the Message-ID is kept as written, to answer in its thread
        HeaderFlag flag = new HeaderFlag();
        String key = mid(OutsideTextGuard.key(header(message, "Message-ID")));
        GuardedText messageId = guard.check(header(message, "Message-ID"));
        String inReplyTo = mid(OutsideTextGuard.key(header(message, "In-Reply-To")));
        List<String> references = OutsideTextGuard.keys(ids(header(message, "References"))).stream().map(MailParser::mid).toList();
        GuardedText returnPath = guard.check(header(message, "Return-Path"));
        flag.saw(returnPath);
        Map<String, List<String>> headers = headers(message, flag);
        List<String> copied = copied(message, flag);
        return new InboundMail(
                // the key serves only to store a mail once: the Message-ID hashed, or the whole mail's hash without one
                key != null ? key + SAME_MAIL + sameMail(message, body) : "sha256:" + Sha256.hex(raw),
                // kept only to answer in the same thread, and only when it holds no number
                messageId.identityNumberRemoved() || messageId.text() == null || messageId.text().isBlank() ? null : messageId.text().strip(),
                address.identityNumberRemoved() || address.text() == null ? null : address.text().toLowerCase(Locale.ROOT),
                address.identityNumberRemoved(),
                name,
                returnPath.text(),
                guard.check(subject(message)),
                text,
                signature,
                inReplyTo,
                references,
                headers,
                contentType,
                List.copyOf(parts.attachments),
                parts.problem(),
                copied,
                trace(message),
                parts.calendar,
                flag.held,
                date(message));
    }

    /**
     * Whether a header the sender's mail program wrote and the bot keeps (To, Cc, Return-Path, the headers kept) held
     * a personal identity number: an address that held one is left out whole.
     */
    private static final class HeaderFlag {
        boolean held;

        HeaderFlag saw(GuardedText header) {
            held |= header.identityNumberRemoved();
            return this;
        }

        /** The address, or null when it held a number (a rewritten address reaches nobody). */
        String whole(GuardedText address) {
            return address.text() == null || address.identityNumberRemoved() ? null : address.text().strip();
        }
    }

    private void walk(Part part, Parts into, int depth) throws MessagingException, IOException {
        if (depth > 20) {
            throw new MessagingException("MIME nested too deep");
        }
        String disposition = safeDisposition(part);
        GuardedText fileName = guard.check(safeFileName(part));
        if ((part.isMimeType("text/calendar") || part.isMimeType("application/ics")) && into.calendar == null) {
            into.calendar = ICalendarParts.read(guard.check(text(part, into)).textOr(""), contentTypeMethod(part));
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), into, depth + 1);
            }
        } else if (fileName.text() != null || Part.ATTACHMENT.equalsIgnoreCase(disposition)) {
            into.attachments.add(fileName.text() != null ? fileName : guard.check("(namnlös bilaga)"));
        } else if (part.isMimeType("text/plain") && into.plain == null) {
            // joined before the guard looks, so a number that a break inside words (delsp=yes) split is seen whole
            into.plain = guard.check(FlowedText.asWritten(part, decoded(part, problem -> into.plainProblem = problem)));
        } else if (part.isMimeType("text/html") && into.html == null) {
            into.html = guard.check(decoded(part, problem -> into.htmlProblem = problem));
        } else if (part.isMimeType("message/rfc822") && into.plain == null && into.html == null) {
            walk(new MimeMessage(SESSION, part.getInputStream()), into, depth + 1);
        } else if (part.isMimeType("message/rfc822")) {
            // a mail forwarded as an attachment beside the sender's own words ("se bifogat mejl"): named among the
            // attachments by its subject, as a file is by its name, so the analyst knows it came
            into.attachments.add(guard.check("Bifogat mejl: " + safe(repairHeader(new MimeMessage(SESSION, part.getInputStream()).getSubject()), "(utan ämne)")));
        }
    }

    /**
     * The part's bytes, transfer-decoded, then read with the charset that fits them. Base64 that Jakarta Mail refuses is
     * read as far as it goes, and {@code into} notes the problem.
     */
    private static String text(Part part, Parts into) throws MessagingException, IOException {
        return decoded(part, problem -> {
            if (into.problem == null) {
                into.problem = problem;
            }
        });
    }

    /**
     * The part's bytes, transfer-decoded, then read with the charset that fits them (see {@link #text}); what was wrong
     * with them, if anything, goes to {@code problem} (the text itself goes nowhere but to the caller, who hands it to the
     * guard).
     */
    private static String decoded(Part part, java.util.function.Consumer<String> problem) throws MessagingException, IOException {
        String charset = charset(part);
        if (!(part instanceof MimePart mime)) {
            try (InputStream in = part.getInputStream()) {
                return MailTextDecoder.decode(in.readAllBytes(), charset);
            }
        }
        String encoding = mime.getEncoding();
        byte[] raw = raw(part);
        boolean base64 = "base64".equalsIgnoreCase(encoding);
        byte[] bytes;
        try (InputStream in = encoding == null ? new ByteArrayInputStream(raw)
                : MimeUtility.decode(new ByteArrayInputStream(raw), encoding)) {
            bytes = in.readAllBytes();
        } catch (IOException damaged) {
            if (!base64) {
                throw damaged;
            }
            bytes = null; // base64 Jakarta Mail refuses
        }
        // base64 that decodes may be damaged all the same: a notice line of base64 letters puts the rest out of step
        if (bytes != null && !(base64 && DamagedBase64.irregular(raw, charset))) {
            if (MailTextDecoder.cutInsideItsLastLetter(bytes, charset)) {
                problem.accept(CUT_OFF);
            }
            return MailTextDecoder.decode(bytes, charset);
        }
        java.util.Optional<byte[]> lineByLine = DamagedBase64.decode(raw, charset);
        if (lineByLine.isEmpty()) {
            // no line of base64 at all: text that a program labelled base64 by mistake, read as the text it is — whole,
            // so the person is not told that part of it could not be read (helper 118)
            return MailTextDecoder.decode(raw, charset);
        }
        problem.accept(DAMAGED_BASE64);
        return MailTextDecoder.decodeDamaged(lineByLine.get(), charset);
    }

    private static byte[] raw(Part part) throws MessagingException, IOException {
        try (InputStream in = part instanceof MimeMessage m ? m.getRawInputStream()
                : ((jakarta.mail.internet.MimeBodyPart) part).getRawInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String charset(Part part) {
        try {
            return new ContentType(part.getContentType()).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            return null; // an unreadable Content-Type: the bytes decide
        }
    }

    private InboundMail unreadable(byte[] raw) {
        return new InboundMail("sha256:" + Sha256.hex(raw), null, null, false, guard.check(null), null, guard.check(""),
                guard.check(fallbackBody(raw)), guard.check(""), null, List.of(), Map.of(), "text/plain", List.of(), UNREADABLE, List.of(),
                List.of(), null, false, null);
    }

    /** The body of a mail whose MIME structure is broken, without what looks like MIME scaffolding. */
    private static String fallbackBody(byte[] raw) {
        String all = MailTextDecoder.decode(raw, null).replace("\r\n", "\n");
        int blank = all.indexOf("\n\n");
        String body = (blank < 0 ? all : all.substring(blank + 2))
                .replaceAll("(?m)^--[^\\s]+$", "")
                .replaceAll("(?m)^Content-[\\w-]+:.*$", "");
        return body.length() > 10_000 ? body.substring(0, 10_000) : body;
    }

    /** Raw UTF-8 in a header (not RFC 2047 encoded) is read by the parser as ISO-8859-1; read it as UTF-8 again. */
    private static String repairHeader(String value) {
        if (value == null || value.chars().allMatch(c -> c < 0x80) || value.chars().anyMatch(c -> c > 0xff)) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        String asUtf8 = MailTextDecoder.decode(bytes, "ISO-8859-1");
        return asUtf8.equals(new String(bytes, StandardCharsets.UTF_8)) ? asUtf8 : value;
    }

    private static String header(MimeMessage m, String name) {
        try {
            String value = m.getHeader(name, ",");
            return value == null ? null : MimeUtility.unfold(value);
        } catch (MessagingException e) {
            return null;
        }
    }

    private String subject(MimeMessage m) {
        try {
            // one line, without control characters (an encoded word may hold any)
            return MailTextDecoder.withoutControls(readableSubject(safe(repairHeader(m.getSubject()), ""))).replaceAll("[\\r\\n\\t]+", " ");
        } catch (MessagingException e) {
            return "";
        }
    }

    /** Shown (and answered with "Re: …") instead of a subject whose encoding cannot be read. */
    static final String UNREADABLE_SUBJECT = "(ämnet gick inte att läsa)";
    private static final java.util.regex.Pattern ENCODED_WORD_START = java.util.regex.Pattern.compile("=\\?[\\w.:-]+\\?[bBqQ]\\?");
    private static final java.util.regex.Pattern ENCODED_WORD = java.util.regex.Pattern.compile("=\\?[^?\\s]+\\?[bBqQ]\\?[^?\\s]*\\?=");

    /**
     * Jakarta Mail decodes RFC 2047 words only where they stand alone and in a charset it knows; what it leaves (a word
     * run into text, as some mailers write it) is decoded word by word here. A word that still cannot be read (an
     * unknown charset, broken base64) makes the subject unreadable: it is never echoed raw.
     */
    private String readableSubject(String subject) {
        if (subject.indexOf('\ufffd') >= 0) {
            // bytes someone could not read before us (a mail server that stored raw Latin-1 as replacement characters)
            return UNREADABLE_SUBJECT;
        }
        java.util.regex.Matcher words = ENCODED_WORD.matcher(subject);
        if (!words.find()) {
            // what is left of an encoded word that was cut off or mangled
            return ENCODED_WORD_START.matcher(subject).find() ? UNREADABLE_SUBJECT : subject;
        }
        StringBuilder out = new StringBuilder();
        words.reset();
        while (words.find()) {
            String decoded;
            try {
                // each word through the guard as it is read; the whole subject passes it again where parse() keeps it
                decoded = guard.check(MimeUtility.decodeWord(words.group())).textOr("");
            } catch (jakarta.mail.internet.ParseException | java.io.UnsupportedEncodingException | RuntimeException e) {
                return UNREADABLE_SUBJECT;
            }
            if (decoded.indexOf('\ufffd') >= 0) {
                return UNREADABLE_SUBJECT;
            }
            words.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(decoded));
        }
        words.appendTail(out);
        return ENCODED_WORD_START.matcher(out).find() ? UNREADABLE_SUBJECT : out.toString();
    }

    /**
     * The Date field as Jakarta Mail reads it; null when there is none or it cannot be read. Whether it is believable
     * is for the inbox to judge, which knows when the mail came.
     */
    private static java.time.Instant date(MimeMessage m) {
        try {
            java.util.Date sent = m.getSentDate();
            return sent == null ? null : sent.toInstant();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The words of the sender's name, folded, from the From field's name and the address before the @ ("Gustav Ek
     * &lt;gustav.ek@…&gt;": gustav, ek): a name under a bare "Tack!" that is one of them is the sender signing.
     */
    private static java.util.Set<String> senderNames(String personal, String address) {
        String local = address == null ? "" : address.replaceAll("@.*", "");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String word : ((personal == null ? "" : personal) + " " + local.replaceAll("[._+-]", " ")).split("\\s+")) {
            String folded = se.foubot.conversation.TextNormalizer.normalize(word);
            if (folded.length() >= 2) {
                names.add(folded);
            }
        }
        return names;
    }

    private InternetAddress from(MimeMessage m) {
        try {
            // two From lines, or two addresses in one: which wrote it cannot be told, so nobody did (helper 101: the
            // first was taken, and a forger's second line made a task in a colleague's name)
            String[] lines = m.getHeader("From");
            if (lines != null && lines.length > 1) {
                return null;
            }
            Address[] from = m.getFrom();
            if (from != null && from.length > 1) {
                return null;
            }
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress a) {
                return readable(a);
            }
        } catch (MessagingException e) {
            String raw = guard.check(header(m, "From")).text();
            if (raw != null) {
                java.util.regex.Matcher mm = java.util.regex.Pattern.compile("[^\\s<>\"]+@[^\\s<>\"]+").matcher(raw);
                if (mm.find()) {
                    try {
                        return readable(new InternetAddress(mm.group(), false));
                    } catch (MessagingException ignored) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /**
     * An address the bot can answer and name: a group ("undisclosed-recipients:;") stands for its one member, or for
     * nobody when it has none or several; an address without a domain, with control characters in it, longer than an
     * address can be, or holding a replacement character (bytes a mail server could not read and replaced: the
     * person's real address is lost) is nobody's — no answer could reach its owner.
     */
    private InternetAddress readable(InternetAddress a) {
        InternetAddress address = a;
        if (a.isGroup()) {
            try {
                InternetAddress[] members = a.getGroup(false);
                // several members: which wrote it cannot be told (helper 102: "Grupp: karin@…, forger@…;" was Karin's)
                address = members == null || members.length != 1 ? null : members[0];
            } catch (MessagingException e) {
                address = null;
            }
        }
        String text = address == null ? null : guard.check(address.getAddress()).text();
        if (text == null || text.indexOf('@') <= 0 || text.endsWith("@") || Recipient.longerThanAnEmailAddressCanBe(text)
                || text.indexOf('\ufffd') >= 0
                || text.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                        || Character.getType(c) == Character.PARAGRAPH_SEPARATOR)) {
            return null;
        }
        return address;
    }

    private Map<String, List<String>> headers(MimeMessage m, HeaderFlag flag) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try {
            Enumeration<Header> all = m.getAllHeaders();
            while (all.hasMoreElements()) {
                Header h = all.nextElement();
                String name = h.getName().toLowerCase(Locale.ROOT);
                if (KEPT_HEADERS.contains(name)) {
                    GuardedText value = guard.check(MimeUtility.unfold(safe(h.getValue(), "")));
                    flag.saw(value);
                    out.computeIfAbsent(name, k -> new ArrayList<>()).add(value.text().strip());
                }
            }
        } catch (MessagingException e) {
            // keep what was read
        }
        return out;
    }

    /** The METHOD parameter of a text/calendar part's content type (iMIP puts it there too), or null. */
    private static String contentTypeMethod(Part part) {
        try {
            return new ContentType(part.getContentType()).getParameter("method");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** To and Cc, lower case, as far as they can be read; an address that held a number is left out. */
    private List<String> copied(MimeMessage m, HeaderFlag flag) {
        List<String> out = new ArrayList<>();
        for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
            try {
                Address[] addresses = m.getRecipients(type);
                for (Address a : addresses == null ? new Address[0] : addresses) {
                    GuardedText address = guard.check(a instanceof InternetAddress ia ? ia.getAddress() : null);
                    String kept = flag.saw(address).whole(address);
                    if (kept != null) {
                        out.add(kept.toLowerCase(Locale.ROOT));
                    }
                }
            } catch (MessagingException | RuntimeException e) {
                // an unreadable list copies nobody
            }
        }
        return List.copyOf(out);
    }

    /**
     * Authentication-Results, ARC-Authentication-Results and Received, top first: what the receiving servers wrote,
     * for the sender's proof.
     */
    private List<String> trace(MimeMessage m) {
        List<String> out = new ArrayList<>();
        try {
            Enumeration<Header> all = m.getAllHeaders();
            while (all.hasMoreElements()) {
                Header h = all.nextElement();
                String name = h.getName().toLowerCase(Locale.ROOT);
                if (name.equals("authentication-results") || name.equals("arc-authentication-results")
                        || name.equals("received")) {
                    out.add(name + ": " + guard.check(MimeUtility.unfold(safe(h.getValue(), ""))).textOr(""));
                }
            }
        } catch (MessagingException e) {
            // keep what was read
        }
        return out;
    }

    private static List<String> ids(String references) {
        if (references == null) {
            return List.of();
        }
        return Arrays.stream(references.split("[\\s,]+")).map(String::strip).filter(s -> s.startsWith("<")).toList();
    }

    private static String safeDisposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String safeFileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static String safe(String s, String fallback) {
        return s == null ? fallback : s;
    }

    /**
     * A Message-ID as the bot keeps it: hashed ({@code mid:…}), since it serves only as a key (the inbox key of a mail,
     * the In-Reply-To and References of an answer matched against the bot's own mails).
     */
    static String keyOf(String messageId) {
        return mid(OutsideTextGuard.key(messageId));
    }

    private static String mid(String hash) {
        return hash == null ? null : "mid:" + hash;
    }

    /**
     * What tells a mail delivered twice from another mail under the same Message-ID (a scanner or form tool that writes
     * a fixed one, or someone who sent a copied one first): who sent it and its subject, as its sender's program wrote
     * them, and the words of its body as read (decoded, white space closed up). A second delivery (another route, another
     * Received line, a relay that re-encoded the body or added a blank line, a program that sent it again with a new
     * Date) has all of them the same; a different mail is stored and answered as a mail of its own, not passed over.
     */
    private static String sameMail(MimeMessage message, GuardedText body) {
        // each kept only as its hash, as the Message-ID itself is
        List<String> written = new ArrayList<>();
        written.add(String.valueOf(OutsideTextGuard.key(header(message, "From"))));
        written.add(String.valueOf(OutsideTextGuard.key(header(message, "Subject"))));
        written.add(Sha256.hex(body.textOr("").replaceAll("\\s+", " ").strip()));
        return Sha256.hex(String.join("\n", written)).substring(0, 16);
    }

    /**
     * The key of the thread a mail with key {@code mailKey} started: its Message-ID hashed (what In-Reply-To and
     * References of an answer to it hash to); a mail stored before the key carried {@link #SAME_MAIL} is its own.
     */
    static String messageKey(String mailKey) {
        int same = mailKey == null ? -1 : mailKey.indexOf(SAME_MAIL);
        return same < 0 ? mailKey : mailKey.substring(0, same);
    }

}

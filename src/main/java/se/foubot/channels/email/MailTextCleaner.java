package se.foubot.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import se.foubot.conversation.TextNormalizer;

/**
 * Splits a mail's text into what is new, and the signature; drops quoted history (lines starting with "&gt;",
 * "-----Original Message-----", Outlook's "Från:/From: … Skickat:/Sent:" block, "Den … skrev:", "On … wrote:", and Gmail's Swedish "Den … skrev Namn &lt;adress&gt;:").
 */
final class MailTextCleaner {

    record Cleaned(String text, String signature) {
    }

    private static final Pattern HISTORY_START = Pattern.compile(
            "(?i)^(-{2,}\\s*(original message|ursprungligt meddelande|vidarebefordrat meddelande|forwarded message)\\s*-{2,}.*"
                    + "|(från|from):\\s.+"
                    + "|(den|on)\\s.+(skrev|wrote)(\\s[^:]*)?:\\s*"
                    + "|_{10,})$");
    /** The line a mail program writes above a quote: "Den 6 dec. 2026 kl. 22:21 skrev FoU-boten:", "On … wrote:". */
    private static final Pattern WROTE = Pattern.compile("(?i)^(den|on)\\s.+(skrev|wrote)(\\s[^:]*)?:\\s*$");
    /** Sign-offs people write on a line of their own (read in any case). */
    private static final String GREETINGS = "med vänlig(a)? hälsning(ar)?|vänlig(a)? hälsning(ar)?|bästa hälsningar"
            + "|tack och hälsningar|hälsningar|hälsning|mvh|m\\.v\\.h\\.?|hälsn\\.?|kram"
            // a thanks ("Tack på förhand!", "Thanks") is a sign-off only near the end: see thanksNearTheEnd
            + "|best regards|kind regards|regards|best|cheers";
    /** Sign-offs that never begin a sentence: the name after them may be written in lower case ("mvh per"). */
    private static final String ABBREVIATED = "mvh|m\\.v\\.h\\.?|hälsn\\.?";
    /** What a phone's or a desktop's mail app adds ("Skickat från min iPhone", "Sent from Mail for Windows"). */
    private static final String APP_LINE = "(skickat från|sent from) (min |my |mitt |our )?"
            + "(iphone|ipad|android|samsung|galaxy|outlook|mail|e-post|gmail|yahoo|pixel|huawei|xiaomi|surface|blackberry"
            + "|mobil|telefon|phone|mobile)[\\p{L}\\d ]{0,30}"
            + "|(hämta|skaffa|get) outlook (för|for) (ios|android)(\\s*<[^>]*>)?";
    private static final Pattern SIGNATURE_START = Pattern.compile("(?i)^(--\\s*|(" + GREETINGS + ")[,!.]?|/\\s*\\p{L}[\\p{L}.' -]{0,40}"
            + "|" + APP_LINE + ")\\s*$");
    private static final Pattern APP = Pattern.compile("(?i)^(" + APP_LINE + ")\\s*$");

    /**
     * A greeting with the name on the same line ("Mvh Per", "Hälsningar, Anna Berg, Bromma", "Mvh Per Olsson |
     * Enhetschef"): people write it so on a phone. Only near the end of the mail, where a sentence that starts
     * "Hälsningar från …" is not; the name starts with a capital unless the greeting is an abbreviation.
     */
    private static final Pattern SIGNATURE_WITH_NAME = Pattern.compile("^((?i:" + GREETINGS + ")[,!.]?\\s*[/,–-]?\\s*\\p{Lu}"
            + "|(?i:" + ABBREVIATED + ")[,!.]?\\s*[/,–-]?\\s*\\p{L})[\\p{L}'.-]*([\\s,|/–-]+[\\p{L}'.-]+){0,7}\\s*$");
    /** Non-empty lines from the end within which a greeting with a name is read as the signature's start. */
    private static final int SIGNATURE_NEAR_END = 4;
    /** A postscript after the signature: part of the message. */
    private static final Pattern POSTSCRIPT = Pattern.compile("(?i)^((p\\.?\\s?){1,2}s\\.?|obs)[:.!]?\\s+\\S.*");
    /** A paragraph after the signature that is a sentence: ends as one and has a few words. */
    private static final Pattern SENTENCE = Pattern.compile("(?s)(\\S+\\s+){3,}.*[.!?]\\s*");
    /** A sentence that is the organisation's notice, not the sender's words. */
    private static final Pattern NOTICE = Pattern.compile("(?i).*(https?://|www\\.|konfidentiell|confidential|personuppgift|dataskydd"
            + "|gdpr|avsedd endast|intended (only|solely)|miljön|environment).*", Pattern.DOTALL);

    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");

    private MailTextCleaner() {
    }

    static Cleaned clean(String text) {
        return clean(text, Set.of());
    }

    /**
     * @param senderNames the words of the sender's name, folded ("gustav", "ek"), from the From field: a bare "Tack!"
     *                    with one of them under it, last, is a sign-off
     */
    static Cleaned clean(String text, Set<String> senderNames) {
        List<String> kept = new ArrayList<>();
        boolean answerBelow = false;
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.strip();
            if (HISTORY_START.matcher(trimmed).matches()) {
                if (!answerBelow && kept.stream().allMatch(String::isBlank) && WROTE.matcher(trimmed).matches()) {
                    // written under the quote, as Thunderbird lets people ("Den … skrev:", the quoted lines, the answer)
                    answerBelow = true;
                    continue;
                }
                break;
            }
            if (!trimmed.startsWith(">")) {
                kept.add(line.stripTrailing());
            }
        }
        int sig = -1;
        for (int i = 0; i < kept.size(); i++) {
            if (SIGNATURE_START.matcher(kept.get(i).strip()).matches()) {
                sig = i;
                break;
            }
        }
        // "Mvh Per" above a phone's "Skickat från min iPhone": the signature starts at the greeting
        List<String> before = sig < 0 ? kept : kept.subList(0, sig);
        int named = greetingWithNameNearTheEnd(before);
        // "Tack på förhand!⏎Ivar⏎⏎P.S. …⏎Mvh Ivar": the first sign-off is where the signature starts
        int thanked = thanksNearTheEnd(before, senderNames);
        if (thanked >= 0 && (named < 0 || thanked < named)) {
            named = thanked;
        }
        if (named >= 0) {
            sig = named;
        }
        if (sig < 0) {
            return new Cleaned(BLANK_LINES.matcher(String.join("\n", kept).strip()).replaceAll("\n\n"), "");
        }
        List<String> body = new ArrayList<>(kept.subList(0, sig));
        List<String> signature = new ArrayList<>();
        writtenAfterTheSignOff(kept.subList(sig, kept.size()), body, signature);
        return new Cleaned(BLANK_LINES.matcher(String.join("\n", body).strip()).replaceAll("\n\n"),
                String.join("\n", signature).strip());
    }

    /**
     * Splits what follows the sign-off between the signature and the message: the sign-off's own paragraph (the name,
     * the title) and paragraphs that are no sentences (an address, a phone number) or the organisation's notice are the
     * signature; a postscript, and a paragraph of the sender's own sentences ("Vi glömde: det gäller också Bromma."),
     * are part of the message, and go after the rest of it.
     */
    private static void writtenAfterTheSignOff(List<String> lines, List<String> body, List<String> signature) {
        List<List<String>> paragraphs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(line);
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        for (int p = 0; p < paragraphs.size(); p++) {
            List<String> paragraph = paragraphs.get(p);
            int ps = firstFrom(paragraph, 0, MailTextCleaner::postscript);
            String words = String.join(" ", paragraph).strip();
            // a paragraph after the sign-off's is the sender's when a line of it is written as the sender writes, not as a
            // signature is laid out (nothing is lost to a wrong guess: at worst a line of signature joins the request)
            boolean own = p > 0 && ps < 0 && paragraph.stream().noneMatch(l -> APP.matcher(l.strip()).matches())
                    && !NOTICE.matcher(words).matches()
                    && (SENTENCE.matcher(words).matches() || paragraph.stream().anyMatch(MailTextCleaner::writtenBySender));
            List<String> signOff = own ? List.of() : ps < 0 ? paragraph : paragraph.subList(0, ps);
            List<String> message = own ? paragraph : ps < 0 ? List.of() : paragraph.subList(ps, paragraph.size());
            // a sentence under the name in the sign-off's own lines ("Mvh⏎Karin⏎Det viktigaste är bortfallet.") is the
            // sender's, and so is what follows it
            int said = firstFrom(signOff, 1, MailTextCleaner::writtenBySender);
            if (said > 0) {
                List<String> more = new ArrayList<>(signOff.subList(said, signOff.size()));
                more.addAll(message);
                message = more;
                signOff = signOff.subList(0, said);
            }
            // a postscript signed again on the line under it ("P.S. Ring gärna." and "Mvh Ivar"): the greeting is no part of it
            int signedAgain = firstFrom(message, 1, MailTextCleaner::signsOff);
            if (signedAgain > 0) {
                // and a P.P.S. under that greeting is the sender's again
                List<String> tail = message.subList(signedAgain, message.size());
                int more = firstFrom(tail, 1, MailTextCleaner::postscript);
                List<String> kept = new ArrayList<>(message.subList(0, signedAgain));
                if (more > 0) {
                    kept.addAll(tail.subList(more, tail.size()));
                    tail = tail.subList(0, more);
                }
                signature.addAll(tail);
                signature.add("");
                message = kept;
            }
            if (!signOff.isEmpty()) {
                signature.addAll(signOff);
                signature.add("");
            }
            if (!message.isEmpty()) {
                body.add("");
                body.addAll(message);
            }
        }
    }

    /** Thanks given ahead on a line of their own: they close a request ("Tack på förhand för hjälpen!", "Thanks in advance"). */
    private static final Pattern THANKS_AHEAD = Pattern.compile(
            "(?i)^(tack på förhand|på förhand tack|tack i förväg|thanks in advance|thank you in advance)( för [\\p{L} ]{1,30})?[!.,]?$");
    /** A bare thanks on a line of its own ("Tack!", "Thanks,"): it may as well open a paragraph of the request. */
    private static final Pattern THANKS = Pattern.compile("(?i)^(tack|tack så mycket|tusen tack|stort tack|thanks|thank you|many thanks)[!.,]?$");
    /** A name alone on a line: one to three words, each with a capital ("Gustav", "Eva Ek", "Anna-Karin Berg"). */
    private static final Pattern NAME = Pattern.compile("^\\p{Lu}[\\p{L}'-]*(\\s+\\p{Lu}[\\p{L}'-]*){0,2}$");
    /** Lines from the end within which a thanks is looked for. */
    private static final int THANKS_NEAR_END = 10;

    /**
     * Where a thanks that signs the mail off stands: thanks given ahead ("Tack på förhand!") with nothing but
     * signature lines after it (a name, a title, a phone number: no sentence) up to the end or to a P.S.; or a bare
     * "Tack!" with the sender's own name under it. A thanks with a sentence after it is part of the request; -1 when
     * there is none.
     */
    private static int thanksNearTheEnd(List<String> lines, Set<String> senderNames) {
        int seen = 0;
        for (int i = lines.size() - 1; i > 0 && seen < THANKS_NEAR_END; i--) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            seen++;
            boolean ahead = THANKS_AHEAD.matcher(line).matches();
            if (!ahead && !THANKS.matcher(line).matches()) {
                continue;
            }
            String first = null;
            for (int j = i + 1; j < lines.size(); j++) {
                String after = lines.get(j).strip();
                if (after.isEmpty() || APP.matcher(after).matches()) {
                    continue;
                }
                if (postscript(after)) {
                    break; // a postscript after the sign-off is the sender's own words, kept as such
                }
                if (writtenBySender(after)) {
                    return -1; // the request goes on after the thanks
                }
                first = first == null ? after : first;
            }
            if (ahead) {
                return i;
            }
            boolean ownName = first != null && NAME.matcher(first).matches()
                    && senderNames.contains(TextNormalizer.normalize(first.split("\\s+")[0]));
            return ownName ? i : -1;
        }
        return -1;
    }

    /** Where the first of {@code lines} from index {@code from} on that {@code is} stands, or -1. */
    private static int firstFrom(List<String> lines, int from, java.util.function.Predicate<String> is) {
        for (int i = from; i < lines.size(); i++) {
            if (is.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean postscript(String line) {
        return POSTSCRIPT.matcher(line.strip()).matches();
    }

    /** A greeting, alone or with a name ("Mvh", "Mvh Ivar"). */
    private static boolean signsOff(String line) {
        return SIGNATURE_START.matcher(line.strip()).matches() || SIGNATURE_WITH_NAME.matcher(line.strip()).matches();
    }

    /** A phone number, an address, a web page: a signature's contact details. */
    private static final Pattern CONTACT = Pattern.compile("(?i).*(\\d[\\d ()+-]{5,}\\d|\\S+@\\S+\\.\\S+|https?://|www\\.).*");
    /** The labels of a signature's lines ("Telefon: …", "Besöksadress: …"). */
    private static final Pattern CONTACT_LABEL = Pattern.compile(
            "(?i)^(tel|telefon|tfn|mobil|mobiltelefon|växel|fax|e-post|epost|mejl|mail|e-mail|email|webb|web|adress|besöksadress"
                    + "|postadress|address|phone|mobile|org\\.? ?nr|organisationsnummer)\\.?\\s*:.*");
    /** Words a line of a signature has at most (a name, a title, a unit); a line with more is the sender's. */
    private static final int LAID_OUT_WORDS = 5;

    /**
     * Whether a line under a sign-off is written as the sender writes, not laid out as a signature's lines are: a
     * sentence ("Ring gärna."), a line that starts in lower case or as a list item, a labelled fact that is no contact
     * detail ("Målgrupp: personer över 80 år"), or a line longer than a name, a title or a unit ("Det handlar om ungefär
     * 40 deltagare per år"). Phone numbers, addresses, notices and app lines are the signature's.
     */
    private static boolean writtenBySender(String raw) {
        String line = raw.strip();
        if (line.isEmpty() || APP.matcher(line).matches() || NOTICE.matcher(line).matches() || CONTACT_LABEL.matcher(line).matches()
                || CONTACT.matcher(line).matches() && line.split("\\s+").length <= LAID_OUT_WORDS + 2) {
            return false;
        }
        int words = line.split("\\s+").length;
        boolean sentence = words >= 2 && line.matches("(?s).*\\p{L}[.!?]$");
        boolean lowerCase = Character.isLowerCase(line.codePointAt(0));
        boolean listItem = line.matches("^[-•*–]\\s*\\S.*");
        boolean labelled = line.matches("^[\\p{L} ]{2,30}:\\s*\\S.*");
        return sentence || lowerCase || listItem || labelled || words > LAID_OUT_WORDS;
    }

    private static int greetingWithNameNearTheEnd(List<String> lines) {
        int nonEmpty = 0;
        for (int i = lines.size() - 1; i > 0 && nonEmpty < SIGNATURE_NEAR_END; i--) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            nonEmpty++;
            if (SIGNATURE_WITH_NAME.matcher(line).matches()) {
                return i;
            }
        }
        return -1;
    }
}

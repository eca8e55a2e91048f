package se.foubot.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;

/**
 * A plain part sent as {@code format=flowed} (RFC 3676; Thunderbird's default, Apple Mail's) read as its sender wrote
 * it: the mail program broke long lines at about 72 characters and marked each such break with a space before it.
 * Left as they came, those breaks cut a "Vad stödet gäller: …" line in two, and with {@code delsp=yes} a word too.
 * Jakarta Mail does not undo them.
 */
final class FlowedText {

    private FlowedText() {
    }

    /** {@code text}, the decoded content of {@code part}, as written: unwrapped when the part is flowed, else as it is. */
    static String asWritten(Part part, String text) {
        ContentType type;
        try {
            type = new ContentType(part.getContentType());
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            return text; // an unreadable Content-Type: taken as it stands
        }
        if (!"flowed".equals(lowered(type.getParameter("format")))) {
            return text;
        }
        return unwrap(text, "yes".equals(lowered(type.getParameter("delsp"))));
    }

    private static String lowered(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Joins each line that ends in a space (a soft break) with the next line of the same quote depth, and removes the
     * space a line starting with a space or "From " was stuffed with. A quote depth that changes ends the paragraph, and
     * the signature separator "-- " is never a soft break (RFC 3676, 4.1–4.5). Quoted lines come out as "> text".
     *
     * @param deleteSpace {@code delsp=yes}: the space before a soft break was added by the mail program and goes
     */
    static String unwrap(String text, boolean deleteSpace) {
        List<String> out = new ArrayList<>();
        StringBuilder paragraph = null;
        int paragraphDepth = 0;
        for (String line : text.split("\r\n|\n|\r", -1)) {
            int depth = 0;
            while (depth < line.length() && line.charAt(depth) == '>') {
                depth++;
            }
            String content = line.substring(depth);
            if (content.startsWith(" ")) {
                content = content.substring(1);
            }
            boolean signatureSeparator = content.equals("-- ");
            boolean soft = content.endsWith(" ") && !signatureSeparator;
            if (paragraph != null && (depth != paragraphDepth || signatureSeparator)) {
                // a changed quote depth ends the paragraph, and so does the signature separator, which is neither
                // flowed nor joined to the line before it (RFC 3676, 4.3): the signature stays recognisable
                out.add(quoted(paragraphDepth, paragraph));
                paragraph = null;
            }
            if (paragraph == null) {
                paragraph = new StringBuilder();
                paragraphDepth = depth;
            }
            paragraph.append(soft && deleteSpace ? content.substring(0, content.length() - 1) : content);
            if (!soft) {
                out.add(quoted(paragraphDepth, paragraph));
                paragraph = null;
            }
        }
        if (paragraph != null) {
            out.add(quoted(paragraphDepth, paragraph));
        }
        return String.join("\n", out);
    }

    private static String quoted(int depth, CharSequence text) {
        return depth == 0 ? text.toString() : ">".repeat(depth) + " " + text;
    }
}

package se.foubot.channels.email;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text from the bytes of a mail part, right even when the declared charset is wrong or missing: bytes that are
 * valid UTF-8 (and hold more than ASCII) are UTF-8, whatever was declared; otherwise the declared charset when
 * it is known, else windows-1252 (which covers ISO-8859-1 for Swedish letters).
 */
final class MailTextDecoder {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private MailTextDecoder() {
    }

    /**
     * Control characters other than line breaks and tabs (NUL, BEL, a terminal's escape sequences) and the marks that
     * turn text around (bidi embeddings, overrides and isolates, which can make a card in Slack read other than it
     * is): a person's mail needs none of them, and the staff who read it must not get them.
     */
    private static final java.util.regex.Pattern CONTROLS = java.util.regex.Pattern.compile(
            "[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069&&[^\\r\\n\\t]]");

    /**
     * A terminal's escape sequences whole (colours, a window title): without their escape character, what they hold
     * ("[31m", "]0;titel") would stay in the text as letters.
     */
    private static final java.util.regex.Pattern ESCAPE_SEQUENCES = java.util.regex.Pattern.compile(
            "(?:\\u001B\\[|\\u009B)[0-?]*[ -/]*[@-~]" // control sequences (CSI)
                    + "|(?:\\u001B[\\]PX^_]|[\\u0090\\u0098\\u009D-\\u009F])[^\\u0007\\u001B\\u009C\\r\\n]{0,200}(?:\\u0007|\\u001B\\\\|\\u009C)?"
                    // strings (OSC, DCS, SOS, PM, APC), to their end or the line's
                    + "|\\u001B[ -/]*[0-~]"); // the other escapes

    /** The text without terminal escape sequences and {@link #CONTROLS}. */
    static String withoutControls(String text) {
        return CONTROLS.matcher(ESCAPE_SEQUENCES.matcher(text).replaceAll("")).replaceAll("");
    }

    static String decode(byte[] bytes, String declared) {
        return withoutControls(read(withoutNul(bytes), declared));
    }

    /**
     * The bytes without NUL, which no text holds: a gateway's line of "A"s in base64 decodes to NULs, and inside a UTF-8
     * letter they would make the whole text read as Latin-1.
     */
    private static byte[] withoutNul(byte[] bytes) {
        int kept = 0;
        byte[] out = new byte[bytes.length];
        for (byte b : bytes) {
            if (b != 0) {
                out[kept++] = b;
            }
        }
        return kept == bytes.length ? bytes : java.util.Arrays.copyOf(out, kept);
    }

    private static String read(byte[] bytes, String declared) {
        if (isUtf8(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (cutInsideItsLastLetter(bytes, declared)) {
            return new String(withoutCutLetter(bytes), StandardCharsets.UTF_8);
        }
        Charset charset = known(declared);
        if (charset == null || charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1)) {
            charset = WINDOWS_1252;
        }
        return new String(bytes, charset);
    }

    /**
     * Whether the bytes are UTF-8 text cut inside its last letter (a size limit that cut the text before it was
     * encoded): something of the text is missing. Not when the part names another charset and nothing before the
     * last byte is UTF-8 beyond ASCII: "Tack så" in ISO-8859-1 ends in a byte that could begin a UTF-8 letter too.
     */
    static boolean cutInsideItsLastLetter(byte[] bytes, String declared) {
        byte[] whole = withoutCutLetter(bytes);
        if (whole.length == bytes.length || isUtf8(bytes) || !isUtf8(whole)) {
            return false;
        }
        Charset charset = known(declared);
        boolean saysUtf8 = charset == null || charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII);
        boolean holdsUtf8Letters = false;
        for (byte b : whole) {
            holdsUtf8Letters |= b < 0;
        }
        return saysUtf8 || holdsUtf8Letters;
    }

    /**
     * Bytes read from damaged base64: a character cut in two at the end, or a few bytes of a line that was not the
     * mail's, must not turn the whole text into Latin-1 mojibake. A charset other than UTF-8 that the part names is
     * used; otherwise the bytes are UTF-8 when they hold any UTF-8 letter beyond ASCII, and what is not UTF-8 is left
     * out (else windows-1252, as {@link #decode}). {@link #CONTROLS} are left out either way.
     */
    static String decodeDamaged(byte[] damaged, String declared) {
        byte[] bytes = withoutNul(damaged);
        Charset charset = known(declared);
        String text;
        if (charset != null && !charset.equals(StandardCharsets.UTF_8) && !charset.equals(StandardCharsets.US_ASCII)) {
            text = new String(bytes, charset.equals(StandardCharsets.ISO_8859_1) ? WINDOWS_1252 : charset);
        } else {
            String utf8 = new String(withoutCutLetter(bytes), StandardCharsets.UTF_8);
            boolean holdsUtf8 = utf8.chars().anyMatch(c -> c > 0x7f && c != '\ufffd');
            boolean ascii = utf8.chars().allMatch(c -> c < 0x80);
            text = holdsUtf8 || ascii ? utf8.replace("\ufffd", "") : new String(bytes, WINDOWS_1252);
        }
        return withoutControls(text);
    }

    /** The bytes without a UTF-8 letter cut off at the end (its first byte or bytes, the rest missing). */
    static byte[] withoutCutLetter(byte[] bytes) {
        for (int back = 1; back <= Math.min(3, bytes.length); back++) {
            int b = bytes[bytes.length - back] & 0xff;
            if (b < 0x80) {
                return bytes; // ASCII: nothing cut
            }
            if (b >= 0xc0) { // a letter's first byte: whole if the bytes after it are as many as it says
                int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                return length > back ? java.util.Arrays.copyOf(bytes, bytes.length - back) : bytes;
            }
        }
        return bytes;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The charset a part names, or null when it names none or one this JVM does not know. */
    static Charset known(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.strip().replace("\"", ""));
        } catch (RuntimeException e) {
            return null;
        }
    }
}

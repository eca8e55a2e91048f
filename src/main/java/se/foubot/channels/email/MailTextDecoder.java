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

    static String decode(byte[] bytes, String declared) {
        if (isUtf8(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        Charset charset = known(declared);
        if (charset == null || charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)
                || charset.equals(StandardCharsets.ISO_8859_1)) {
            charset = WINDOWS_1252;
        }
        return new String(bytes, charset);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Charset known(String name) {
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

package se.foubot.channels.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Base64 that Jakarta Mail's decoder refuses — a mail cut off by a gateway's size limit, or a line a gateway or an
 * antivirus scanner wrote into the part as plain text — read as far as it goes: each line that is base64 is kept, a
 * line that is not is left out, and an incomplete last group is dropped. A person then reads what the sender wrote,
 * not a block of letters and digits.
 */
final class DamagedBase64 {

    private DamagedBase64() {
    }

    static byte[] decode(byte[] encoded) {
        StringBuilder base64 = new StringBuilder(encoded.length);
        for (String line : new String(encoded, StandardCharsets.ISO_8859_1).split("\r?\n|\r")) {
            String kept = line.strip();
            if (kept.chars().allMatch(DamagedBase64::isBase64)) {
                base64.append(kept);
            }
        }
        // padding ends a run; another may follow (parts joined by a program that encoded each on its own)
        ByteArrayOutputStream out = new ByteArrayOutputStream(base64.length() * 3 / 4);
        for (String run : base64.toString().split("=+")) {
            int whole = run.length() - run.length() % 4;
            String complete = run.length() % 4 == 1 ? run.substring(0, whole) : run; // one letter of a group holds no byte
            out.writeBytes(Base64.getDecoder().decode(complete));
        }
        return out.toByteArray();
    }

    private static boolean isBase64(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }
}

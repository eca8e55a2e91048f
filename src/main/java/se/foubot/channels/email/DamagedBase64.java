package se.foubot.channels.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Base64 that Jakarta Mail's decoder refuses — a mail cut off by a gateway's size limit, or a line a gateway or an
 * antivirus scanner wrote into the part — read as far as it goes. A mail program writes base64 in lines of one width
 * (76 characters, some 64 or 72), each a whole number of four-letter groups, the last line shorter: so a line of
 * another width before the last full one is not the mail's (a notice, a damaged line) and is left out whole, which
 * keeps every group after it in step; so is a line with a character base64 does not have. An incomplete last group is
 * dropped. A person then reads what the sender wrote, not a block of letters and digits.
 */
final class DamagedBase64 {

    private DamagedBase64() {
    }

    /**
     * Whether base64 that decodes without error is damaged all the same: a line that {@link #decode} leaves out (a
     * one-word notice is all base64 letters; padding inside a line) puts what follows it out of step, or adds junk.
     */
    static boolean irregular(byte[] encoded) {
        List<String> lines = lines(encoded);
        return kept(lines).size() < lines.size();
    }

    /** The bytes, or empty when no line is base64 (text labelled base64 by mistake). */
    static Optional<byte[]> decode(byte[] encoded) {
        List<String> lines = lines(encoded);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String base64 = String.join("", kept(lines));
        // padding ends a run; another may follow (parts joined by a program that encoded each on its own)
        ByteArrayOutputStream out = new ByteArrayOutputStream(base64.length() * 3 / 4);
        for (String run : base64.split("=+")) {
            String complete = run.length() % 4 == 1 ? run.substring(0, run.length() - 1) : run; // one letter holds no byte
            out.writeBytes(Base64.getDecoder().decode(complete));
        }
        return Optional.of(out.toByteArray());
    }

    /** The lines that are base64 letters only, without blank ones. */
    private static List<String> lines(byte[] encoded) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(encoded, StandardCharsets.ISO_8859_1).split("\\r?\\n|\\r")) {
            String kept = line.strip();
            if (!kept.isEmpty() && kept.chars().allMatch(DamagedBase64::isBase64)) {
                lines.add(kept);
            }
        }
        return lines;
    }

    /**
     * The mail's own lines: the full lines, the one line that ends them, and a line that ends a part of its own with
     * padding. Padding anywhere else in a line is damage: what followed it in the line would be out of step.
     */
    private static List<String> kept(List<String> lines) {
        if (lines.isEmpty()) {
            return lines;
        }
        int width = commonWidth(lines);
        int lastFull = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() == width) {
                lastFull = i;
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean paddedInside = line.replaceFirst("=+$", "").contains("=");
            if (!paddedInside && (line.length() == width || i == lastFull + 1 || line.endsWith("="))) {
                kept.add(line);
            }
        }
        return kept;
    }

    /** The width most lines have (the longer of two as common): the width the mail program wrote. */
    private static int commonWidth(List<String> lines) {
        Map<Integer, Integer> counts = new HashMap<>();
        lines.forEach(line -> counts.merge(line.length(), 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey();
    }

    private static boolean isBase64(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }
}

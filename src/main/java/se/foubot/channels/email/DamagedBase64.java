package se.foubot.channels.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Base64 that Jakarta Mail's decoder refuses — a mail cut off by a gateway's size limit, or a line a gateway or an
 * antivirus scanner wrote into the part — read as far as it goes. A mail program writes base64 in lines of one width
 * (76 characters, some 64 or 72), each a whole number of four-letter groups, the last line shorter. So:
 * <ul>
 * <li>a line of that width (or of mostly whole groups: base64 written as one line) is the mail's: read whole, and when
 * a character in it is damaged (one base64 does not have, padding inside it) group by group, the damaged group alone
 * left out and marked {@value #GAP};</li>
 * <li>a line of another width before the last full one is not the mail's (a notice, even one word of base64 letters
 * such as "Avkortat") and is left out whole, which keeps every group after it in step — unless it ends a part of its
 * own (with padding, or in eight letters or more that read as text), or is a line of the mail's cut short (kept, then
 * marked); a line one or two letters off the width lost or gained a letter, and is marked where it was left out;</li>
 * <li>of the lines after the last full one, the longest that reads as text is the mail's end (read group by group when
 * a character in it is damaged); the others are notices.</li>
 * </ul>
 * Whether bytes read as text is judged in the part's charset ({@link #textIn}): a notice's letters decode to bytes no
 * UTF-8 text has, and to few letters in a single-byte charset.
 * An incomplete last group is dropped. A person then reads what the sender wrote, not a block of letters and digits.
 */
final class DamagedBase64 {

    /** Where text was lost inside a line of the mail's own (ASCII, so that it reads the same in any charset). */
    static final String GAP = "[...]";
    private static final byte[] GAP_BYTES = GAP.getBytes(StandardCharsets.US_ASCII);

    private DamagedBase64() {
    }

    /** What is done with a line. */
    private enum Use {
        /** Decoded as it is: a line of the mail's, in step. */
        WHOLE,
        /** Decoded group by group, the damaged groups left out and marked. */
        GROUPS,
        /** Not the mail's, or too damaged to read: left out. */
        LEFT_OUT,
        /** Left out, and text was lost there: marked. */
        LOST,
        /** Cut short: what it holds, then marked. */
        CUT
    }

    private record Line(String text, Use use) {
    }

    /**
     * Whether base64 that decodes without error is damaged all the same: a line that {@link #decode} leaves out or reads
     * group by group (a one-word notice is all base64 letters; padding inside a line) puts what follows it out of step,
     * or adds junk.
     */
    static boolean irregular(byte[] encoded, String charset) {
        List<String> lines = lines(encoded);
        List<Line> plan = plan(lines, textIn(charset));
        if (plan.isEmpty()) {
            return !lines.isEmpty(); // text labelled base64 by mistake; an empty part is no damage
        }
        if (plan.stream().anyMatch(line -> line.use() != Use.WHOLE)) {
            return true;
        }
        // more than one line that is neither full nor the end of a part: the first of them put the rest out of step
        int width = commonWidth(plan.stream().map(Line::text).toList());
        return plan.stream().filter(line -> line.text().length() != width && !line.text().endsWith("=")).count() > 1;
    }

    /**
     * The bytes, or empty when no line is base64 (text labelled base64 by mistake). {@code charset} is the one the part
     * names: what reads as text is judged in it (UTF-8 when it names none).
     */
    static Optional<byte[]> decode(byte[] encoded, String charset) {
        List<String> lines = lines(encoded);
        List<Line> plan = plan(lines, textIn(charset));
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length * 3 / 4);
        boolean gapBefore = false;
        for (Line line : plan) {
            switch (line.use()) {
                case WHOLE -> out.writeBytes(whole(line.text()));
                case GROUPS -> out.writeBytes(groups(line.text()));
                case CUT -> {
                    out.writeBytes(whole(line.text()));
                    out.writeBytes(GAP_BYTES);
                }
                case LOST -> {
                    if (!gapBefore) {
                        out.writeBytes(GAP_BYTES);
                    }
                }
                case LEFT_OUT -> {
                }
            }
            gapBefore = line.use() == Use.LOST || line.use() == Use.CUT;
        }
        return Optional.of(out.toByteArray());
    }

    /** The lines that are not blank, stripped. */
    private static List<String> lines(byte[] encoded) {
        List<String> lines = new ArrayList<>();
        for (String line : new String(encoded, StandardCharsets.ISO_8859_1).split("\\r?\\n|\\r")) {
            String kept = line.strip();
            if (!kept.isEmpty()) {
                lines.add(kept);
            }
        }
        return lines;
    }

    /** What is done with each line (see the class comment). */
    private static List<Line> plan(List<String> lines, java.util.function.Predicate<byte[]> readsAsText) {
        if (mostlyWords(lines)) {
            return List.of(); // text labelled base64 by mistake
        }
        // the mail's lines: base64 letters only, or mostly whole groups (a line with a damaged character)
        List<String> encoded = lines.stream().filter(line -> letters(line) || line.length() >= 8 && mostlyGroups(line)).toList();
        if (encoded.isEmpty()) {
            return List.of();
        }
        int width = commonWidth(encoded);
        int lastFull = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() == width && letters(lines.get(i))) {
                lastFull = i;
            }
        }
        // the mail's end: of the clean lines after the last full one that read as text, the longest (a notice of four
        // letters can decode to three bytes that read as text too: "Info" to "\"wè"; the first of equals)
        int end = -1;
        for (int i = lastFull + 1; i < lines.size(); i++) {
            if (letters(lines.get(i)) && !paddedInside(lines.get(i)) && readsAsText.test(whole(lines.get(i)))
                    && (end < 0 || lines.get(i).length() > lines.get(end).length())) {
                end = i;
            }
        }
        List<Line> plan = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean clean = letters(line) && !paddedInside(line);
            Use use;
            if (line.length() == width && clean) {
                use = Use.WHOLE;
            } else if (line.length() == width && mostlyGroups(line)) {
                // the mail's own line with a damaged character: its groups are in step, so only the damaged one is lost
                use = runs(line).stream().allMatch(readsAsText) ? Use.GROUPS : Use.LOST;
            } else if (i > lastFull) {
                // the end, or the end with a damaged character (read group by group); the rest are notices
                use = i == end ? Use.WHOLE
                        : end < 0 && line.length() >= 8 && mostlyGroups(line) && runs(line).stream().allMatch(readsAsText) ? Use.GROUPS
                        : Use.LEFT_OUT;
            } else if (clean && (line.endsWith("=") || line.length() >= 8 && line.length() % 4 == 0 && readsAsText.test(whole(line)))) {
                // a part of its own ends here (with padding, or in whole groups that read as text: eight letters at least, as
                // four can be a notice); another follows
                use = Use.WHOLE;
            } else if (clean && line.length() >= 8 && readsAsText.test(whole(line))) {
                use = Use.CUT; // a line of the mail's cut short: what it holds, and a mark where the rest was
            } else {
                // a line one or two characters off the width is the mail's with a letter lost or added: text is lost there
                use = letters(line) && Math.abs(line.length() - width) <= 2 ? Use.LOST : Use.LEFT_OUT;
            }
            plan.add(new Line(line, use));
        }
        return plan;
    }

    /**
     * Whether the part is a person's text labelled base64 by mistake: a line of words in it (two characters or more that
     * base64 does not have: spaces between words, "å", ","), and no line a mail program wrote (40 base64 letters or
     * more, as 72 and 76 are). A gateway's notice in real base64 stands among such lines. Before, a text whose lines
     * happened to be all letters ("Mvh", "Anna", "abcd") was decoded as base64 and lost (helpers 119, 120).
     */
    private static boolean mostlyWords(List<String> lines) {
        return lines.stream().anyMatch(line -> line.chars().filter(c -> !isBase64(c)).count() >= 2)
                && lines.stream().noneMatch(line -> line.length() >= 40 && letters(line));
    }

    /** A line decoded as it is: an incomplete last group dropped (one letter holds no byte). */
    private static byte[] whole(String line) {
        String run = line.replaceFirst("=+$", "");
        int usable = run.length() % 4 == 1 ? run.length() - 1 : run.length();
        return Base64.getDecoder().decode(run.substring(0, usable));
    }

    /**
     * A line decoded four letters at a time, a group that is not base64 (a character base64 does not have, padding
     * before its end) left out: the runs of groups between those left out.
     */
    private static List<byte[]> runs(String line) {
        List<byte[]> runs = new ArrayList<>();
        ByteArrayOutputStream run = new ByteArrayOutputStream(line.length());
        for (int at = 0; at < line.length(); at += 4) {
            String group = line.substring(at, Math.min(line.length(), at + 4));
            if (wholeGroup(group)) {
                run.writeBytes(whole(group));
            } else {
                runs.add(run.toByteArray());
                run.reset();
            }
        }
        runs.add(run.toByteArray());
        return runs;
    }

    /** The runs of {@link #runs}, one {@link #GAP} where one group or more in a row were left out. */
    private static byte[] groups(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(line.length());
        List<byte[]> runs = runs(line);
        out.writeBytes(runs.get(0));
        boolean gap = false;
        for (byte[] run : runs.subList(1, runs.size())) {
            gap = true; // a group was left out before this run
            if (run.length > 0) {
                out.writeBytes(GAP_BYTES);
                out.writeBytes(run);
                gap = false;
            }
        }
        if (gap) {
            out.writeBytes(GAP_BYTES);
        }
        return out.toByteArray();
    }

    /** Whether most of the line's four-letter groups are base64 (a damaged line of the mail's; not a notice). */
    private static boolean mostlyGroups(String line) {
        int groups = 0;
        int good = 0;
        for (int at = 0; at < line.length(); at += 4, groups++) {
            String group = line.substring(at, Math.min(line.length(), at + 4));
            good += wholeGroup(group) ? 1 : 0;
        }
        return good * 2 > groups;
    }

    /**
     * What reads as text in the part's charset: UTF-8 (also when it names none, or one that is not known) strictly; a
     * single-byte charset (ISO-8859-1, windows-1252) by its letters, since any byte is a character there.
     */
    private static java.util.function.Predicate<byte[]> textIn(String charset) {
        java.nio.charset.Charset named = MailTextDecoder.known(charset);
        boolean singleByte = named != null && !named.equals(StandardCharsets.UTF_8) && !named.equals(StandardCharsets.US_ASCII)
                && named.newEncoder().maxBytesPerChar() == 1;
        return singleByte ? bytes -> readsAsUtf8Text(bytes) || readsAsSingleByteText(bytes) : DamagedBase64::readsAsUtf8Text;
    }

    /**
     * Whether the bytes read as a piece of UTF-8 text: a letter cut at either end (the line before or after holds the
     * rest of it) allowed, no control bytes but line breaks and tabs.
     */
    private static boolean readsAsUtf8Text(byte[] bytes) {
        int from = 0;
        while (from < Math.min(3, bytes.length) && (bytes[from] & 0xc0) == 0x80) {
            from++; // the end of a letter begun on the line before
        }
        byte[] piece = MailTextDecoder.withoutCutLetter(Arrays.copyOfRange(bytes, from, bytes.length));
        return !holdsControls(piece) && MailTextDecoder.isUtf8(piece);
    }

    /**
     * Whether the bytes read as a piece of text in a single-byte charset: no control bytes, and four in five of them
     * letters, digits, spaces or common punctuation (a notice's letters decode to bytes of any kind: "Kort" to
     * "*Ší").
     */
    private static boolean readsAsSingleByteText(byte[] bytes) {
        if (holdsControls(bytes)) {
            return false;
        }
        int letters = 0;
        for (byte b : bytes) {
            int c = b & 0xff;
            boolean ascii = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || " \t\r\n.,;:!?-()'\"/".indexOf(c) >= 0;
            letters += ascii || c >= 0xc0 && c != 0xd7 && c != 0xf7 ? 1 : 0;
        }
        return letters * 5 >= bytes.length * 4;
    }

    private static boolean holdsControls(byte[] bytes) {
        for (byte b : bytes) {
            if (b >= 0 && b < 0x20 && b != '\r' && b != '\n' && b != '\t' || b == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** A group of four letters (or the last, shorter one) that holds a byte: base64 letters, padding only at its end. */
    private static boolean wholeGroup(String group) {
        return letters(group) && !paddedInside(group) && group.replaceFirst("=+$", "").length() >= 2;
    }

    /** Padding anywhere but at the end: what followed it would be out of step. */
    private static boolean paddedInside(String line) {
        return line.replaceFirst("=+$", "").contains("=");
    }

    /** Whether the line is base64 letters (and padding) only. */
    private static boolean letters(String line) {
        return line.chars().allMatch(DamagedBase64::isBase64);
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

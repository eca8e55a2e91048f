package se.foubot.conversation;

import java.util.Optional;

/**
 * What the words said at a summary are, as written: ranges of answers' numbers spelled out for reading ("2–4" is 2,
 * 3 and 4), and the person's own words found again to be told back, no longer than a line.
 */
final class SummaryWords {

    private SummaryWords() {
    }

    /**
     * Two numbers with a dash (or a tilde) between them, as the person wrote them ("3–6", "3 - 6", "6–3", "2-4-6"); not
     * the parts of a date ("2027-03-01", "01-03-2027").
     */
    private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile(
            "(?<!\\p{Nd}[-./:])(?<!\\p{Nd})(\\p{Nd}{1,2})\\s*[-‐‑‒–—−~]\\s*(\\p{Nd}{1,2})(?!\\p{Nd})(?![-./:]\\p{Nd}{3,})");
    /**
     * A long dash joining two words ("roll–datum"): a list, as "och"; a hyphen is part of a word ("e-post"), and a dash
     * with spaces around it sets words apart ("Ja – ändra 3").
     */
    private static final java.util.regex.Pattern NAMES_DASHED = java.util.regex.Pattern.compile("(?<=\\p{L})[–—](?=\\p{L})");
    /** The most numbers a range is spelled out to: a summary has no more answers than that. */
    private static final int LONGEST_RANGE = 30;

    /**
     * {@code text} with each range of answers' numbers spelled out ("2–4" as "2 och 3 och 4", "4–2" the same) and a long
     * dash between names as "och"; as it was when it has neither.
     */
    static String spellOutRanges(String text) {
        String written = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
        String spelled = written;
        // "2–4–6": the second range begins where the first ended, so it is found on a second look
        for (int look = 0; look < 3; look++) {
            java.util.regex.Matcher m = RANGE.matcher(spelled);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int a = Integer.parseInt(m.group(1));
                int b = Integer.parseInt(m.group(2));
                int from = Math.min(a, b);
                int to = Math.max(a, b);
                String numbers = to - from >= LONGEST_RANGE ? m.group()
                        : java.util.stream.IntStream.rangeClosed(from, to).mapToObj(Integer::toString)
                                .collect(java.util.stream.Collectors.joining(" och "));
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(numbers));
            }
            m.appendTail(out);
            spelled = out.toString();
        }
        spelled = NAMES_DASHED.matcher(spelled).replaceAll(" och ");
        return spelled.equals(written) ? text : spelled;
    }

    /**
     * The written words of {@code text} that fold to its words {@code from} (inclusive) to {@code to} (exclusive), as the
     * person wrote them ("1–99" is one written word and two folded ones; a range spelled out leaves the words before and
     * after it as they were); empty when the part begins or ends inside a written word.
     */
    static Optional<String> writtenPart(String text, int from, int to) {
        String[] written = text.strip().split("\\s+");
        int folded = 0;
        int start = -1;
        int stop = -1;
        for (int i = 0; i <= written.length; i++) {
            if (folded == from && start < 0) {
                start = i;
            }
            if (folded == to && stop < 0 && start >= 0) {
                stop = i;
            }
            if (i < written.length) {
                String f = TextNormalizer.normalize(written[i]);
                folded += f.isEmpty() ? 0 : f.split(" ").length;
            }
        }
        return start >= 0 && stop > start ? Optional.of(String.join(" ", java.util.Arrays.copyOfRange(written, start, stop)))
                : Optional.empty();
    }

    /** Words told back longer than this are cut: a page of them would only hide the question. */
    private static final int LONGEST_ECHO = 60;

    static String shortened(String words) {
        return words.codePointCount(0, words.length()) <= LONGEST_ECHO ? words
                : words.substring(0, words.offsetByCodePoints(0, LONGEST_ECHO)).strip() + "…";
    }
}

package se.foubot.knowledgegaps;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for a theme in a person's own words, wherever it is written (a mail's "Tema:" or "Annat tema:", the flow's
 * own-theme question in Slack or the terminal): the words of the choice before it ("annat tema – …") are no part of
 * it, and what a spreadsheet would run as a formula ({@code =HYPERLINK(…)}, {@code +}, {@code -}, {@code @}), also
 * behind characters that show nothing (a zero-width or no-break space), is never kept (helper 121: Slack kept one and
 * showed it as the theme in lists and outcomes, while mail refused it).
 */
final class OwnTheme {

    static final int MAX = 120;

    private static final Pattern INVISIBLE_FIRST = Pattern.compile("^[\\p{Cf}\\p{Z}\\s]+");
    private static final Pattern OTHER_THEME_FIRST = Pattern.compile("(?iU)^(annat tema|eget tema|other theme)(\\s*[:–—-]\\s*|\\s+)");
    /** What a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @). */
    private static final Pattern FORMULA = Pattern.compile("^[=+\\-@].*", Pattern.DOTALL);

    private OwnTheme() {
    }

    /** The own theme to keep, at most {@link #MAX} characters; empty when there is none (blank, a formula). */
    static Optional<String> of(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String own = words(written);
        if (own.isBlank() || FORMULA.matcher(own).matches()) {
            return Optional.empty();
        }
        return Optional.of(own.length() > MAX ? own.substring(0, MAX) : own);
    }

    /** Written, but not kept: a formula (where {@link #of} gives nothing for words that are there). */
    static boolean refused(String written) {
        return written != null && !written.isBlank() && of(written).isEmpty();
    }

    /** "annat tema – Hemlöshet bland äldre": the words after the choice's, from the first that shows. */
    private static String words(String written) {
        String text = INVISIBLE_FIRST.matcher(written).replaceFirst("");
        String own = INVISIBLE_FIRST.matcher(OTHER_THEME_FIRST.matcher(text).replaceFirst("")).replaceFirst("").strip();
        return own.isBlank() ? text.strip() : own;
    }
}

package se.foubot.conversation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text for matching: lower case, no diacritics ("Hägersten-Älvsjö" → "hagersten alvsjo"), compatibility forms as
 * their plain letters and digits ("２" → "2"), single spaces.
 */
public final class TextNormalizer {

    // compiled once: every turn folds its text several times (each flow's match, the commands, the knowledge questions)
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}@.+]+");
    private static final Pattern LOOSE_DOT = Pattern.compile("(?<![\\p{L}\\p{N}])\\.|\\.(?![\\p{L}\\p{N}])");
    private static final Pattern SPACES = Pattern.compile(" +");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        // compatibility forms too: full-width digits and letters from an East Asian keyboard ("２"), ligatures ("ﬁ")
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        String words = NOT_WORD.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return SPACES.matcher(LOOSE_DOT.matcher(words).replaceAll(" ").strip()).replaceAll(" ");
    }
}

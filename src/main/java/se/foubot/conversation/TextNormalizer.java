package se.foubot.conversation;

import java.text.Normalizer;
import java.util.Locale;

/** Folds text for matching: lower case, no diacritics ("Hägersten-Älvsjö" → "hagersten alvsjo"), single spaces. */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return folded.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}@.+]+", " ")
                .replaceAll("(?<![\\p{L}\\p{N}])\\.|\\.(?![\\p{L}\\p{N}])", " ")
                .strip()
                .replaceAll(" +", " ");
    }
}

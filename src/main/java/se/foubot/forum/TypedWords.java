package se.foubot.forum;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.foubot.conversation.TextNormalizer;

/**
 * What a person typed after a command's words, as they typed it. The words are read folded ("anmal", "forum stall in"),
 * and so is the meeting they name, to find it; what is said back is their own writing ("R&D-mötet"), not the folded
 * key ("r-d-motet"), which they never wrote.
 */
final class TypedWords {

    private static final Pattern WORD = Pattern.compile("\\S+");

    private TypedWords() {
    }

    /**
     * The rest of {@code line} after the words that fold to {@code folded}, stripped; empty when the line does not
     * begin with whole words folding to exactly that ("anmäl,R&D" folds to "anmal r d" with no word boundary to cut
     * at), or nothing follows them.
     */
    static Optional<String> after(String line, String folded) {
        String text = line == null ? "" : line.strip();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            String prefix = TextNormalizer.normalize(text.substring(0, word.end()));
            if (prefix.equals(folded)) {
                return Optional.of(text.substring(word.end()).strip()).filter(rest -> !rest.isEmpty());
            }
            if (prefix.length() > folded.length()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}

package se.foubot.messaging;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.foubot.conversation.TextNormalizer;

/**
 * How a message is put: as a question ("när stänger lum?", "sista dag lum?"), as a polite request
 * ("kan du påminna mig om LUM?") or as a statement. Questions are never taken as a wish (a subscription) and a
 * statement of a need is never taken as a question; both rules read the message clause by clause.
 */
public final class Asking {

    /** Words that ask whatever follows them (after folding: å, ä, ö as a, a, o). */
    private static final Pattern CLAUSE = Pattern.compile("[^.,;:!?\\n…–]+([.,;:!?\\n…–]*)");
    private static final Set<String> WH_WORDS = Set.of("nar", "vad", "vem", "vilka", "vilken", "vilket", "hur", "var",
            "varfor", "vart", "what", "when", "who", "which", "how", "where", "why");
    /** Verbs that ask when they come first with their subject after them ("behöver vi …", "kan jag …"). */
    private static final Set<String> INVERTED_VERBS = Set.of("kan", "far", "maste", "ska", "skall", "finns", "galler", "ar",
            "behover", "borde", "blir", "tar", "har", "kommer", "fungerar", "stammer", "can", "may", "must", "is",
            "are", "do", "does", "should", "will", "could", "would", "have", "has");
    /** A subject after an inverted verb: "behöver vi" asks, "behöver bolla målen" states (the subject left out). */
    private static final Set<String> SUBJECTS = Set.of("vi", "ni", "jag", "du", "man", "det", "de", "den", "han", "hon",
            "dom", "mitt", "min", "vart", "vara", "er", "ert", "era", "en", "ett", "projektet", "ansokan", "we", "i", "you",
            "they", "it", "there", "the", "a", "an", "my", "our");
    /** Words that ask the bot to do something rather than ask about something. */
    private static final List<String> POLITE = List.of("kan du", "kan ni", "skulle du", "skulle ni", "vill du", "vill ni",
            "can you", "could you", "would you", "will you", "please");

    /** Words that make a statement a question in disguise ("jag undrar …", "vi behöver veta …"). */
    private static final List<String> INDIRECT = List.of("undrar", "veta", "fundera", "fundering", "wonder", "wondering",
            "know", "question");

    private Asking() {
    }

    /** A question mark, a question word first, or a verb first with its subject after it. */
    public static boolean asks(String text) {
        if (text == null) {
            return false;
        }
        if (text.contains("?")) {
            return true;
        }
        return Arrays.stream(text.split("[.!;\\n]")).anyMatch(Asking::asksByItsWords);
    }

    /**
     * A question about something rather than a request to the bot: asks ({@link #asks}) and is not put as a polite
     * request ("kan du påminna mig …?").
     */
    public static boolean isQuestion(String text) {
        String normalized = TextNormalizer.normalize(text);
        return asks(text) && POLITE.stream().noneMatch(p -> normalized.startsWith(p + " "));
    }

    /**
     * The clauses of a text (split at . , ; : ! ? … – and line breaks), each with whether it is put as a question: a
     * question mark after it, a question word first, a verb first with its subject after it, or words that ask in
     * disguise ("jag undrar", "behöver veta").
     */
    public static List<Clause> clauses(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<Clause> out = new java.util.ArrayList<>();
        Matcher m = CLAUSE.matcher(text);
        while (m.find()) {
            String words = m.group().substring(0, m.group().length() - m.group(1).length()).strip();
            if (!words.isEmpty()) {
                String folded = " " + TextNormalizer.normalize(words) + " ";
                out.add(new Clause(words, m.group(1).contains("?") || asksByItsWords(words)
                        || INDIRECT.stream().anyMatch(w -> folded.contains(" " + w + " "))));
            }
        }
        return out;
    }

    /** One clause of a message and whether it asks. */
    public record Clause(String words, boolean question) {
    }

    private static boolean asksByItsWords(String clause) {
        String[] words = TextNormalizer.normalize(clause).split(" ");
        if (words.length == 0 || words[0].isEmpty()) {
            return false;
        }
        if (WH_WORDS.contains(words[0])) {
            return true;
        }
        return INVERTED_VERBS.contains(words[0]) && (words.length == 1 || SUBJECTS.contains(words[1]));
    }
}

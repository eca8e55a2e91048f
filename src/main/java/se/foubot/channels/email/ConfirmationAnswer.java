package se.foubot.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads an answer to our "Bekräfta:" mail. Any answer from the address proves that its owner reads it, but not that
 * they agree: only a yes confirms ("ja", "Ja, det var jag", "Yes", "Stämmer"); a no ("Nej", "Det var inte jag", "Det
 * stämmer inte", "Jag har aldrig skickat något sådant") does nothing, and anything else ("Vad är det här?") is asked
 * again. Helpers 97 and 98: any answer confirmed, so the people who objected were the ones whose forged mail was
 * added. What counts is the answer's first sentence that is not a greeting; what they quote is the mail we asked about.
 */
final class ConfirmationAnswer {

    /** What an answer says. */
    enum Said {
        YES, NO, UNCLEAR
    }

    /** "Hej!", "Hej Anna,", "Hi,", "God morgon": said before the answer, not the answer. */
    private static final Pattern GREETING = Pattern.compile("^(hej|hejsan|hallå|tjena|hi|hello|hey|dear|god morgon|god dag|good morning"
            + "|good afternoon)(\\s+[\\p{L}.-]+){0,2}$");
    private static final Pattern YES = Pattern.compile("^(ja|japp|jajamen|jepp|jo|javisst|yes|yep|yeah|ok|okej|okay|stämmer|det stämmer"
            + "|absolut|visst|korrekt|bekräftar|bekräftat|bekräftas|det var jag|det är jag|det var från mig|that was me|it was me"
            + "|that's me|it's me|correct|sure|confirmed|i confirm|confirm)(\\P{L}.*)?$");
    /** A no, a negation, or a word that calls the mail false, anywhere in the sentence. */
    private static final Pattern NO = Pattern.compile("(^|\\P{L})(nej|nä|näe|no|nope|inte|ej|icke|aldrig|not|never|bedrägeri|falskt"
            + "|förfalskat|fel|fake|fraud|scam|spam|wrong)(\\P{L}|$)|n't(\\P{L}|$)");

    /** A line that introduces a quote ("FoU-boten skrev 2026-12-06 22:21:", "On 6 Dec, FoU wrote:"), not an answer. */
    private static final Pattern QUOTE_INTRODUCED = Pattern.compile("(?i).*\\b(skrev|wrote)\\b[^.!?]*:$");

    private ConfirmationAnswer() {
    }

    static Said read(String text) {
        String sentence = firstSentence(text);
        if (NO.matcher(sentence).find()) {
            return Said.NO;
        }
        return YES.matcher(sentence).matches() ? Said.YES : Said.UNCLEAR;
    }

    /** Whether the answer is a yes that says more ("Ja, det var jag. En sak till: vi behöver det senast 15 mars"). */
    static boolean saysMoreThanYes(String text) {
        if (read(text) != Said.YES) {
            return false;
        }
        List<String> sentences = sentences(text);
        int yes = 0;
        while (yes < sentences.size() && (GREETING.matcher(sentences.get(yes)).matches() || YES.matcher(sentences.get(yes)).matches()
                && sentences.get(yes).split("[^\\p{L}\\d]+").length <= 4)) {
            yes++;
        }
        String rest = String.join(" ", sentences.subList(yes, sentences.size()));
        return rest.codePoints().filter(Character::isLetter).count() >= 4 && rest.split("[^\\p{L}\\d]+").length > 1;
    }

    /** The first sentence that is not a greeting, in lower case; empty when there is none. */
    private static String firstSentence(String text) {
        for (String sentence : sentences(text)) {
            if (!GREETING.matcher(sentence).matches()) {
                return sentence;
            }
        }
        return "";
    }

    /** The answer's sentences, in lower case, quoted lines left out. */
    private static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        if (text == null) {
            return sentences;
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank() || line.stripLeading().startsWith(">") || QUOTE_INTRODUCED.matcher(line.strip()).matches()) {
                continue;
            }
            for (String sentence : line.toLowerCase(Locale.ROOT).replace('’', '\'').split("(?<=[.!?,:;])\\s+|[.!?]+$")) {
                String s = sentence.strip().replaceAll("[\\p{P}\\s]+$", "");
                if (!s.isEmpty()) {
                    sentences.add(s);
                }
            }
        }
        return sentences;
    }
}

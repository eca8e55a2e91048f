package se.foubot.channels.email;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads an answer to our "Bekräfta:" mail. Any answer from the address proves that its owner reads it, but not that
 * they agree: "Nej, det var inte jag" must not do what the forged mail asked (helper 97: it did, and added "send all
 * material to …" to the task as the requester's). Only the answer's first line counts, where people answer; what
 * they quote below is the mail we asked about.
 */
final class ConfirmationAnswer {

    /** "Nej", "Nä!", "No.", "Nope", at the start. */
    private static final Pattern NO_FIRST = Pattern.compile("^(nej|nä|näe|no|nope)(\\P{L}.*)?$");
    /** "Det var inte jag", "jag har inte skrivit det", "not me", "I did not send it", anywhere in the first line. */
    private static final Pattern NOT_ME = Pattern.compile(
            "\\b(inte jag|var inte jag|skrev inte|har inte skrivit|har inte skickat|skickade inte|inte från mig|inte mitt"
                    + "|not me|wasn'?t me|not from me|not mine|did ?n[o']?t (write|send)|have ?n[o']?t (written|sent)|never (wrote|sent))\\b");

    /** A yes and its usual company, at the start of an answer: what is left after them is more than a yes. */
    private static final Pattern YES = Pattern.compile("^(?:(?:ja|japp|jajamen|jepp|jo|yes|yep|yeah|ok|okej|okay|stämmer|det stämmer"
            + "|absolut|visst|det var jag|det är jag|det var från mig|that was me|it was me|that's me|it's me|correct|sure|"
            + "tack|thanks|thank you|hej|hi|hello)(?:[\\s\\p{P}]+|$))+");

    private ConfirmationAnswer() {
    }

    /** Whether the answer says more than a yes ("Ja, det var jag. En sak till: vi behöver det senast 15 mars"). */
    static boolean saysMoreThanYes(String text) {
        if (text == null || text.isBlank() || denies(text)) {
            return false;
        }
        String rest = YES.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceFirst("");
        return rest.split("[^\\p{L}\\d]+", -1).length > 1 && rest.codePoints().filter(Character::isLetter).count() >= 4;
    }

    /** Whether the answer says no: the sender did not write the mail, or does not want it done. */
    static boolean denies(String text) {
        String first = firstLine(text).toLowerCase(Locale.ROOT).replace('’', '\'').strip();
        return NO_FIRST.matcher(first).matches() || NOT_ME.matcher(first).find();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        for (String line : text.split("\\R")) {
            if (!line.isBlank() && !line.stripLeading().startsWith(">")) {
                return line;
            }
        }
        return "";
    }
}

package se.foubot.conversation;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers said in words, as answers to a numbered list and answers' numbers at the summary ("tre", "tvåan", "den
 * tredje", "3:an", "3rd"). They are looked up folded, as the person may have no Swedish keyboard ("tva", "forsta"),
 * but a word written with other marks than the number's own is another word: "förstå" is no "första".
 */
final class NumberWords {

    /** Numbers in words, as an answer's number at the summary ("ändra tre"). */
    // "en" and "ett" are no numbers here: before they are 1 they are words ("ändra en sak", "en av dem")
    private static final Map<String, String> NUMBER_WORDS = Map.ofEntries(
            Map.entry("tva", "2"), Map.entry("tre", "3"), Map.entry("fyra", "4"), Map.entry("fem", "5"), Map.entry("sex", "6"),
            Map.entry("sju", "7"), Map.entry("atta", "8"), Map.entry("nio", "9"), Map.entry("tio", "10"), Map.entry("one", "1"),
            Map.entry("two", "2"), Map.entry("three", "3"), Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"),
            Map.entry("seven", "7"), Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"),
            Map.entry("ettan", "1"), Map.entry("tvaan", "2"), Map.entry("trean", "3"), Map.entry("fyran", "4"), Map.entry("femman", "5"),
            Map.entry("sexan", "6"), Map.entry("sjuan", "7"), Map.entry("attan", "8"), Map.entry("nian", "9"), Map.entry("tian", "10"),
            Map.entry("forsta", "1"), Map.entry("tredje", "3"), Map.entry("fjarde", "4"), Map.entry("femte", "5"), Map.entry("sjatte", "6"),
            Map.entry("sjunde", "7"), Map.entry("attonde", "8"), Map.entry("nionde", "9"), Map.entry("tionde", "10"),
            Map.entry("first", "1"), Map.entry("second", "2"), Map.entry("third", "3"), Map.entry("fourth", "4"), Map.entry("fifth", "5"),
            Map.entry("sixth", "6"), Map.entry("seventh", "7"), Map.entry("eighth", "8"), Map.entry("ninth", "9"), Map.entry("tenth", "10"),
            // a list as long as the districts' (14)
            Map.entry("elva", "11"), Map.entry("tolv", "12"), Map.entry("tretton", "13"), Map.entry("fjorton", "14"),
            Map.entry("femton", "15"), Map.entry("elvan", "11"), Map.entry("tolvan", "12"), Map.entry("trettonan", "13"),
            Map.entry("fjortonan", "14"), Map.entry("femtonan", "15"), Map.entry("elfte", "11"), Map.entry("tolfte", "12"),
            Map.entry("trettonde", "13"), Map.entry("fjortonde", "14"), Map.entry("femtonde", "15"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("thirteen", "13"), Map.entry("fourteen", "14"), Map.entry("fifteen", "15"),
            Map.entry("eleventh", "11"), Map.entry("twelfth", "12"), Map.entry("thirteenth", "13"), Map.entry("fourteenth", "14"),
            Map.entry("fifteenth", "15"),
            // as the numbers are spoken of ("ta trean", "det blir en tvåa")
            Map.entry("etta", "1"), Map.entry("tvaa", "2"), Map.entry("trea", "3"), Map.entry("femma", "5"), Map.entry("sexa", "6"),
            Map.entry("sjua", "7"), Map.entry("nia", "9"), Map.entry("tia", "10"));
    /** An ordinal's ending after the digits, as folding leaves it ("3:an" → "3 an", "3:e", "3rd"). */
    private static final Pattern ORDINAL = Pattern.compile("(\\d{1,2})(?: an| a| e|st|nd|rd|th)");

    /** The number words that have marks, as Swedish writes them, by their folded form (the others have none). */
    private static final Map<String, String> WITH_MARKS = Map.ofEntries(Map.entry("tva", "två"), Map.entry("atta", "åtta"),
            Map.entry("tvaan", "tvåan"), Map.entry("attan", "åttan"), Map.entry("forsta", "första"), Map.entry("fjarde", "fjärde"),
            Map.entry("sjatte", "sjätte"), Map.entry("attonde", "åttonde"), Map.entry("tvaa", "tvåa"));

    private NumberWords() {
    }

    /** An answer's number however it was written ("tre", "3:an", "3rd") from the folded word; anything else as it is. */
    static String numberIn(String named) {
        Matcher ordinal = ORDINAL.matcher(named);
        return NUMBER_WORDS.getOrDefault(named, ordinal.matches() ? ordinal.group(1) : named);
    }

    /** Whether the folded word is a number's ("forsta", "tre", "tvaan"). */
    static boolean isNumberWord(String folded) {
        return NUMBER_WORDS.containsKey(folded);
    }

    /**
     * {@code cmd} (the folded {@code text}) with each word that folds to a number word but was written with other marks
     * than the number's own ("förstå" for "första") marked as no number ("forsta" becomes "forsta-"), so that no
     * reading of {@code cmd} takes it for one. Text written without marks is left as it is: "forsta" is the first.
     */
    static String withoutMisspeltNumbers(String text, String cmd) {
        String written = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        String marked = cmd;
        for (String word : written.split("[^\\p{L}]+")) {
            String folded = TextNormalizer.normalize(word);
            // the number as Swedish writes it; one written without marks ("tre") has none to add ("trë")
            String own = WITH_MARKS.getOrDefault(folded, NUMBER_WORDS.containsKey(folded) ? folded : null);
            if (own != null && !word.equals(own) && !word.chars().allMatch(c -> c < 128)) {
                marked = (" " + marked + " ").replace(" " + folded + " ", " " + folded + "- ").strip();
            }
        }
        return marked;
    }
}

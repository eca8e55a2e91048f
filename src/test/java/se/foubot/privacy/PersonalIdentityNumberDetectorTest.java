package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PersonalIdentityNumberDetectorTest {

    private final PersonalIdentityNumberDetector detector = new PersonalIdentityNumberDetector();

    /** One line of the labelled table: a text and whether it holds a personal identity number. */
    record Case(boolean holdsNumber, String category, String text) {
    }

    @Test
    void theLabelledTableIsFoundWithoutAFalseAlarm() throws IOException {
        List<Case> table = table();
        long traps = table.stream().filter(c -> !c.holdsNumber()).count();
        assertThat(table).hasSizeGreaterThanOrEqualTo(200);
        assertThat(traps).as("at least half of the cases are traps").isGreaterThanOrEqualTo(table.size() - traps);

        List<String> missed = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        for (Case c : table) {
            boolean found = detector.containsIdentityNumber(c.text());
            if (c.holdsNumber() && !found) {
                missed.add(c.category() + ": " + c.text());
            } else if (!c.holdsNumber() && found) {
                falseAlarms.add(c.category() + ": " + c.text());
            }
        }
        assertThat(missed).as("numbers not found").isEmpty();
        assertThat(falseAlarms).as("false alarms").isEmpty();
    }

    @Test
    void redactionLeavesNothingOfTheNumberInAnyWritingOfTheTable() throws IOException {
        for (Case c : table()) {
            String redacted = detector.redact(c.text());
            assertThat(detector.containsIdentityNumber(redacted)).as(c.text()).isFalse();
            if (c.holdsNumber()) {
                assertThat(redacted).as(c.text()).contains(PersonalIdentityNumberDetector.PLACEHOLDER);
            } else {
                assertThat(redacted).as("a trap is left as it was").isEqualTo(c.text());
            }
        }
    }

    @Test
    void redactionRemovesTheNumberAndKeepsTheRest() {
        assertThat(detector.redact("Gäller 640823\u20133234, tel 08-508 25 016"))
                .isEqualTo("Gäller [personnummer borttaget], tel 08-508 25 016");
        assertThat(detector.redact("pnr: 19640823 3234 och 701063-2391."))
                .isEqualTo("pnr: [personnummer borttaget] och [personnummer borttaget].");
    }

    @Test
    void onlyCharactersOfTheNumberCategoriesReadAsDigits() {
        // a text with fewer than ten ASCII digits and characters of these categories is passed over unread, so no
        // other character may be one the detector reads as a digit
        List<String> others = new ArrayList<>();
        for (int cp = 0x80; cp <= Character.MAX_CODE_POINT; cp++) {
            if (PersonalIdentityNumberDetector.readsAsDigit(cp) && !PersonalIdentityNumberDetector.mayReadAsDigit(cp)) {
                others.add(Integer.toHexString(cp));
            }
        }
        assertThat(others).isEmpty();
        assertThat(PersonalIdentityNumberDetector.mayHoldANumber("Stöd med uppföljning 15 mars, tel 08-508")).isFalse();
        assertThat(detector.find("\u2465\u2463\u24ea\u2467\u2461\u2462-\u2462\u2461\u2462\u2463")).hasSize(1);
    }

    @Test
    void checkDigitFollowsTheLuhnAlgorithmOverTenDigits() {
        assertThat(PersonalIdentityNumberDetector.checkDigitValid("6408233234")).isTrue();
        assertThat(PersonalIdentityNumberDetector.checkDigitValid("7010632391")).isTrue();
        assertThat(PersonalIdentityNumberDetector.checkDigitValid("6408233230")).isFalse();
        assertThat(PersonalIdentityNumberDetector.checkDigit("640823323")).isEqualTo(4);
    }

    static List<Case> table() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = PersonalIdentityNumberDetectorTest.class.getResourceAsStream("/privacy/identity-numbers.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 3);
                cases.add(new Case(cols[0].equals("found"), cols[1], unescape(cols[2])));
            }
        }
        return cases;
    }

    /** The table writes invisible and look-alike characters as names, so a reader can see what each case holds. */
    static String unescape(String s) {
        return s.replace("{nbsp}", "\u00a0").replace("{thin}", "\u2009").replace("{nnbsp}", "\u202f")
                .replace("{endash}", "\u2013").replace("{emdash}", "\u2014").replace("{minus}", "\u2212")
                .replace("{zwsp}", "\u200b").replace("{zwj}", "\u200d").replace("{wj}", "\u2060").replace("{bom}", "\ufeff")
                .replace("{shy}", "\u00ad").replace("{ls}", "\u2028")
                .replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
    }

    @org.junit.jupiter.api.Test
    void aNumberWrittenInPairsOfDigitsIsFound() {
        PersonalIdentityNumberDetector d = new PersonalIdentityNumberDetector();
        for (String text : java.util.List.of("klienten har pnr 85 06 12 - 12 38, vad kostar lunchen på forumet?",
                "klienten 19 85 06 12 12 38 vad kostar lunchen?", "85\u00a006\u00a012\u2013 12 38", "85.06.12.12.38")) {
            org.assertj.core.api.Assertions.assertThat(d.redact(text)).as(text).contains(PersonalIdentityNumberDetector.PLACEHOLDER)
                    .doesNotContain("38");
        }
    }

    @org.junit.jupiter.api.Test
    void digitGroupsThatFailTheCheckDigitOrAreAPhoneNumberStay() {
        PersonalIdentityNumberDetector d = new PersonalIdentityNumberDetector();
        for (String text : java.util.List.of("ring 85 06 12 - 12 39", "070 123 45 67", "070-612 12 38", "+46 85 06 12 12 38",
                "2026-03-12 1430", "1 250 000 kr", "85 06 12 1238", "6 408 233 234 kr")) {
            org.assertj.core.api.Assertions.assertThat(d.containsIdentityNumber(text)).as(text).isFalse();
        }
    }
}

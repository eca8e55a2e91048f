package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Damaged base64 read as far as it goes. The encoder is the JDK's MIME encoder (76-character lines), as a mail program
 * writes it; the damage is what a size limit or a gateway does to it.
 */
class DamagedBase64Test {

    private static final String SWEDISH = "Hej! Vi i Hägersten-Älvsjö behöver hjälp med en enkät om hemtjänsten – gärna före "
            + "jul. Åsa på enheten vet mer om urvalet, och vi har redan pratat med förvaltningens ledningsgrupp om saken. "
            + "Vänliga hälsningar, Lars Öst, enhetschef";
    private static final byte[] TEXT = SWEDISH.getBytes(StandardCharsets.UTF_8);
    private static final String ENCODED = Base64.getMimeEncoder().encodeToString(TEXT);
    private static final List<String> LINES = List.of(ENCODED.split("\r\n"));

    private static String read(String encoded) {
        return MailTextDecoder.decodeDamaged(DamagedBase64.decode(encoded.getBytes(StandardCharsets.ISO_8859_1), "utf-8").orElseThrow(), "utf-8");
    }

    /**
     * The two sides of the one {@link DamagedBase64#GAP} in {@code text}: each a piece of {@code original} as it was, its
     * start and its end.
     */
    private static String[] aroundTheOneGap(String original, String text) {
        String[] around = text.split(java.util.regex.Pattern.quote(DamagedBase64.GAP));
        assertThat(around).as(text).hasSize(2);
        assertThat(original).startsWith(around[0]).endsWith(around[1]);
        return around;
    }

    private static String withLineAfter(int index, String inserted) {
        List<String> lines = new ArrayList<>(LINES);
        lines.add(index + 1, inserted);
        return String.join("\r\n", lines);
    }

    @Test
    void mailCutOffAtAnyPointGivesEveryWholeByteBeforeTheCut() {
        for (int cut = 0; cut <= ENCODED.length(); cut++) {
            String kept = ENCODED.substring(0, cut);
            int letters = kept.replace("\r\n", "").replace("=", "").length();
            byte[] decoded = DamagedBase64.decode(kept.getBytes(StandardCharsets.US_ASCII), "utf-8").orElse(new byte[0]);
            // each letter holds six bits: the whole bytes among them, no more and no less
            assertThat(decoded).as("cut after %d characters", cut).isEqualTo(Arrays.copyOf(TEXT, Math.min(TEXT.length, letters * 6 / 8)));
        }
    }

    @Test
    void aLetterCutInTwoAtTheEndLeavesTheTextBeforeItReadableNotMojibake() {
        for (int cut = 4; cut <= ENCODED.length(); cut++) {
            String text = read(ENCODED.substring(0, cut));
            assertThat(text).as("cut after %d characters", cut).doesNotContain("Ã").doesNotContain("\ufffd");
            assertThat(SWEDISH).as("cut after %d characters", cut).startsWith(text);
        }
    }

    @Test
    void aLineAGatewayWroteIntoThePartIsLeftOutWholeAndTheRestStaysInStep() {
        // all letters of base64 (a notice of one word, three letters), padding in the middle, spaces and brackets
        for (String notice : List.of("Avkortat", "ZZZ", "SGVq==IQ0K", "*** Skannat av e-postfiltret ***", "[Meddelandet har kortats]")) {
            assertThat(read(withLineAfter(1, notice))).as(notice).isEqualTo(SWEDISH);
        }
        assertThat(read("Detta meddelande har kontrollerats.\r\n" + ENCODED + "\r\n\r\nAvkortat\r\n")).isEqualTo(SWEDISH);
    }

    @Test
    void wordsLabelledBase64AreNoBase64ButAShortMailAmongMoreNoticeLinesStillIs() {
        // helper 119: words that happened to make whole groups ("abcd") were decoded as base64, the text lost
        for (String text : List.of("Hej,\r\nvi på Skarpnäck vill utvärdera.\r\nBromma stadsdelsförvaltning\r\nabcd\r\n",
                "Hej,\r\nvi på Skarpnäck vill utvärdera mötesplatser.\r\nabcd\r\n",
                "Hej,\r\nvi behöver hjälp med en utvärdering i Farsta.\r\nMvh\r\nAnna\r\n",
                "Hej,\r\nvi behöver hjälp med en utvärdering i Farsta.\r\nHälsningar\r\nAnna Berg\r\n")) {
            assertThat(DamagedBase64.decode(text.getBytes(StandardCharsets.UTF_8), "utf-8")).as(text).isEmpty();
            assertThat(DamagedBase64.decode(text.getBytes(StandardCharsets.ISO_8859_1), "iso-8859-1")).as(text).isEmpty();
        }
        // a mail program's line of base64 is the mail's, however many lines of words a gateway wrote around it
        String oneLine = LINES.get(0);
        assertThat(read("*** Skannat av e-postfiltret ***\r\n" + oneLine + "\r\n[Meddelandet har kortats]\r\n"))
                .startsWith(SWEDISH.substring(0, 40));
    }

    @Test
    void aDamagedFullLineCostsThatLineAloneAndNoControlCharacters() {
        List<String> lines = new ArrayList<>(LINES);
        lines.set(1, lines.get(1).substring(0, 40) + "==" + lines.get(1).substring(42));
        String text = read(String.join("\r\n", lines));
        assertThat(text).startsWith(SWEDISH.substring(0, 50)).endsWith("Vänliga hälsningar, Lars Öst, enhetschef")
                .doesNotContain("Ã").doesNotContainPattern("[\\p{Cc}&&[^\\r\\n\\t]]");
    }

    @Test
    void partsEncodedOneByOneAndJoinedAreBothRead() {
        String joined = Base64.getMimeEncoder().encodeToString("Hej, ".getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + Base64.getMimeEncoder().encodeToString("vi behöver stöd.".getBytes(StandardCharsets.UTF_8));
        assertThat(read(joined)).isEqualTo("Hej, vi behöver stöd.");
    }

    @Test
    void partsEncodedOneByOneAndJoinedAreBothReadWhenTheFirstNeedsNoPadding() {
        String joined = Base64.getMimeEncoder().encodeToString("Hej från oss: ".getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + Base64.getMimeEncoder().encodeToString(SWEDISH.getBytes(StandardCharsets.UTF_8));
        assertThat(Base64.getMimeEncoder().encodeToString("Hej från oss: ".getBytes(StandardCharsets.UTF_8))).doesNotContain("=");
        assertThat(read(joined)).isEqualTo("Hej från oss: " + SWEDISH);
    }

    @Test
    void textLabelledBase64ByMistakeIsNoBase64() {
        assertThat(DamagedBase64.decode("Hej!\r\nVi behöver stöd med en enkät.\r\n".getBytes(StandardCharsets.ISO_8859_1), "utf-8")).isEmpty();
    }

    @Test
    void latinOneCutOffIsReadAsLatinOne() {
        byte[] latin1 = "Vi behöver stöd i Älvsjö".getBytes(StandardCharsets.ISO_8859_1);
        String cut = Base64.getMimeEncoder().encodeToString(latin1).substring(0, 25);
        assertThat(MailTextDecoder.decodeDamaged(DamagedBase64.decode(cut.getBytes(StandardCharsets.US_ASCII), "iso-8859-1").orElseThrow(), "iso-8859-1"))
                .isEqualTo("Vi behöver stöd i ");
    }

    @Test
    void aTextCutInsideItsLastLetterIsToldAsCutWhileLatinOneEndingInALetterIsNot() {
        byte[] cut = Arrays.copyOf("Vi behöver hjälp med en enkät om hemtjänsten på".getBytes(StandardCharsets.UTF_8),
                "Vi behöver hjälp med en enkät om hemtjänsten på".getBytes(StandardCharsets.UTF_8).length - 1);
        assertThat(MailTextDecoder.cutInsideItsLastLetter(cut, "utf-8")).isTrue();
        assertThat(MailTextDecoder.cutInsideItsLastLetter(cut, "iso-8859-1")).isTrue(); // UTF-8 letters before the cut
        assertThat(MailTextDecoder.decode(cut, "utf-8")).isEqualTo("Vi behöver hjälp med en enkät om hemtjänsten p");
        // "Tack så" in ISO-8859-1: its last byte could begin a UTF-8 letter, but the part says what it is
        byte[] latin1 = "Tack så".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(MailTextDecoder.cutInsideItsLastLetter(latin1, "iso-8859-1")).isFalse();
        assertThat(MailTextDecoder.decode(latin1, "iso-8859-1")).isEqualTo("Tack så");
        assertThat(MailTextDecoder.cutInsideItsLastLetter("Tack så".getBytes(StandardCharsets.UTF_8), "utf-8")).isFalse();
    }

    @Test
    void aNoticeBetweenTheOnlyFullLineAndTheEndLeavesTheEndInPlace() {
        String text = "Förvaltning: Farsta\nTyp av stöd: uppföljning\nBehövs senast: ingen brådska\nMall för äldreomsorg.";
        List<String> lines = List.of(Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)).split("\r\n"));
        assertThat(lines).hasSize(2);
        for (String notice : List.of("Avkortat", "Kort", "ZZZ")) {
            assertThat(read(lines.get(0) + "\r\n" + notice + "\r\n" + lines.get(1))).as(notice).isEqualTo(text);
            // and after the end, as before
            assertThat(read(lines.get(0) + "\r\n" + lines.get(1) + "\r\n" + notice)).as(notice).isEqualTo(text);
        }
    }

    @Test
    void aDamagedCharacterInAFullLineCostsItsGroupAloneAndMarksTheGap() {
        List<String> lines = new ArrayList<>(LINES);
        String damaged = lines.get(1).substring(0, 30) + "!" + lines.get(1).substring(31);
        lines.set(1, damaged);
        String text = read(String.join("\r\n", lines));
        // three bytes lost at most (a Swedish letter among them may lose its other byte too), the rest of the line kept
        assertThat(text).contains(DamagedBase64.GAP).endsWith("Vänliga hälsningar, Lars Öst, enhetschef");
        String[] around = aroundTheOneGap(SWEDISH, text);
        assertThat(around[0].length() + around[1].length()).isGreaterThanOrEqualTo(SWEDISH.length() - 3);
        assertThat(DamagedBase64.irregular(String.join("\r\n", lines).getBytes(StandardCharsets.US_ASCII), "utf-8")).isTrue();
    }

    @Test
    void twoPartsJoinedInOneLineAreBothReadWhenTheirGroupsAreInStep() {
        String first = Base64.getEncoder().encodeToString("Hej, vi ".getBytes(StandardCharsets.UTF_8)); // ends with padding
        String second = Base64.getEncoder().encodeToString("behöver stöd med en enkät om hemtjänsten i vår.".getBytes(StandardCharsets.UTF_8));
        assertThat(read(first + second)).isEqualTo("Hej, vi behöver stöd med en enkät om hemtjänsten i vår.");
    }

    @Test
    void aLatinOneMailsLastLineIsKeptThoughItIsNoUtf8() {
        byte[] latin1 = ("Hej! Vi på äldreomsorgen i Skärholmen behöver stöd med en enkät till brukarna före årsskiftet, "
                + "gärna med hjälp att välja urval. Hälsningar Åsa").getBytes(StandardCharsets.ISO_8859_1);
        String encoded = Base64.getMimeEncoder().encodeToString(latin1);
        String cut = encoded.substring(0, encoded.length() - 6);
        assertThat(MailTextDecoder.decodeDamaged(DamagedBase64.decode(cut.getBytes(StandardCharsets.US_ASCII), "iso-8859-1").orElseThrow(), "iso-8859-1"))
                .startsWith("Hej! Vi på äldreomsorgen").contains("gärna med hjälp att välja urval.");
    }

    private static final String LATIN = "Hej! Vi på äldreomsorgen i stadsdelen vill utvärdera vår nya hemtjänstmodell. Modellen "
            + "infördes i våras och omfattar ungefär tvåhundra brukare. Vi behöver stöd med en enkät och ett urval, gärna före "
            + "jul. Det vore fantastiskt bra för oss alla här.";
    private static final List<String> LATIN_LINES = List.of(
            Base64.getMimeEncoder().encodeToString(LATIN.getBytes(StandardCharsets.ISO_8859_1)).split("\r\n"));

    private static String readLatin(List<String> lines) {
        byte[] encoded = String.join("\r\n", lines).getBytes(StandardCharsets.US_ASCII);
        return MailTextDecoder.decodeDamaged(DamagedBase64.decode(encoded, "iso-8859-1").orElseThrow(), "iso-8859-1");
    }

    @Test
    void latinOneMailLosesOnlyADamagedGroupAndNothingToANoticeOrTwoJoinedLines() {
        assertThat(LATIN_LINES).hasSizeGreaterThan(3);
        List<String> damaged = new ArrayList<>(LATIN_LINES);
        damaged.set(1, damaged.get(1).substring(0, 40) + "!" + damaged.get(1).substring(41));
        String text = readLatin(damaged);
        String[] around = aroundTheOneGap(LATIN, text);
        assertThat(around[0].length() + around[1].length()).isEqualTo(LATIN.length() - 3);

        List<String> noticeBeforeTheEnd = new ArrayList<>(LATIN_LINES);
        noticeBeforeTheEnd.add(noticeBeforeTheEnd.size() - 1, "Kort");
        assertThat(readLatin(noticeBeforeTheEnd)).isEqualTo(LATIN);

        List<String> joined = new ArrayList<>(LATIN_LINES);
        joined.set(1, joined.get(1) + joined.remove(2));
        assertThat(readLatin(joined)).isEqualTo(LATIN);
    }

    @Test
    void base64OnOneUnwrappedLineWithADamagedCharacterLosesOnlyThatGroup() {
        String line = Base64.getEncoder().encodeToString(TEXT);
        String damaged = line.substring(0, 100) + "!" + line.substring(101);
        String text = read(damaged);
        String[] around = aroundTheOneGap(SWEDISH, text);
        assertThat(around[0].length() + around[1].length()).isGreaterThanOrEqualTo(SWEDISH.length() - 3);
    }

    @Test
    void aLineCutShortKeepsWhatItHoldsAndMarksWhereTheRestWas() {
        List<String> lines = new ArrayList<>(LINES);
        lines.set(1, lines.get(1).substring(0, 50));
        String text = read(String.join("\r\n", lines));
        String[] around = aroundTheOneGap(SWEDISH, text);
        // the first line's 57 bytes and the cut line's first 36 (twelve whole groups), less a letter cut at the edge
        assertThat(around[0].getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(57 + 36 - 1);
    }

    @Test
    void aTerminalsEscapeSequencesAreLeftOutWhole() {
        String text = "Vi behöver \u001B[31mRÖTT\u001B[0m stöd\u001B]0;titel\u0007 med en \u009B2Jenkät\u001B(B.";
        assertThat(MailTextDecoder.decode(text.getBytes(StandardCharsets.UTF_8), "utf-8")).isEqualTo("Vi behöver RÖTT stöd med en enkät.");
        // a sequence that never ends takes the rest of its line at most
        assertThat(MailTextDecoder.decode("Hej\u001B]0;x\nVi behöver stöd.".getBytes(StandardCharsets.UTF_8), "utf-8"))
                .isEqualTo("Hej\nVi behöver stöd.");
    }

    @Test
    void aGatewaysLineOfNulsInsideALetterLeavesTheTextReadable() {
        byte[] text = "Vi på enheten för äldreomsorg.".getBytes(StandardCharsets.UTF_8);
        int insideÅ = "Vi p".getBytes(StandardCharsets.UTF_8).length + 1; // between the two bytes of "å"
        byte[] withNuls = new byte[text.length + 57];
        System.arraycopy(text, 0, withNuls, 0, insideÅ);
        System.arraycopy(text, insideÅ, withNuls, insideÅ + 57, text.length - insideÅ);
        assertThat(MailTextDecoder.decode(withNuls, "utf-8")).isEqualTo("Vi på enheten för äldreomsorg.");
    }

    @Test
    void aFourLetterNoticeReadingAsTextIsNoPartOfTheMail() {
        List<String> middle = new ArrayList<>(LATIN_LINES);
        middle.add(2, "Text"); // "Mìm" in ISO-8859-1
        assertThat(readLatin(middle)).isEqualTo(LATIN);
        List<String> beforeTheEnd = new ArrayList<>(LATIN_LINES);
        beforeTheEnd.add(beforeTheEnd.size() - 1, "Info"); // "\"wè"
        assertThat(readLatin(beforeTheEnd)).isEqualTo(LATIN);
        List<String> utf8 = new ArrayList<>(LINES);
        utf8.add(utf8.size() - 1, "Info"); // "\"w" and a letter cut in UTF-8
        assertThat(read(String.join("\r\n", utf8))).isEqualTo(SWEDISH);
    }

    @Test
    void aDamagedCharacterInTheLastLineCostsItsGroupAlone() {
        List<String> lines = new ArrayList<>(LATIN_LINES);
        String last = lines.get(lines.size() - 1);
        assertThat(last.length()).isGreaterThan(12);
        lines.set(lines.size() - 1, last.substring(0, 8) + "!" + last.substring(9));
        String text = readLatin(lines);
        String[] around = aroundTheOneGap(LATIN, text);
        assertThat(around[0].length() + around[1].length()).isEqualTo(LATIN.length() - 3);
    }

    @Test
    void aTerminalsDeviceControlStringIsLeftOutWhole() {
        assertThat(MailTextDecoder.decode("Hej \u001BPdcs\u001B\\och \u0090dcs\u009Cvälkommen.".getBytes(StandardCharsets.UTF_8), "utf-8"))
                .isEqualTo("Hej och välkommen.");
    }
}

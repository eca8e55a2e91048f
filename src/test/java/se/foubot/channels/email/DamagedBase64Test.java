package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** Damaged base64 read as far as it goes; the encoder is the JDK's MIME encoder, as a mail program writes it. */
class DamagedBase64Test {

    private static final byte[] TEXT = ("Vi i Hägersten-Älvsjö behöver hjälp med en enkät om hemtjänsten – gärna före "
            + "jul. Vänliga hälsningar, Lars").getBytes(StandardCharsets.UTF_8);
    private static final String ENCODED = Base64.getMimeEncoder().encodeToString(TEXT);

    @Test
    void mailCutOffAtAnyPointGivesEveryWholeByteBeforeTheCut() {
        for (int cut = 0; cut <= ENCODED.length(); cut++) {
            String kept = ENCODED.substring(0, cut);
            int letters = kept.replace("\r\n", "").replace("=", "").length();
            byte[] decoded = DamagedBase64.decode(kept.getBytes(StandardCharsets.US_ASCII));
            // each letter holds six bits: the whole bytes among them, no more and no less
            assertThat(decoded).as("cut after %d characters", cut).isEqualTo(Arrays.copyOf(TEXT, Math.min(TEXT.length, letters * 6 / 8)));
        }
    }

    @Test
    void linesAGatewayWroteIntoThePartAreLeftOut() {
        String[] lines = ENCODED.split("\r\n");
        String withNotices = "*** Skannat av e-postfiltret ***\r\n" + lines[0] + "\r\n\r\n  \r\n" + String.join("\r\n",
                Arrays.copyOfRange(lines, 1, lines.length)) + "\r\n\r\nDetta meddelande har kontrollerats.\r\n";
        assertThat(DamagedBase64.decode(withNotices.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(TEXT);
    }

    @Test
    void partsEncodedOneByOneAndJoinedAreBothRead() {
        byte[] first = "Hej, ".getBytes(StandardCharsets.UTF_8);
        byte[] second = "vi behöver stöd.".getBytes(StandardCharsets.UTF_8);
        String joined = Base64.getMimeEncoder().encodeToString(first) + "\r\n" + Base64.getMimeEncoder().encodeToString(second);
        assertThat(new String(DamagedBase64.decode(joined.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8))
                .isEqualTo("Hej, vi behöver stöd.");
    }
}

package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules of RFC 3676 that mail programs rely on, each on the smallest text that shows it. */
class FlowedTextTest {

    @Test
    void aLineEndingInASpaceJoinsTheNextKeepingTheSpace() {
        assertThat(FlowedText.unwrap("Vi vill utvärdera \r\nhemtjänsten.\r\nMvh", false)).isEqualTo("Vi vill utvärdera hemtjänsten.\nMvh");
    }

    @Test
    void withDelSpTheSpaceBeforeTheBreakGoes() {
        assertThat(FlowedText.unwrap("hembe \r\nsök och 19121212- \r\n1212", true)).isEqualTo("hembesök och 19121212-1212");
    }

    @Test
    void theSignatureSeparatorIsNeitherASoftBreakNorJoinedToTheLineBefore() {
        assertThat(FlowedText.unwrap("Tack! \r\n-- \r\nAnna Berg", false)).as("after a flowed line").isEqualTo("Tack! \n-- \nAnna Berg");
        assertThat(FlowedText.unwrap("Tack!\r\n-- \r\nAnna Berg", false)).isEqualTo("Tack!\n-- \nAnna Berg");
    }

    @Test
    void aStuffedLineLosesOneSpace() {
        assertThat(FlowedText.unwrap(" From och med januari.\r\n  två mellanslag", false)).isEqualTo("From och med januari.\n två mellanslag");
    }

    @Test
    void quotedLinesJoinWithinTheirDepthAndADepthChangeEndsTheParagraph() {
        String sent = "> Vad gäller \r\n> stödet?\r\n>> Äldre \r\n>> text \r\nMitt svar: \r\nuppföljning.\r\n";
        assertThat(FlowedText.unwrap(sent, false))
                .isEqualTo("> Vad gäller stödet?\n>> Äldre text \nMitt svar: uppföljning.\n");
    }

    @Test
    void aSoftBreakAtTheEndKeepsTheLastLine() {
        assertThat(FlowedText.unwrap("sista raden ", false)).isEqualTo("sista raden ");
    }
}

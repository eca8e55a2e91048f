package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import se.foubot.conversation.ChoiceOption;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.LocalizedText;
import se.foubot.support.HostileText;
import se.foubot.tasks.CategorySorter;

/** Whatever a mail says, reading its intake facts gives facts (or none) and never throws. */
class EmailFactReaderFuzzTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static final CategorySorter SORTER = CategorySorter.load(FlowSource.fromDirectory(Path.of("conversation-flows")));

    private final EmailFactReader reader = new EmailFactReader(
            List.of(option("bromma", "Bromma"), option("farsta", "Farsta"), option("skarpnack", "Skarpnäck")),
            List.of(option("uppfoljning", "Uppföljning"), option("utvardering", "Utvärdering"), option("analys", "Analys")),
            text -> SORTER.sort(text).category(), Map.of("bromma.stockholm.se", "bromma"));

    private static ChoiceOption option(String id, String sv) {
        return new ChoiceOption(id, LocalizedText.of(sv, null), List.of());
    }

    @Test
    void anyMailTextIsReadWithoutAnException() {
        qt().withFixedSeed(13L).withExamples(3000).forAll(HostileText.text(), HostileText.text())
                .check((subject, text) -> reader.read("eva@bromma.stockholm.se", subject, text, text, TODAY) != null);
    }

    @Test
    void aTimeframeFarOutOfRangeIsNoTimeframeRatherThanAnException() {
        EmailFacts facts = reader.read("eva@stockholm.se", "Stöd", "Vi behöver stöd inom 99999999999 veckor.", "", TODAY);
        assertThat(facts.timeframeGiven()).isFalse();
        assertThat(reader.read("eva@stockholm.se", "Stöd", "inom 999 veckor", "", TODAY).neededBy()).isAfter(TODAY);
    }
}

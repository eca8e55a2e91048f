package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import se.foubot.support.HostileText;

/** Whatever a person types, the date and answer readers give an answer (a value or a reason) and never throw. */
class AnswerParsersFuzzTest {

    private static final long SEED = 13L;
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void theDateReaderReadsOrRefusesAnyText() {
        qt().withFixedSeed(SEED).withExamples(3000).forAll(HostileText.text())
                .check(text -> DateAnswerParser.parse(text, TODAY) != null);
    }

    @Test
    void everyKindOfStepReadsOrRefusesAnyText() {
        for (Step step : new Step[] {StepFixtures.text(1, 500), StepFixtures.step(AnswerType.CHOICE),
                StepFixtures.step(AnswerType.YES_NO), StepFixtures.futureDate(), StepFixtures.step(AnswerType.EMAIL),
                StepFixtures.number(1, 1000)}) {
            qt().withFixedSeed(SEED).withExamples(1500).forAll(HostileText.text())
                    .check(text -> AnswerReader.read(step, text, TODAY) != null);
        }
    }

    @Test
    void hugeNumbersAreRefusedWithAReasonNotAnException() {
        assertThat(AnswerReader.read(StepFixtures.number(1, 1000), "99999999999999999999999", TODAY))
                .isInstanceOf(AnswerReader.Refused.class);
        assertThat(DateAnswerParser.parse("99999999999/99999999999", TODAY)).isInstanceOf(DateAnswerParser.Unreadable.class);
    }
}

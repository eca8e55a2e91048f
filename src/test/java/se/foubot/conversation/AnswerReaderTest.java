package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerReaderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static AnswerReader.Reading read(Step step, String input) {
        return AnswerReader.read(step, input, TODAY);
    }

    private static void refusedWith(AnswerReader.Reading reading, AnswerError error) {
        assertThat(reading).isInstanceOfSatisfying(AnswerReader.Refused.class, r -> assertThat(r.error()).isEqualTo(error));
    }

    @Test
    void textMustBeWithinItsLengthBounds() {
        Step step = StepFixtures.text(5, 10);
        refusedWith(read(step, "kort"), AnswerError.TOO_SHORT);
        refusedWith(read(step, "alldeles för långt"), AnswerError.TOO_LONG);
        refusedWith(read(step, "   "), AnswerError.EMPTY);
        assertThat(read(step, "  lagom  ")).isEqualTo(new AnswerReader.Accepted("lagom"));
    }

    @Test
    void textLengthCountsCharactersNotBytes() {
        assertThat(read(StepFixtures.text(1, 5), "åäöÅÄ")).isEqualTo(new AnswerReader.Accepted("åäöÅÄ"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"ja,yes", "Ja!,yes", "JA,yes", "j,yes", "yes,yes", "ok,yes", "det stämmer,yes", "nej,no", "Nej.,no",
            "no,no", "n,no"})
    void yesNoUnderstandsSwedishAndEnglish(String input, String expected) {
        assertThat(read(StepFixtures.step(AnswerType.YES_NO), input)).isEqualTo(new AnswerReader.Accepted(expected));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Ja tack                        | yes
            Ja, det är ett LUM-projekt     | yes
            Yes, it is part of one         | yes
            Nej, inte just nu              | no
            Nej tack                       | no
            Nä                             | no
            """)
    void yesNoTakesTheFirstWordOfASentenceThatBeginsWithIt(String input, String expected) {
        assertThat(read(StepFixtures.step(AnswerType.YES_NO), input)).isEqualTo(new AnswerReader.Accepted(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            kanske
            Ja, men bara delvis
            Nej men kanske senare
            Ok men jag vet inte
            ja, fast bara delvis
            Ja eller nej, vet ej
            Nej, eller jo
            Jo, delvis
            Ja, det tror jag inte
            Ja, typ
            okej då
            Det vet jag inte, ja
            """)
    void yesNoRefusesAnythingElse(String input) {
        refusedWith(read(StepFixtures.step(AnswerType.YES_NO), input), AnswerError.NOT_YES_NO);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            3            | 3
            500 000      | 500000
            500000 kr    | 500000
            25 000 kr    | 25000
            2 år         | 2
            """)
    void numbersMayHaveSpacesAndUnits(String input, String expected) {
        assertThat(read(StepFixtures.number(0, 1_000_000), input)).isEqualTo(new AnswerReader.Accepted(expected));
    }

    @Test
    void numbersOutsideTheirBoundsOrNotNumbersAreRefused() {
        Step step = StepFixtures.number(1, 3);
        refusedWith(read(step, "0"), AnswerError.NUMBER_TOO_SMALL);
        refusedWith(read(step, "4"), AnswerError.NUMBER_TOO_LARGE);
        refusedWith(read(step, "tre"), AnswerError.NUMBER_FORMAT);
        refusedWith(read(step, "2,5"), AnswerError.NUMBER_FORMAT);
        refusedWith(read(step, "99999999999999999999"), AnswerError.NUMBER_FORMAT);
    }

    @Test
    void emailAddressesAreCheckedAndStoredInLowerCase() {
        Step step = StepFixtures.step(AnswerType.EMAIL);
        assertThat(read(step, "Anna.Andersson@Stockholm.se")).isEqualTo(new AnswerReader.Accepted("anna.andersson@stockholm.se"));
        assertThat(read(step, "<anna@stockholm.se>")).isEqualTo(new AnswerReader.Accepted("anna@stockholm.se"));
        refusedWith(read(step, "anna@stockholm"), AnswerError.EMAIL_FORMAT);
        refusedWith(read(step, "anna stockholm.se"), AnswerError.EMAIL_FORMAT);
        refusedWith(read(step, "a@b@c.se"), AnswerError.EMAIL_FORMAT);
    }

    @Test
    void aDateInThePastIsRefusedWhenTheStepSaysSo() {
        refusedWith(read(StepFixtures.futureDate(), "2026-11-22"), AnswerError.DATE_IN_PAST);
        assertThat(read(StepFixtures.futureDate(), "2026-11-23")).isEqualTo(new AnswerReader.Accepted("2026-11-23"));
        refusedWith(read(StepFixtures.futureDate(), "31 februari"), AnswerError.INVALID_DATE);
        refusedWith(read(StepFixtures.futureDate(), "snart"), AnswerError.DATE_FORMAT);
    }

    @Test
    void yesterdayIsToldAsPassedAndRelativeDatesAreTaken() {
        refusedWith(read(StepFixtures.futureDate(), "igår"), AnswerError.DATE_IN_PAST);
        refusedWith(read(StepFixtures.futureDate(), "i fredags"), AnswerError.DATE_IN_PAST);
        assertThat(read(StepFixtures.futureDate(), "om tre veckor")).isEqualTo(new AnswerReader.Accepted("2026-12-14"));
        assertThat(read(StepFixtures.futureDate(), "inom två veckor")).isEqualTo(new AnswerReader.Accepted("2026-12-07"));
        assertThat(read(StepFixtures.futureDate(), "före midsommar")).isEqualTo(new AnswerReader.Accepted("2027-06-24"));
    }

    @Test
    void ambiguousChoiceNamesTheCandidatesByIdForTheConversationsLanguageToLabel() {
        assertThat(read(StepFixtures.step(AnswerType.CHOICE), "ska")).isInstanceOfSatisfying(AnswerReader.Refused.class,
                r -> assertThat(r.args().get(AnswerReader.CANDIDATES).split(",")).containsExactlyInAnyOrder("skarholmen", "skarpnack"));
    }
}

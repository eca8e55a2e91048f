package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChoiceMatcherTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1                       | bromma
            3                       | hagersten-alvsjo
            Bromma                  | bromma
            BROMMA                  | bromma
            bromma.                 | bromma
            hagersten               | hagersten-alvsjo
            Hägersten               | hagersten-alvsjo
            alvsjo                  | hagersten-alvsjo
            Hägersten-Liljeholmen   | hagersten-alvsjo
            liljeholmen             | hagersten-alvsjo
            hägerstn                | hagersten-alvsjo
            hasselby vallingby      | hasselby-vallingby
            hässelby-vällingby      | hasselby-vallingby
            enskede årsta           | enskede-arsta-vantor
            vantör                  | enskede-arsta-vantor
            södermalm               | sodermalm
            söder                   | sodermalm
            sodermlam               | sodermalm
            östermalm               | ostermalm
            skarpnack               | skarpnack
            skärholmen              | skarholmen
            social administration   | socialforvaltningen
            socialförvaltningen     | socialforvaltningen
            """)
    void picksByNumberNameAliasPrefixOrSmallTypo(String input, String expectedId) {
        assertThat(ChoiceMatcher.match(StepFixtures.DISTRICTS, input))
                .isInstanceOfSatisfying(ChoiceMatcher.Picked.class, p -> assertThat(p.option().id()).isEqualTo(expectedId));
    }

    /**
     * Words of their own a letter from a name: another first letter ("sista", "lista" and "Kista"), a number word
     * ("första", "forsta" and "Farsta"), other marks than the name's ("förstå" and "Farsta"), also when the marks come
     * as combining characters, as a Mac or a phone may send them.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sista", "lista", "första", "forsta", "förstå", "fo\u0308rsta\u030a", "åtta"})
    void aWordOfItsOwnOneLetterFromANameIsNoTypo(String input) {
        assertThat(ChoiceMatcher.match(SOUTH_AND_NORTH, input)).isInstanceOf(ChoiceMatcher.NoMatch.class);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Frasta   | farsta
            Farstå   | farsta
            Färsta   | farsta
            farst    | farsta
            Kitsa    | rinkeby-kista
            Ksita    | rinkeby-kista
            """)
    void aNameWithTwoLettersSwappedOrAMarkAddedIsAMistypedName(String input, String expectedId) {
        assertThat(ChoiceMatcher.match(SOUTH_AND_NORTH, input))
                .isInstanceOfSatisfying(ChoiceMatcher.Picked.class, p -> assertThat(p.option().id()).isEqualTo(expectedId));
    }

    private static final java.util.List<ChoiceOption> SOUTH_AND_NORTH = java.util.List.of(StepFixtures.option("farsta", "Farsta"),
            StepFixtures.option("rinkeby-kista", "Rinkeby-Kista", "Kista"), StepFixtures.option("bromma", "Bromma"));

    @Test
    void aPrefixThatFitsSeveralChoicesIsAmbiguous() {
        assertThat(ChoiceMatcher.match(StepFixtures.DISTRICTS, "ska"))
                .isInstanceOfSatisfying(ChoiceMatcher.Ambiguous.class, a -> assertThat(a.candidates())
                        .extracting(ChoiceOption::id).containsExactlyInAnyOrder("skarholmen", "skarpnack"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Jag jobbar i Bromma                 | bromma
            Vi sitter på Södermalm.             | sodermalm
            I work at Socialförvaltningen       | socialforvaltningen
            Östermalm, tror jag                 | ostermalm
            Skarpnäcks stadsdelsförvaltning     | skarpnack
            Södermalms sdf                      | sodermalm
            Det ska vara Södermalm              | sodermalm
            Det bör vara Skarpnäck              | skarpnack
            """)
    void picksANameWithinASentence(String input, String expectedId) {
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, input))
                .isInstanceOfSatisfying(ChoiceMatcher.Picked.class, p -> assertThat(p.option().id()).isEqualTo(expectedId));
    }

    @Test
    void aSentenceNamingTwoChoicesPicksNeitherAndOneSayingItIsNotTheNamePicksNothing() {
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "Jag jobbar i Bromma och på Skärholmen"))
                .isInstanceOfSatisfying(ChoiceMatcher.Ambiguous.class, a -> assertThat(a.candidates())
                        .extracting(ChoiceOption::id).containsExactlyInAnyOrder("bromma", "skarholmen"));
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "Inte Bromma längre")).isInstanceOf(ChoiceMatcher.NoMatch.class);
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "not Bromma")).isInstanceOf(ChoiceMatcher.NoMatch.class);
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "Vi har ingen kontakt med Bromma")).isInstanceOf(ChoiceMatcher.NoMatch.class);
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "Farsta är det inte")).isInstanceOf(ChoiceMatcher.NoMatch.class);
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "Bromma nej")).isInstanceOf(ChoiceMatcher.NoMatch.class);
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "Snart i Bromma")).isInstanceOf(ChoiceMatcher.NoMatch.class);
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "Bromma jobbar jag inte i")).isInstanceOf(ChoiceMatcher.NoMatch.class);
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "Vi jobbar med en Bromma-grupp")).isInstanceOf(ChoiceMatcher.NoMatch.class);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Södermalm, inte Bromma                  | sodermalm
            Södermalm och inte Bromma               | sodermalm
            inte Bromma utan Södermalm              | sodermalm
            Vi sitter inte i Bromma utan Södermalm  | sodermalm
            not Bromma but Södermalm                | sodermalm
            Tidigare Bromma, nu Skärholmen          | skarholmen
            Skärholmen, tidigare Bromma             | skarholmen
            Bromma nej, Södermalm                   | sodermalm
            Bromma? Nej, förresten Södermalm        | sodermalm
            Bromma – nej, Södermalm!                | sodermalm
            Bromma no, Södermalm                    | sodermalm
            inte Bromma, Södermalm                  | sodermalm
            Inte Bromma, jag är i Södermalm         | sodermalm
            Tidigare Bromma, numera Södermalm       | sodermalm
            Nej, inte Bromma, jag är i Södermalm    | sodermalm
            Nej inte Bromma, det är Södermalm       | sodermalm
            Bromma, eller nej, Södermalm            | sodermalm
            Bromma, or no, Södermalm                | sodermalm
            i Södermalm nu, inte Bromma             | sodermalm
            Södermalm, absolut inte Bromma          | sodermalm
            I'm not in Bromma, I am in Södermalm    | sodermalm
            Inte Bromma. Inte Södermalm heller. Skärholmen. | skarholmen
            Bromma, inte Södermalm, inte Skärholmen | bromma
            Not Bromma, not Söder either, Skärholmen | skarholmen
            Neither Bromma nor Söder, Skärholmen    | skarholmen
            Tidigare Bromma, inte Söder, nu Skärholmen | skarholmen
            """)
    void aNameSaidInsteadOfOneSaidNoToIsPicked(String input, String expectedId) {
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, input))
                .isInstanceOfSatisfying(ChoiceMatcher.Picked.class, p -> assertThat(p.option().id()).isEqualTo(expectedId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inte Bromma eller Södermalm", "Varken Bromma eller Södermalm", "Södermalm är det inte, Bromma",
            "Inte Bromma, inte Södermalm", "inte Bromma, inte Södermalm eller Skärholmen", "Bromma nej, Södermalm nej, Skärholmen",
            "inte Bromma, inte Södermalm, inte Skärholmen", "inte Bromma utan min Södermalm", "Södermalm, Bromma nej",
            "Inte i Södermalm, vi har inget med Bromma att göra", "Bromma nej", "Bromma nej, Bromma", "Bromma nej, inte Södermalm heller",
            "inte Bromma och Södermalm"})
    void aSentenceWithANoPicksNothingUnlessItSaysWhichInstead(String input) {
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, input)).isNotInstanceOf(ChoiceMatcher.Picked.class);
    }

    @Test
    void aNameThatIsSomeoneElsesOrALongDescriptionsWordIsNotTheAnswer() {
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "Vår Bromma-enhet hörde av sig")).isInstanceOf(ChoiceMatcher.NoMatch.class);
        assertThat(ChoiceMatcher.matchInSentence(StepFixtures.DISTRICTS, "Vi har samarbetat med flera enheter, bland annat i Bromma, under året"))
                .isInstanceOf(ChoiceMatcher.NoMatch.class);
        // a cell of imported data is a name or nothing
        assertThat(ChoiceMatcher.match(StepFixtures.DISTRICTS, "Jag jobbar i Bromma")).isInstanceOf(ChoiceMatcher.NoMatch.class);
    }

    @ParameterizedTest
    @CsvSource({"0", "10", "Göteborg", "xyz", "''", "s"})
    void unknownInputPicksNothing(String input) {
        assertThat(ChoiceMatcher.match(StepFixtures.DISTRICTS, input)).isInstanceOf(ChoiceMatcher.NoMatch.class);
    }
}

package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateAnswerParserTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2027-03-12          | 2027-03-12
            2027-3-5            | 2027-03-05
            12 mars             | 2027-03-12
            12 mars 2027        | 2027-03-12
            12:e mars           | 2027-03-12
            12 Mars             | 2027-03-12
            1 december          | 2026-12-01
            23 november         | 2026-11-23
            22 november         | 2027-11-22
            12/3                | 2027-03-12
            12/3/2027           | 2027-03-12
            12/3/27             | 2027-03-12
            12.3                | 2027-03-12
            12.3.2027           | 2027-03-12
            12 March            | 2027-03-12
            March 12            | 2027-03-12
            March 12th, 2027    | 2027-03-12
            1st of March        | 2027-03-01
            15 okt              | 2027-10-15
            15 sept             | 2027-09-15
            i dag               | 2026-11-23
            idag                | 2026-11-23
            imorgon             | 2026-11-24
            i morgon            | 2026-11-24
            tomorrow            | 2026-11-24
            29 februari         | 2028-02-29
            """)
    void readsSwedishEnglishAndIsoForms(String input, LocalDate expected) {
        assertThat(DateAnswerParser.parse(input, TODAY)).isEqualTo(new DateAnswerParser.Parsed(expected));
    }

    @ParameterizedTest
    @CsvSource({"31 februari", "2027-02-30", "31/4", "2027-13-01", "0/3"})
    void impossibleDatesAreToldApartFromUnreadableText(String input) {
        assertThat(DateAnswerParser.parse(input, TODAY)).isInstanceOf(DateAnswerParser.Impossible.class);
    }

    @ParameterizedTest
    @CsvSource({"snart", "nästa vecka typ", "12 smurf", "asap", "2027"})
    void unreadableTextIsNotADate(String input) {
        assertThat(DateAnswerParser.parse(input, TODAY)).isInstanceOf(DateAnswerParser.Unreadable.class);
    }

    @Test
    void datesAreShownInThePersonsLanguage() {
        assertThat(DateAnswerParser.display(LocalDate.of(2027, 3, 12), Language.SV)).isEqualTo("12 mars 2027");
        assertThat(DateAnswerParser.display(LocalDate.of(2027, 3, 12), Language.EN)).isEqualTo("12 March 2027");
    }
}

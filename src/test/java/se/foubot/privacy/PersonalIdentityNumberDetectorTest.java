package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonalIdentityNumberDetectorTest {

    private final PersonalIdentityNumberDetector detector = new PersonalIdentityNumberDetector();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            640823-3234                                   | true
            6408233234                                    | true
            19640823-3234                                 | true
            196408233234                                  | true
            Klienten 640823-3234 behöver stöd             | true
            pnr:640823-3234.                              | true
            121212-1212                                   | true
            19121212+1212                                 | true
            121212+1212                                   | true
            701063-2391                                   | true
            197010632391                                  | true
            samordningsnummer 701063-2391 i ärendet       | true
            640823-3235                                   | false
            640823-3233                                   | false
            641323-3237                                   | false
            640832-3233                                   | false
            010229-1234                                   | false
            556036-0793                                   | false
            Organisationsnummer 556677-8899               | false
            08-508 25 016                                 | false
            070-123 45 67                                 | false
            +46701234567                                  | false
            0046 70 123 45 67                             | false
            Ring 08 508 25252                             | false
            Vi har 500 000 kr i budget 2027               | false
            FOU-2026-0042                                 | false
            2027-03-12                                    | false
            12345678901234                                | false
            21640823-3234                                 | false
            ett helt vanligt meddelande                   | false
            """)
    void detectsOnlyValidIdentityNumbers(String text, boolean expected) {
        assertThat(detector.containsIdentityNumber(text)).isEqualTo(expected);
    }

    @Test
    void redactionRemovesTheNumberAndKeepsTheRest() {
        assertThat(detector.redact("Gäller 640823-3234, tel 08-508 25 016"))
                .isEqualTo("Gäller [personnummer borttaget], tel 08-508 25 016");
    }

    @Test
    void checkDigitFollowsTheLuhnAlgorithmOverTenDigits() {
        assertThat(PersonalIdentityNumberDetector.luhnValid("6408233234")).isTrue();
        assertThat(PersonalIdentityNumberDetector.luhnValid("7010632391")).isTrue();
        assertThat(PersonalIdentityNumberDetector.luhnValid("6408233230")).isFalse();
    }
}

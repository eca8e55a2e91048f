package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties over generated data: valid personnummer and samordningsnummer (a real calendar date, day + 60 for a
 * samordningsnummer, a correct check digit), written in every way people write them, inside random Swedish text,
 * are found and leave no trace after the guard; phone numbers, amounts and references in the same kind of text raise
 * no alarm. A fixed seed keeps a run repeatable; a failure prints the smallest case it shrank to.
 */
class IdentityNumberPropertiesTest {

    private static final long SEED = 14L;

    private final PersonalIdentityNumberDetector detector = new PersonalIdentityNumberDetector();
    private final OutsideTextGuard guard = new OutsideTextGuard();

    static final List<String> SEPARATORS = List.of("-", "+", "", " ", "\u00a0", "\u2009", "\u202f", "\u2013", "\u2014",
            "\u2212", ".", " \u2013 ", " - ");
    private static final List<String> WORDS = List.of("hej", "vi", "behöver", "stöd", "med", "en", "uppföljningsmall", "för",
            "verksamheten", "i", "Bromma", "klienten", "har", "ärendet", "gäller", "utvärdering", "av", "insatsen", "mamman",
            "pojken", "flickan", "ringde", "igår", "och", "undrar", "om", "LUM-ansökan", "kan", "skickas", "före", "september",
            "Hägersten-Älvsjö", "socialsekreteraren", "åtgärd", "försörjningsstöd", "placering", "vårdnadshavare", "tack!",
            "Mvh", "Eva", "”", "(se", "bilaga)", "–", "pnr", "personnummer:", "nr", "Skärholmen");

    /** A number as written: its ten digits, its century, the separator and whether the century is written. */
    record Written(String tenDigits, String century, String separator, boolean twelve) {
        String text() {
            return (twelve ? century : "") + tenDigits.substring(0, 6) + separator + tenDigits.substring(6);
        }
    }

    static Gen<Written> numbers() {
        Gen<LocalDate> dates = integers().between(0, 45_656).map(days -> LocalDate.of(1900, 1, 1).plusDays(days));
        return dates.zip(integers().between(0, 999), booleans().all(), Generate.pick(SEPARATORS), booleans().all(),
                (date, serial, coordination, separator, twelve) -> {
                    int day = date.getDayOfMonth() + (coordination ? 60 : 0);
                    String nine = String.format("%02d%02d%02d%03d", date.getYear() % 100, date.getMonthValue(), day, serial);
                    String ten = nine + PersonalIdentityNumberDetector.checkDigit(nine);
                    return new Written(ten, Integer.toString(date.getYear() / 100), separator, twelve);
                });
    }

    static Gen<String> swedish() {
        return lists().of(Generate.pick(WORDS)).ofSizeBetween(0, 12).map(words -> String.join(" ", words));
    }

    @Test
    void everyValidNumberIsFoundInEveryWritingInsideSwedishText() {
        Gen<String> opening = Generate.pick(List.of(" ", " (", " [", ": ", ", ", "\n", " ”", " pnr: ", " samordningsnummer "));
        Gen<String> closing = Generate.pick(List.of(" ", ") ", "] ", ". ", ", ", "\n", "” ", "! ", ""));
        Gen<String> around = opening.zip(closing, (o, c) -> o + "\u0000" + c);
        qt().withFixedSeed(SEED).withExamples(3000).forAll(numbers(), swedish(), around, swedish())
                .checkAssert((number, before, frame, after) -> {
                    String text = before + frame.replace("\u0000", number.text()) + after;
                    assertThat(detector.containsIdentityNumber(text)).as(text).isTrue();
                    GuardedText guarded = guard.check(text);
                    assertThat(guarded.identityNumberRemoved()).as(text).isTrue();
                    assertThat(guarded.text()).as(text).doesNotContain(number.text())
                            .doesNotContain(number.tenDigits().substring(6));
                    assertThat(detector.containsIdentityNumber(guarded.text())).isFalse();
                });
    }

    static Gen<String> phoneNumbersAmountsAndReferences() {
        Gen<String> seven = integers().between(0, 9_999_999).map(n -> String.format("%07d", n));
        Gen<String> mobile = Generate.pick(List.of("070", "072", "073", "076", "079")).zip(seven,
                Generate.pick(List.of("%s-%s %s %s", "%s %s %s %s", "%s-%s%s%s")),
                (area, d, format) -> String.format(format, area, d.substring(0, 3), d.substring(3, 5), d.substring(5)));
        Gen<String> landline = Generate.pick(List.of("08", "031", "040", "018")).zip(seven,
                (area, d) -> area + "-" + d.substring(0, 3) + " " + d.substring(3, 5) + " " + d.substring(5));
        Gen<String> international = seven.map(d -> "+46 70 " + d.substring(0, 3) + " " + d.substring(3, 5) + " " + d.substring(5));
        Gen<String> amount = integers().between(1, 99_999_999)
                .map(n -> String.format("%,d kr", n).replace(',', ' ').replace('\u00a0', ' '));
        Gen<String> reference = integers().between(1, 9999).map(n -> String.format("FOU-2026-%04d", n));
        return Generate.oneOf(mobile, landline, international, amount, reference);
    }

    @Test
    void phoneNumbersAmountsAndReferencesInSwedishTextRaiseNoAlarm() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(swedish(), phoneNumbersAmountsAndReferences(), swedish())
                .checkAssert((before, number, after) -> {
                    String text = before + " " + number + " " + after;
                    assertThat(detector.containsIdentityNumber(text)).as(text).isFalse();
                    assertThat(guard.check(text).text()).isEqualTo(text);
                });
    }
}

package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
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
            "\u2212", ".", " \u2013 ", " - ", "\n", "-\n", "-\r\n", " \r\n", "\u2013\n", "\n-", "_", "/", ":", "--",
            " -- ", "\u200b", "\u2060", "\u00ad", "-\u200b", "\ufeff-", "\uff0d", "\u3000");
    /** What may stand between the year, month and day of a date written grouped; the serial then follows a dash. */
    static final List<String> DATE_MARKS = List.of("-", " ", ".", "/", "\u2013");
    /** Characters that show nothing, slipped in anywhere inside the number. */
    static final List<String> INVISIBLE = List.of("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad");
    private static final List<String> WORDS = List.of("hej", "vi", "behöver", "stöd", "med", "en", "uppföljningsmall", "för",
            "verksamheten", "i", "Bromma", "klienten", "har", "ärendet", "gäller", "utvärdering", "av", "insatsen", "mamman",
            "pojken", "flickan", "ringde", "igår", "och", "undrar", "om", "LUM-ansökan", "kan", "skickas", "före", "september",
            "Hägersten-Älvsjö", "socialsekreteraren", "åtgärd", "försörjningsstöd", "placering", "vårdnadshavare", "tack!",
            "Mvh", "Eva", "”", "(se", "bilaga)", "–", "pnr", "personnummer:", "nr", "Skärholmen", "\n", "\r\n", "> ");

    /** How the digits of a number are written besides its separator. */
    enum Style {
        /** {@code 640823-3234} */
        PLAIN,
        /** {@code 64-08-23-3234}, {@code 1964 08 23-3234}: the date grouped, a dash before the serial */
        GROUPED_DATE,
        /** {@code ６４０８２３－３２３４} */
        FULL_WIDTH,
        /** an invisible character somewhere inside the digits */
        INVISIBLE_INSIDE
    }

    /**
     * A number as written: its ten digits, its century, the separator, whether the century is written, how the
     * digits are written, and a free choice (which date mark, which invisible character where).
     */
    record Written(String tenDigits, String century, String separator, boolean twelve, Style style, int choice) {
        String text() {
            String date = tenDigits.substring(0, 6);
            String serial = tenDigits.substring(6);
            String prefix = twelve ? century : "";
            return switch (style) {
                case PLAIN -> prefix + date + separator + serial;
                case GROUPED_DATE -> {
                    String mark = DATE_MARKS.get(choice % DATE_MARKS.size());
                    yield prefix + date.substring(0, 2) + mark + date.substring(2, 4) + mark + date.substring(4) + "-" + serial;
                }
                case FULL_WIDTH -> fullWidth(prefix + date + separator + serial);
                case INVISIBLE_INSIDE -> {
                    String plain = prefix + date + separator + serial;
                    int at = 1 + choice % (plain.length() - 1);
                    yield plain.substring(0, at) + INVISIBLE.get(choice % INVISIBLE.size()) + plain.substring(at);
                }
            };
        }

        /** The digits as they stand in the text, to check none is left after the guard. */
        String serialAsWritten() {
            return style == Style.FULL_WIDTH ? fullWidth(tenDigits.substring(6)) : tenDigits.substring(6);
        }

        private static String fullWidth(String s) {
            StringBuilder out = new StringBuilder();
            s.chars().forEach(c -> out.append(c >= '0' && c <= '9' ? (char) (c - '0' + '\uff10') : c == '-' ? '\uff0d' : (char) c));
            return out.toString();
        }
    }

    static Gen<Written> numbers() {
        Gen<LocalDate> dates = integers().between(0, 45_656).map(days -> LocalDate.of(1900, 1, 1).plusDays(days));
        Gen<Style> styles = Generate.enumValues(Style.class);
        return dates.zip(integers().between(0, 999), booleans().all(), Generate.pick(SEPARATORS), booleans().all(),
                (date, serial, coordination, separator, twelve) -> {
                    int day = date.getDayOfMonth() + (coordination ? 60 : 0);
                    String nine = String.format("%02d%02d%02d%03d", date.getYear() % 100, date.getMonthValue(), day, serial);
                    String ten = nine + PersonalIdentityNumberDetector.checkDigit(nine);
                    return new Written(ten, Integer.toString(date.getYear() / 100), separator, twelve, Style.PLAIN, 0);
                }).zip(styles, integers().between(0, 10_000),
                        (w, style, choice) -> new Written(w.tenDigits(), w.century(), w.separator(), w.twelve(), style, choice));
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
                            .doesNotContain(number.serialAsWritten());
                    assertThat(detector.containsIdentityNumber(guarded.text())).isFalse();
                });
    }

    /** What people put between digit groups when they type a number as it is read aloud. */
    static final List<String> GROUP_MARKS = List.of(" ", "  ", "\u00a0", "\u2009", "\u202f", "\u3000", "-", " - ", "\u2013",
            " \u2013 ", "\u2014", "\u2212", ".", " . ", "\u2011", "\uff0d");

    @Test
    void aNumberTypedInDigitGroupsIsFoundWhateverSpacesOrDashesStandBetween() {
        // 85 06 12 - 12 38, 19 85 06 12 12 38, 8 5 0 6 1 2-1 2 3 8: groups of one or two digits, the serial maybe in one
        Gen<List<Integer>> cuts = lists().of(integers().between(1, 2)).ofSize(12);
        qt().withFixedSeed(SEED).withExamples(2000).forAll(numbers(), cuts, lists().of(Generate.pick(GROUP_MARKS)).ofSize(12),
                swedish()).checkAssert((number, sizes, marks, after) -> {
                    String digits = (number.twelve() ? number.century() : "") + number.tenDigits();
                    StringBuilder written = new StringBuilder();
                    int at = 0;
                    for (int i = 0; at < digits.length(); i++) {
                        int size = Math.min(sizes.get(i), digits.length() - at);
                        if (at > 0) {
                            written.append(marks.get(i));
                        }
                        written.append(digits, at, at + size);
                        at += size;
                    }
                    String text = "klienten har pnr " + written + ", " + after;
                    assertThat(detector.containsIdentityNumber(text)).as(text).isTrue();
                    GuardedText guarded = guard.check(text);
                    assertThat(guarded.identityNumberRemoved()).as(text).isTrue();
                    assertThat(guarded.text().replaceAll("\\D", "")).as(text).doesNotContain(number.tenDigits().substring(6));
                });
    }

    static Gen<String> phoneNumbersAmountsReferencesDatesAndTimes() {
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
        Gen<LocalDate> days = integers().between(0, 20_000).map(d -> LocalDate.of(1990, 1, 1).plusDays(d));
        Gen<String> range = days.zip(integers().between(1, 400), Generate.pick(List.of("%s-%s", "%s\u2013%s", "%s - %s",
                "%s \u2013 %s", "%s/%s", "%s\n%s", "%s till %s")), Generate.pick(List.of("yyyyMMdd", "yyyy-MM-dd", "yy-MM-dd",
                        "dd.MM.yyyy")), (from, length, format, pattern) -> String.format(format,
                                from.format(DateTimeFormatter.ofPattern(pattern)), from.plusDays(length).format(DateTimeFormatter.ofPattern(pattern))));
        Gen<String> dateAndTime = days.zip(integers().between(0, 86_399), Generate.pick(List.of("%s %s", "%s kl %s", "%s_%s",
                "%s\n%s")), (day, second, format) -> String.format(format, day.format(DateTimeFormatter.ISO_LOCAL_DATE),
                        LocalTime.ofSecondOfDay(second).format(DateTimeFormatter.ofPattern("HHmm"))));
        Gen<String> fileName = days.zip(integers().between(0, 86_399), Generate.pick(List.of("IMG_%s_%s.jpg", "Skärmbild %s %s.png",
                "scan_%s_%s.pdf")), (day, second, format) -> String.format(format, day.format(DateTimeFormatter.BASIC_ISO_DATE),
                        LocalTime.ofSecondOfDay(second).format(DateTimeFormatter.ofPattern("HHmmss"))));
        return Generate.oneOf(mobile, landline, international, amount, reference, range, dateAndTime, fileName);
    }

    @Test
    void phoneNumbersAmountsReferencesDateRangesAndTimesInSwedishTextRaiseNoAlarm() {
        qt().withFixedSeed(SEED).withExamples(2000).forAll(swedish(), phoneNumbersAmountsReferencesDatesAndTimes(), swedish())
                .checkAssert((before, number, after) -> {
                    String text = before + " " + number + " " + after;
                    assertThat(detector.containsIdentityNumber(text)).as(text).isFalse();
                    assertThat(guard.check(text).text()).isEqualTo(text);
                });
    }
}

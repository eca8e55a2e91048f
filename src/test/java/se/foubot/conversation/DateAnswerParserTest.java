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
            22 september        | 2027-09-22
            12/3                | 2027-03-12
            12/3/2027           | 2027-03-12
            12/3/27             | 2027-03-12
            12.3                | 2027-03-12
            12.3.2027           | 2027-03-12
            12 March            | 2027-03-12
            March 12            | 2027-03-12
            March 12th, 2027    | 2027-03-12
            1st of March        | 2027-03-01
            15 jan              | 2027-01-15
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
    @CsvSource({"31 februari", "helst före den 30 februari", "2027-02-30", "31/4", "2027-13-01", "0/3", "vecka 54", "vecka 0"})
    void impossibleDatesAreToldApartFromUnreadableText(String input) {
        assertThat(DateAnswerParser.parse(input, TODAY)).isInstanceOf(DateAnswerParser.Impossible.class);
    }

    @ParameterizedTest
    @CsvSource({"snart", "nästa vecka typ", "12 smurf", "2027", "om många veckor", "inom 99999999999 veckor", "fredagsmys"})
    void unreadableTextIsNotADate(String input) {
        assertThat(DateAnswerParser.parse(input, TODAY)).isInstanceOf(DateAnswerParser.Unreadable.class);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            om tre veckor          | 2026-12-14
            inom två veckor        | 2026-12-07
            inom 2 veckor          | 2026-12-07
            Inom två veckor.       | 2026-12-07
            om en vecka            | 2026-11-30
            om ett par veckor      | 2026-12-07
            om 10 dagar            | 2026-12-03
            om en månad            | 2026-12-23
            in three weeks         | 2026-12-14
            within two weeks       | 2026-12-07
            within a couple of weeks | 2026-12-07
            nästa fredag           | 2026-12-04
            fredag nästa vecka     | 2026-12-04
            next Friday            | 2026-12-04
            på fredag              | 2026-11-27
            fredag                 | 2026-11-27
            on Friday              | 2026-11-27
            nästa vecka            | 2026-12-04
            nästa månad            | 2026-12-31
            i övermorgon           | 2026-11-25
            vecka 12               | 2027-03-26
            v. 12                  | 2027-03-26
            v12                    | 2027-03-26
            week 12                | 2027-03-26
            vecka 48               | 2026-11-27
            vecka 47               | 2027-11-26
            före midsommar         | 2027-06-24
            innan midsommar        | 2027-06-24
            before midsummer       | 2027-06-24
            före jul               | 2026-12-23
            before Christmas       | 2026-12-23
            före påsk              | 2027-03-25
            innan påskhelgen       | 2027-03-25
            before Easter          | 2027-03-25
            före påsk 2027         | 2027-03-25
            före jul 2027          | 2027-12-23
            before Christmas 2026  | 2026-12-23
            innan midsommar år 2028 | 2028-06-22
            före jul nästa år      | 2027-12-23
            before Christmas next year | 2027-12-23
            före jul om två år     | 2028-12-23
            före jul i år          | 2026-12-23
            det är bråttom!        | 2026-11-30
            helst före 12 mars     | 2027-03-12
            gärna före jul         | 2026-12-23
            It's urgent            | 2026-11-30
            i slutet av mars       | 2027-03-31
            slutet av mars 2027    | 2027-03-31
            i mitten av april      | 2027-04-15
            i början av december   | 2026-12-01
            i slutet av november   | 2026-11-30
            i slutet av månaden    | 2026-11-30
            end of March           | 2027-03-31
            by the end of March    | 2027-03-31
            mid April              | 2027-04-15
            early December         | 2026-12-01
            senast 12 mars         | 2027-03-12
            senast den 12 mars     | 2027-03-12
            by 12 March            | 2027-03-12
            senast 2027-03-12      | 2027-03-12
            """)
    void readsRelativeDatesHolidaysAndPartsOfMonths(String input, LocalDate expected) {
        assertThat(DateAnswerParser.parse(input, TODAY)).isEqualTo(new DateAnswerParser.Parsed(expected));
    }

    @ParameterizedTest(name = "{0} → {1} (past)")
    @CsvSource(delimiter = '|', textBlock = """
            igår                   | 2026-11-22
            i går                  | 2026-11-22
            yesterday              | 2026-11-22
            i förrgår              | 2026-11-21
            i fredags              | 2026-11-20
            last Friday            | 2026-11-20
            2020-05-01             | 2020-05-01
            12 mars 2026           | 2026-03-12
            1/3/2025               | 2025-03-01
            vecka 12 2026          | 2026-03-20
            före påsk 2026         | 2026-04-02
            före midsommar 2026    | 2026-06-18
            före påsk i år         | 2026-04-02
            före jul förra året    | 2025-12-23
            före jul i fjol        | 2025-12-23
            """)
    void aDateBeforeTodayIsToldAsPastNotAsUnreadable(String input, LocalDate expected) {
        assertThat(DateAnswerParser.parse(input, TODAY)).isEqualTo(new DateAnswerParser.Past(expected));
    }

    @ParameterizedTest(name = "{0} on {1} → {2} (just passed)")
    @CsvSource(delimiter = '|', textBlock = """
            1 dec               | 2026-12-02 | 2026-12-01
            1 december          | 2026-12-02 | 2026-12-01
            Senast: 1 december  | 2026-12-02 | 2026-12-01
            22 november         | 2026-11-23 | 2026-11-22
            1/11                | 2026-12-02 | 2026-11-01
            20 dec              | 2027-01-05 | 2026-12-20
            i slutet av oktober | 2026-12-02 | 2026-10-31
            """)
    void aDayAndMonthThatPassedWithinTwoMonthsIsToldAsPassedNotMovedToNextYear(String input, LocalDate today, LocalDate passed) {
        assertThat(DateAnswerParser.parse(input.replace("Senast:", "senast"), today)).isEqualTo(new DateAnswerParser.Past(passed));
    }

    @ParameterizedTest(name = "{0} on {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1 oktober           | 2026-12-02 | 2027-10-01
            v.12                | 2026-12-02 | 2027-03-26
            v. 12               | 2026-12-02 | 2027-03-26
            om 3 v              | 2026-12-02 | 2026-12-23
            fre 18/12           | 2026-12-02 | 2026-12-18
            fredag 18 december  | 2026-12-02 | 2026-12-18
            den 5:e             | 2026-12-02 | 2026-12-05
            den 1:a             | 2026-12-02 | 2027-01-01
            i januari           | 2026-12-02 | 2027-01-31
            januari             | 2026-12-02 | 2027-01-31
            i maj               | 2026-12-02 | 2027-05-31
            i december          | 2026-12-02 | 2026-12-31
            snarast             | 2026-12-02 | 2026-12-09
            så snart som möjligt | 2026-12-02 | 2026-12-09
            asap                | 2026-12-02 | 2026-12-09
            """)
    void readsWeekAbbreviationsShortWeekdaysADayAloneAMonthAloneAndAsSoonAsPossible(String input, LocalDate today,
            LocalDate expected) {
        assertThat(DateAnswerParser.parse(input, today)).isEqualTo(new DateAnswerParser.Parsed(expected));
    }

    @Test
    void midsommarIsTheDayBeforeTheFridayJollydayKnowsAsMidsommarafton() {
        se.foubot.time.WorkingDays holidays = new se.foubot.time.WorkingDays();
        for (int year = 2026; year <= 2045; year++) {
            DateAnswerParser.Result r = DateAnswerParser.parse("före midsommar", LocalDate.of(year, 1, 1));
            LocalDate eve = ((DateAnswerParser.Parsed) r).date().plusDays(1);
            assertThat(eve.getDayOfWeek()).as("midsommarafton " + year).isEqualTo(java.time.DayOfWeek.FRIDAY);
            assertThat(holidays.isPublicHoliday(eve)).as("midsommarafton " + year + " in jollyday").isTrue();
            assertThat(holidays.isPublicHoliday(eve.plusDays(1))).as("midsommardagen " + year).isTrue();
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"före påsk 10000", "före påsk 99999999999", "före påsk 0",
            "before Easter 3000", "före jul om tusen år"})
    void aHolidayInAYearNoCalendarHasIsNoDate(String input) {
        assertThat(DateAnswerParser.parse(input, TODAY)).isInstanceOf(DateAnswerParser.Unreadable.class);
    }

    @Test
    void beforeEasterIsSkartorsdagTheDayBeforeLangfredagWhicheverWeekEasterFalls() {
        se.foubot.time.WorkingDays holidays = new se.foubot.time.WorkingDays();
        for (int year = 2026; year <= 2045; year++) {
            LocalDate skartorsdag = ((DateAnswerParser.Parsed) DateAnswerParser.parse("före påsk", LocalDate.of(year, 1, 1))).date();
            assertThat(skartorsdag.getDayOfWeek()).as("skärtorsdag " + year).isEqualTo(java.time.DayOfWeek.THURSDAY);
            assertThat(holidays.isPublicHoliday(skartorsdag.plusDays(1))).as("långfredag " + year).isTrue();
            assertThat(holidays.isPublicHoliday(skartorsdag.plusDays(4))).as("annandag påsk " + year).isTrue();
            assertThat(skartorsdag).isBetween(LocalDate.of(year, 3, 19), LocalDate.of(year, 4, 22));
        }
        // after this year's Easter, the next year's
        assertThat(DateAnswerParser.parse("före påsk", LocalDate.of(2027, 4, 1)))
                .isEqualTo(new DateAnswerParser.Parsed(LocalDate.of(2028, 4, 13)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Vi behöver hjälp inom två veckor, tack!                                     | 2026-12-07
            Vi har i dag ett projekt och behöver en plan senast 12 mars.                 | 2027-03-12
            Projektet startade 2025-01-10 och ska vara klart före midsommar              | 2027-06-24
            Vi har möte på fredag och vill sedan ha stöd i slutet av januari             | 2027-01-31
            Senast fredag om det går                                                     | 2026-11-27
            We need it within three weeks if possible.                                   | 2026-12-14
            Det vore bra om vi kunde ses vecka 50.                                       | 2026-12-11
            inom 99999999999 veckor eller senast 2027-03-01                              | 2027-03-01
            Det får inte dröja, helst innan 15 mars                                     | 2027-03-15
            Vi har jobbat med det efter mötet, senast 15 mars behöver vi stödet          | 2027-03-15
            Tidigast i mars, senast i maj                                               | 2027-05-31
            Not before 15 March, but by 30 April                                        | 2027-04-30
            Vi vill ta fram indikatorer. Det är bråttom!                                | 2026-11-30
            Det är bråttom, vi behöver svar snarast.                                    | 2026-11-30
            Snarast!                                                                    | 2026-11-30
            It is urgent!                                                               | 2026-11-30
            Det är bråttom, senast 20 december.                                         | 2026-12-20
            """)
    void mailFindsTheFirstDateThatIsTodayOrLater(String text, LocalDate expected) {
        assertThat(DateAnswerParser.find(text, TODAY)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Vi har 3 personer i gruppen och ett möte på fredag.
            I dag har vi ingen plan.
            Vi behöver stöd inom 99999999999 veckor.
            Projektet slutade 2025-01-10.
            Vi behöver det senast den 31 april.
            Vi behöver det senast den 1 november 2026.
            Vi kan tidigast börja i mars.
            Vi kan inte börja före 15 mars.
            We cannot start before 15 March.
            Vi kan inte börja förrän 15 mars.
            Arbetet kan börja efter den 15 mars.
            We can't begin before 15 March.
            Vi kan börja den 15 mars tidigast.
            We can start from 15 March.
            Vi kan börja först den 15 mars.
            Vi kan inte börja förrän i mars.
            We can't start until 15 March.
            Det är inte så bråttom.
            Det är inte bråttom.
            Inget är bråttom just nu.
            Ingenting är bråttom.
            Det brådskar egentligen inte.
            It is not urgent.
            """)
    void mailWithoutAComingDateHasNone(String text) {
        assertThat(DateAnswerParser.find(text, TODAY)).isEmpty();
    }

    @Test
    void datesAreShownInThePersonsLanguageInTheOneDateStyle() {
        assertThat(DateAnswerParser.display(LocalDate.of(2027, 3, 12), Language.SV)).isEqualTo("fredag 12 mars 2027");
        assertThat(DateAnswerParser.display(LocalDate.of(2027, 3, 12), Language.EN)).isEqualTo("Friday 12 March 2027");
    }
}

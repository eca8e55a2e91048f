package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import se.foubot.conversation.FlowCatalog;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;
import se.foubot.support.HostileText;
import se.foubot.tasks.CategorySorter;

/**
 * The mail intake reads a mail as the intake flow's by-mail steps (conversation-flows/intake.yaml, as shipped) and
 * asks for what is missing with the chat's questions; whatever a mail says, reading it never throws.
 */
class MailIntakeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final FlowSource FLOWS = FlowSource.fromDirectory(Path.of("conversation-flows"));
    private static final FlowCatalog CATALOG = FlowCatalog.load(FLOWS,
            Set.of("create-support-request", "check-grant-application", "record-task-answer", "record-knowledge-gap"));

    private static final CategorySorter SORTER = CategorySorter.load(FLOWS);

    private final MailIntake intake = new MailIntake(CATALOG.flow("intake").orElseThrow(),
            text -> SORTER.sort(text).needsTriage() ? null : SORTER.sort(text).category(), Map.of("bromma.stockholm.se", "bromma"));
    private final MailReplies replies = new MailReplies(Texts.fromBundles(), se.foubot.language.TextAnalysis.load(FLOWS));

    @Test
    void labelledLinesAreReadAsTheChatReadsTheAnswersAndTheRestIsTheConcern() {
        MailIntake.Read read = intake.read("eva@stockholm.se", "Stöd", "Stadsdel: Bromma\nTyp av stöd: vet inte\n"
                + "Senast: ingen brådska\n\nVi vill ta fram en uppföljningsmall för vårt nya arbetssätt.", "", TODAY);
        assertThat(read.answers().values()).containsEntry("district", "bromma").containsEntry("category", "vet-inte")
                .containsEntry("concern", "Vi vill ta fram en uppföljningsmall för vårt nya arbetssätt.");
        assertThat(read.answers().none()).containsExactly("timeframe");
        assertThat(read.answers().missing(intake.form().fields())).isEmpty();
    }

    @Test
    void whatTheLinesLeaveOpenIsFoundInTheSenderTheTextAndItsDates() {
        MailIntake.Read read = intake.read("eva@bromma.stockholm.se", "Uppföljning", "Vi behöver hjälp med en "
                + "uppföljningsmall och indikatorer för vårt projekt, senast 15 januari.", "", TODAY);
        assertThat(read.answers().values()).containsEntry("district", "bromma").containsEntry("category", "uppfoljning")
                .containsEntry("timeframe", "2027-01-15");
    }

    @Test
    void aMailThatSaysItIsUrgentIsNeededWithinAWeekAndOneThatSaysItIsNotIsNot() {
        MailIntake.Read urgent = intake.read("eva@bromma.stockholm.se", "Stöd", "Hej! Vi behöver hjälp med uppföljning, vi vill ta "
                + "fram indikatorer. Det är bråttom!", "", TODAY);
        assertThat(urgent.answers().values()).containsEntry("timeframe", TODAY.plusDays(7).toString());
        MailIntake.Read notSo = intake.read("eva@bromma.stockholm.se", "Stöd", "Hej! Vi behöver hjälp med uppföljning, vi vill ta "
                + "fram indikatorer. Det är inte så bråttom.", "", TODAY);
        assertThat(notSo.answers().values()).doesNotContainKey("timeframe");
    }

    @Test
    void noHurryWithADeadlineInTheSameWordsIsThatDeadlineOnALineAndInTheTextAsInTheChat() {
        String rest = "\n\nVi behöver stöd att analysera vår brukarenkät.";
        MailIntake.Read line = intake.read("eva@bromma.stockholm.se", "Stöd", "Förvaltning: Bromma\nTyp av stöd: analys\n"
                + "Behövs senast: ingen brådska, men helst före 15 mars" + rest, "", TODAY);
        assertThat(line.answers().values()).containsEntry("timeframe", "2027-03-15");
        assertThat(line.answers().none()).isEmpty();
        MailIntake.Read english = intake.read("eva@bromma.stockholm.se", "Support", "Needed by: no rush, but preferably before 15 March"
                + rest, "", TODAY);
        assertThat(english.answers().values()).containsEntry("timeframe", "2027-03-15");
        MailIntake.Read text = intake.read("eva@bromma.stockholm.se", "Stöd", "Det är ingen brådska, men helst före 15 mars." + rest,
                "", TODAY);
        assertThat(text.answers().values()).containsEntry("timeframe", "2027-03-15");
        // "bråttom" alone reads as a week's time; "inte bråttom" is no date at all
        MailIntake.Read notUrgent = intake.read("eva@bromma.stockholm.se", "Stöd", "Förvaltning: Bromma\nTyp av stöd: analys\n"
                + "Behövs senast: inte bråttom" + rest, "", TODAY);
        assertThat(notUrgent.answers().none()).containsExactly("timeframe");
        // a date mentioned for another reason is no deadline where the mail says there is no hurry
        MailIntake.Read other = intake.read("eva@bromma.stockholm.se", "Stöd", "Ingen brådska. Vi ses på forumet 12 mars." + rest,
                "", TODAY);
        assertThat(other.answers().none()).containsExactly("timeframe");

        // an earliest start is no deadline
        MailIntake.Read earliest = intake.read("eva@bromma.stockholm.se", "Stöd", "Ingen brådska, och vi kan inte börja före 15 mars."
                + rest, "", TODAY);
        assertThat(earliest.answers().none()).containsExactly("timeframe");
        // in the text too, the longest words that read as a date are the date: not "den 31" (the next 31st) of "den 31
        // april", not next year's "1 november" of one that has passed; each is asked again with the reason
        for (String[] body : new String[][] {{"Vi behöver det senast den 31 april.", "finns inte i kalendern"},
                {"Det brådskar inte, men helst före den 30 februari.", "finns inte i kalendern"},
                {"Vi behöver det senast den 1 november 2026.", "Det datumet har redan passerat"},
                {"Vi behöver det senast den 31 april, helst tidigare.", "”senast den 31 april” finns inte i kalendern"}}) {
            MailIntake.Read read = intake.read("eva@bromma.stockholm.se", "Stöd", body[0] + rest, "", TODAY);
            assertThat(read.answers().values()).as(body[0]).doesNotContainKey("timeframe");
            assertThat(read.unreadable()).as(body[0]).containsOnlyKeys("timeframe");
            assertThat(replies.askForMissing(intake.form(), read.answers().missing(intake.form().fields()), read.unreadable(), TODAY,
                    Language.SV, MailReplies.Notices.NONE)).as(body[0]).contains(body[1]);
        }
        // a deadline that has passed, or that the calendar lacks, is asked again with the chat's reason, not dropped
        MailIntake.Read passed = intake.read("eva@bromma.stockholm.se", "Stöd", "Förvaltning: Bromma\nTyp av stöd: analys\n"
                + "Behövs senast: ingen brådska, men helst före 15 mars 2020" + rest, "", TODAY);
        assertThat(passed.unreadable()).containsOnlyKeys("timeframe");
        assertThat(replies.askForMissing(intake.form(), passed.answers().missing(intake.form().fields()), passed.unreadable(), TODAY,
                Language.SV, MailReplies.Notices.NONE)).contains("Det datumet har redan passerat");
        MailIntake.Read impossible = intake.read("eva@bromma.stockholm.se", "Stöd", "Förvaltning: Bromma\nTyp av stöd: analys\n"
                + "Behövs senast: ingen brådska men den 30 februari" + rest, "", TODAY);
        assertThat(impossible.unreadable()).containsOnlyKeys("timeframe");
        assertThat(replies.askForMissing(intake.form(), impossible.answers().missing(intake.form().fields()), impossible.unreadable(),
                TODAY, Language.SV, MailReplies.Notices.NONE)).contains("finns inte i kalendern");
    }

    @Test
    void yesterdayAsTheLastDayIsToldAsPassedInTheChatsWords() {
        MailIntake.Read read = intake.read("eva@bromma.stockholm.se", "Stöd", "Förvaltning: Bromma\nTyp av stöd: analys\n"
                + "Senast: igår\n\nVi behöver stöd att analysera vår brukarenkät.", "", TODAY);
        assertThat(read.unreadable()).containsOnlyKeys("timeframe");
        assertThat(read.answers().values()).doesNotContainKey("timeframe");
        String ask = replies.askForMissing(intake.form(), read.answers().missing(intake.form().fields()), read.unreadable(),
                TODAY, Language.SV, MailReplies.Notices.NONE);
        assertThat(ask).contains("Det datumet har redan passerat").contains("Behövs senast:").doesNotContain("förstod inte");
    }

    @Test
    void anAnswerTheChatWouldRefuseIsAskedAgainWithTheChatsReason() {
        MailIntake.Read read = intake.read("eva@stockholm.se", "Stöd", "Förvaltning: Atlantis\nSenast: 3 mars 2020\n\n"
                + "Vi behöver stöd att analysera vår brukarenkät.", "", TODAY);
        assertThat(read.unreadable()).containsOnlyKeys("district", "timeframe");
        String ask = replies.askForMissing(intake.form(), read.answers().missing(intake.form().fields()), read.unreadable(),
                TODAY, Language.SV, MailReplies.Notices.NONE);
        assertThat(ask).contains("Jag vet inte vilken förvaltning du menar med ”Atlantis”")
                .contains("har redan passerat")
                .contains("Vilken förvaltning arbetar du på?").contains("Förvaltning: en av Bromma")
                .contains("Behövs senast: ett datum, till exempel 15 mars eller ”ingen brådska”")
                .doesNotContain("Vad stödet gäller:");
    }

    @Test
    void aTextTooShortToSayWhatItIsAboutIsReadWithItsSubjectOrAskedForMoreAsInTheChat() {
        String lines = "Förvaltning: Bromma\nTyp av stöd: analys\nSenast: ingen brådska\n\n";
        MailIntake.Read withSubject = intake.read("eva@stockholm.se", "Analys av brukarenkäten i hemtjänsten", lines + "Se ämnet.", "", TODAY);
        assertThat(withSubject.answers().values()).containsEntry("concern", "Analys av brukarenkäten i hemtjänsten\n\nSe ämnet.");
        assertThat(withSubject.unreadable()).isEmpty();

        assertThat(intake.read("eva@stockholm.se", "SV: Analys av brukarenkäten", lines + "Se ämnet.", "", TODAY).answers().values())
                .containsEntry("concern", "Analys av brukarenkäten\n\nSe ämnet.");
        assertThat(intake.read("eva@stockholm.se", MailParser.UNREADABLE_SUBJECT, lines + "Se ämnet.", "", TODAY).unreadable())
                .as("the words shown for an unreadable subject are not the person's").containsOnlyKeys("concern");

        MailIntake.Read tooShort = intake.read("eva@stockholm.se", "Stöd", lines + "Hjälp!", "", TODAY);
        assertThat(tooShort.answers().values()).doesNotContainKey("concern");
        assertThat(tooShort.unreadable()).containsOnlyKeys("concern");
        assertThat(replies.askForMissing(intake.form(), tooShort.answers().missing(intake.form().fields()), tooShort.unreadable(),
                TODAY, Language.SV, MailReplies.Notices.NONE)).contains("Berätta lite mer – minst 15 tecken – så att utredarna förstår vad det gäller.")
                .contains("Beskriv kort vad ni behöver stöd med.");

        // a long mail is taken whole: the chat's longest answer is for a chat
        String longText = "Vi behöver stöd med uppföljningen av hemtjänsten. ".repeat(60);
        assertThat(intake.read("eva@stockholm.se", "Stöd", lines + longText, "", TODAY).answers().values().get("concern"))
                .hasSizeGreaterThan(2000);
    }

    @Test
    void labelledLinesWrittenUnderTheSignOffAreReadButTheSignatureIsNoDescription() {
        MailIntake.Read read = intake.read("eva@stockholm.se", "Stöd", "Vi behöver hjälp att utvärdera vår dagverksamhet.",
                "Tack på förhand!\nEva Ek\n\nFörvaltning: Farsta\nTyp av stöd: Utvärdering\nBehövs senast: ingen brådska", TODAY);
        assertThat(read.answers().values()).containsEntry("district", "farsta").containsEntry("category", "utvardering")
                .containsEntry("concern", "Vi behöver hjälp att utvärdera vår dagverksamhet.");
        assertThat(read.answers().none()).containsExactly("timeframe");
        assertThat(read.answers().missing(intake.form().fields())).isEmpty();

        MailIntake.Read described = intake.read("eva@stockholm.se", "Stöd", "Hej!", "Mvh Eva\nFörvaltning: Farsta\nTyp av stöd: "
                + "analys\nBehövs senast: ingen brådska\nVad stödet gäller: Analys av brukarenkäten i hemtjänsten", TODAY);
        assertThat(described.answers().values()).containsEntry("concern", "Hej!\n\nAnalys av brukarenkäten i hemtjänsten");
        assertThat(described.answers().missing(intake.form().fields())).isEmpty();

        // the text's own line wins, and one the chat would refuse under the sign-off is asked again with the reason
        MailIntake.Read both = intake.read("eva@stockholm.se", "Stöd", "Förvaltning: Bromma\n\nVi behöver hjälp att utvärdera "
                + "vår dagverksamhet.", "Mvh Eva\nFörvaltning: Farsta\nBehövs senast: 3 mars 2020", TODAY);
        assertThat(both.answers().values()).containsEntry("district", "bromma");
        assertThat(both.unreadable()).containsKey("timeframe");
    }

    @Test
    void aNameThatFitsSeveralChoicesIsAskedAboutByTheirNamesAndANumberIsNoChoiceInAMail() {
        MailIntake.Read read = intake.read("eva@stockholm.se", "Stöd", "Förvaltning: ska\nTyp av stöd: analys\nSenast: ingen brådska\n\n"
                + "Vi behöver stöd att analysera vår brukarenkät.", "", TODAY);
        assertThat(read.unreadable()).containsOnlyKeys("district");
        String ask = replies.askForMissing(intake.form(), read.answers().missing(intake.form().fields()), read.unreadable(),
                TODAY, Language.SV, MailReplies.Notices.NONE);
        assertThat(ask).contains("”ska” kan vara flera förvaltningar. Vilken menar du? Skärholmen eller Skarpnäck?\n"
                + "Förvaltning: Skärholmen eller Skarpnäck\n").doesNotContain("skarholmen,").doesNotContain("Vilken förvaltning arbetar du på?")
                .contains("Förvaltning: Skärholmen\n");
        // a mail lists no numbers: "Förvaltning: 2" is no choice (it picked the second of a list the person never saw)
        MailIntake.Read number = intake.read("eva@stockholm.se", "Stöd", "Förvaltning: 2\nTyp av stöd: analys\nSenast: ingen brådska\n\n"
                + "Vi behöver stöd att analysera vår brukarenkät.", "", TODAY);
        assertThat(number.unreadable()).containsOnlyKeys("district");
        String english = replies.askForMissing(intake.form(), read.answers().missing(intake.form().fields()), read.unreadable(),
                TODAY, Language.EN, MailReplies.Notices.NONE);
        assertThat(english).contains("“ska” could be several administrations. Which one do you mean? Skärholmen or Skarpnäck?");
        // the offered line sent back as it was: told to keep one, not asked the same question again
        MailIntake.Read copied = intake.read("eva@stockholm.se", "Re: Stöd", "Förvaltning: Skärholmen eller Skarpnäck\nTyp av stöd: analys\n"
                + "Senast: ingen brådska\n\nVi behöver stöd att analysera vår brukarenkät.", "", TODAY);
        String again = replies.askForMissing(intake.form(), copied.answers().missing(intake.form().fields()), copied.unreadable(),
                TODAY, Language.SV, MailReplies.Notices.NONE);
        assertThat(again).contains("Låt bara en av dem stå kvar på raden:\nFörvaltning: Skärholmen eller Skarpnäck\n")
                .doesNotContain("kan vara flera");
    }

    @Test
    void linesCopiedFromTheChatsSummaryWithTheirNumbersAreReadAndLeaveTheDescriptionAndItsDashIsNoDate() {
        MailIntake.Read read = intake.read("eva@stockholm.se", "Stöd", "Hej,\r\n\r\n1. Förvaltning: Bromma\r\n5. Typ av stöd: Samverkan med lärosäten\r\n"
                + "6. Behövs senast: –\r\n\r\nVi behöver stöd att hitta en forskare för vår brukarenkät.", "", TODAY);
        assertThat(read.unreadable()).isEmpty();
        assertThat(read.answers().value("district")).isEqualTo("bromma");
        assertThat(read.answers().value("category")).isEqualTo("larosaten");
        assertThat(read.answers().answered("timeframe")).isTrue();
        assertThat(read.answers().value("timeframe")).isNull();
        // the lines read leave one paragraph's gap, not a column of empty lines
        assertThat(read.answers().value("concern")).isEqualTo("Hej,\n\nVi behöver stöd att hitta en forskare för vår brukarenkät.");
    }

    @Test
    void aWholeChatSummaryPastedIntoAMailIsReadAndItsDescriptionLosesOnlyItsLabel() {
        MailIntake.Read read = intake.read("eva@stockholm.se", "Stöd", "Hej!\n\n1. Förvaltning: Bromma\n2. Roll: Controller\n"
                + "3. Vad stödet gäller: Vi vill utvärdera vårt nya arbetssätt.\n4. Del av utvecklingsarbete: nej\n"
                + "5. Typ av stöd: Utvärdering (design och plan)\n6.Behövs senast: –\n7. E-post: m1@ex1.org", "", TODAY);
        assertThat(read.unreadable()).isEmpty();
        assertThat(read.answers().value("district")).isEqualTo("bromma");
        assertThat(read.answers().value("category")).isEqualTo("utvardering");
        assertThat(read.answers().answered("timeframe")).isTrue();
        // nothing of the text is lost: the description keeps what the form does not ask, and its own line without the label
        assertThat(read.answers().value("concern")).contains("Vi vill utvärdera vårt nya arbetssätt.").doesNotContain("Vad stödet gäller")
                .contains("2. Roll: Controller").contains("7. E-post: m1@ex1.org").doesNotContain("Förvaltning:");
        // a required line with the summary's dash is no answer, and its dash is not quoted back as one
        MailIntake.Read dash = intake.read("eva@stockholm.se", "Stöd", "１. Förvaltning: –\n\nVi vill utvärdera vårt nya arbetssätt.",
                "", TODAY);
        assertThat(dash.unreadable()).doesNotContainKey("district");
        assertThat(dash.answers().value("concern")).isEqualTo("Vi vill utvärdera vårt nya arbetssätt.");
        // the description's own line with the dash says nothing: the description is asked for, not taken as "–"
        MailIntake.Read noConcern = intake.read("eva@stockholm.se", "Stöd", "1. Förvaltning: Bromma\n3. Vad stödet gäller: –\n"
                + "5. Typ av stöd: Utvärdering (design och plan)\n6. Behövs senast: –", "", TODAY);
        assertThat(noConcern.answers().answered("concern")).isFalse();
    }

    @Test
    void aPassedDateInTheTextOrJustPassedOnALineIsToldAsPassed() {
        LocalDate second = LocalDate.of(2026, 12, 2);
        for (String text : java.util.List.of("Vi behöver stöd att analysera vår brukarenkät.\n\nSenast igår egentligen!",
                "Senast: 1 december\n\nVi behöver stöd att analysera vår brukarenkät.")) {
            MailIntake.Read read = intake.read("eva@bromma.stockholm.se", "Stöd", text, "", second);
            assertThat(read.answers().answered("timeframe")).as(text).isFalse();
            String ask = replies.askForMissing(intake.form(), read.answers().missing(intake.form().fields()), read.unreadable(),
                    second, Language.SV, MailReplies.Notices.NONE);
            assertThat(ask).as(text).contains("har redan passerat").contains("Behövs senast:");
        }
    }

    @Test
    void anEnglishMailIsAskedInEnglishWithTheFlowsEnglishLabels() {
        String ask = replies.askForMissing(intake.form(), intake.form().fields(), Map.of(), TODAY, Language.EN, MailReplies.Notices.NONE);
        assertThat(ask).startsWith("Hello!").contains("Which administration do you work in?").contains("Administration: one of")
                .contains("Kind of support: one of").contains("Needed by: a date").contains("or “no rush”");
    }

    @Test
    void anyMailTextIsReadWithoutAnException() {
        qt().withFixedSeed(13L).withExamples(3000).forAll(HostileText.text(), HostileText.text())
                .check((subject, text) -> intake.read("eva@bromma.stockholm.se", subject, text, text, TODAY) != null);
    }

    @Test
    void aTimeframeFarOutOfRangeIsNoTimeframeRatherThanAnException() {
        assertThat(intake.read("eva@stockholm.se", "Stöd", "Vi behöver stöd inom 99999999999 veckor.", "", TODAY).answers()
                .answered("timeframe")).isFalse();
        assertThat(intake.read("eva@stockholm.se", "Stöd", "inom 999 veckor", "", TODAY).answers().value("timeframe"))
                .isGreaterThan(TODAY.toString());
    }
}

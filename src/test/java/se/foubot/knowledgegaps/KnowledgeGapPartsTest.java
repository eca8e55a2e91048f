package se.foubot.knowledgegaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.language.TextAnalysis;
import se.foubot.messaging.Recipient;
import se.foubot.support.FouBotTest;

/** The inventory's parts on their own: reading mail answers as mail programs write them, reminder days, grouping, the contacts file. */
@FouBotTest
class KnowledgeGapPartsTest {

    @Autowired
    MailAnswerReader reader;

    @Autowired
    KnowledgeGapReminders reminders;

    @Autowired
    TextAnalysis analysis;

    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Autowired
    se.foubot.privacy.RetentionJob retention;

    @Autowired
    se.foubot.support.MutableClock clock;

    @Autowired
    KnowledgeGapOutcomes outcomes;

    @TempDir
    Path dir;

    @Test
    void retentionRemovesAnEntrysWordsAndSenderButKeepsWhatTheFiguresNeed() {
        clock.set(se.foubot.support.TestClockConfiguration.START);
        Instant old = clock.instant().minus(java.time.Duration.ofDays(731));
        GapEntry entry = new GapEntry("kl-2024-001", "kl-2024", "flow:old", GapEntry.Source.SLACK, "farsta", Recipient.slack("UOLD"),
                "digitalisering", "E-tjänster", true, "klient", "Vi vet inte hur e-tjänsterna fungerar för äldre klienter.", "kartlaggning",
                "lokal", "medel", "kl-2024-g01", old, old, null);
        mongo.insert(entry);
        mongo.insert(new GapEntry("kl-2026-001", "kl-2026", "flow:new", GapEntry.Source.SLACK, "farsta", Recipient.slack("UNEW"), "digitalisering",
                null, false, "klient", "Ett färskt svar som ska stå kvar.", null, null, null, null, clock.instant(), clock.instant(), null));
        assertThat(retention.run().in(GapEntry.COLLECTION)).isEqualTo(1);
        GapEntry kept = mongo.findById("kl-2024-001", GapEntry.class);
        assertThat(kept.text()).isNull();
        assertThat(kept.person()).isNull();
        assertThat(kept.ownTheme()).isNull();
        assertThat(kept.anonymisedAt()).isEqualTo(clock.instant());
        assertThat(kept.district()).isEqualTo("farsta");
        assertThat(kept.theme()).isEqualTo("digitalisering");
        assertThat(kept.perspective()).isEqualTo("klient");
        assertThat(mongo.findById("kl-2026-001", GapEntry.class).text()).isEqualTo("Ett färskt svar som ska stå kvar.");
        assertThat(retention.run().in(GapEntry.COLLECTION)).as("a second run changes nothing").isZero();
    }

    @Test
    void anOutlookReplyIsReadAboveTheQuotedInvitationWithoutAngleBrackets() {
        // Outlook quotes the invitation below a "Från:" block, unmarked: its own headings must not be read
        String body = "TEMA: samsjuklighet\r\nperspektiv: Verksamheten\r\n*Kunskapslucka:* Vi saknar kunskap om samordnade insatser "
                + "för personer med både missbruk och psykisk ohälsa;\r\ndet märks när ärenden bollas mellan vården och oss.\r\n"
                + "Vad skulle hjalpa: Metodstöd\r\nNiva: lokal\r\nBradska: kan vanta\r\n\r\nMvh Eva\r\n\r\n"
                + "Från: FoU <fou@localhost>\r\nSkickat: den 23 november 2026 09:00\r\nÄmne: Kunskapsluckor och utmaningar 2027\r\n\r\n"
                + "Tema: våld och kriminalitet, omställningen\r\nKunskapslucka: vad saknas, och hur märks det i ert arbete?\r\n";
        MailAnswerReader.Read read = reader.read(body, "ostermalm");
        assertThat(read.answer().theme()).isEqualTo("samsjuklighet");
        assertThat(read.answer().perspective()).isEqualTo("verksamhet");
        assertThat(read.answer().text()).startsWith("Vi saknar kunskap om samordnade insatser").endsWith("bollas mellan vården och oss.");
        assertThat(read.answer().help()).isEqualTo("metodstod");
        assertThat(read.answer().level()).isEqualTo("lokal");
        assertThat(read.answer().urgency()).isEqualTo("lag");
        assertThat(read.answer().district()).isEqualTo("ostermalm");
        assertThat(read.unreadable()).isEmpty();
        assertThat(read.changing()).isNull();
    }

    @Test
    void aGmailReplyThatKeepsTheFormsHintAndChangesAnEntryIsReadForWhatWasWritten() {
        String body = "Ändrar: KL-2027-004\n\nTema: Ensamkommande ungas etablering\nPerspektiv: verksamhet eller klient/brukare\n"
                + "Kunskapslucka: vad saknas, och hur märks det i ert arbete? Vi vet för lite om vad som hjälper unga vuxna att "
                + "etablera sig efter 18.\nNivå: stadsövergripande eller lokal\n\n"
                + "Den mån 23 nov. 2026 kl 09:00 skrev FoU <fou@localhost>:\n> Tema: …\n";
        MailAnswerReader.Read read = reader.read(body, "spanga-tensta");
        assertThat(read.changing()).isEqualTo("kl-2027-004");
        assertThat(read.answer().theme()).isNull();
        assertThat(read.answer().ownTheme()).isEqualTo("Ensamkommande ungas etablering");
        assertThat(read.answer().text()).isEqualTo("Vi vet för lite om vad som hjälper unga vuxna att etablera sig efter 18.");
        assertThat(read.unreadable()).containsExactlyInAnyOrder("perspective", "level");
        assertThat(read.answer().perspective()).isNull();
    }

    @Test
    void aFormulaBehindCharactersThatShowNothingIsNoOwnTheme() {
        for (String hidden : List.of("\u200B", "\u00A0", "\u200B\u2060 ", "\uFEFF")) {
            MailAnswerReader.Read read = reader.read("Tema: " + hidden + "=HYPERLINK(\"http://example.com/x\";\"Klicka\")\n"
                    + "Kunskapslucka: Vi vet för lite om vad digitala möten betyder för unga vuxnas kontakt med oss.\n", "sodermalm");
            assertThat(read.answer().ownTheme()).as("behind %s", hidden.codePoints().mapToObj(Integer::toHexString).toList()).isNull();
            assertThat(read.unreadable()).contains("theme");
        }
        MailAnswerReader.Read own = reader.read("Tema: \u200BDigitala möten\nKunskapslucka: Vi vet för lite om digitala möten.\n", "sodermalm");
        assertThat(own.answer().ownTheme()).isEqualTo("Digitala möten");
    }

    @Test
    void anOwnThemeWrittenUnderAnnatTemaIsTheTheme() {
        // helper 106: the form offers "Annat tema", and a line of its own was "a heading I do not know"
        for (String line : List.of("Annat tema: Hemlöshet bland äldre", "Tema: annat tema – Hemlöshet bland äldre",
                "Tema: Annat tema: Hemlöshet bland äldre", "ANNAT TEMA:Hemlöshet bland äldre",
                // helper 107: the form's choice on its line and the own theme under its heading ran together
                "Tema: annat tema\nAnnat tema: Hemlöshet bland äldre")) {
            MailAnswerReader.Read read = reader.read(line + "\nKunskapslucka: Vi vet för lite om hemlösa äldres vardag.\n", "sodermalm");
            assertThat(read.answer().ownTheme()).as(line).isEqualTo("Hemlöshet bland äldre");
            assertThat(read.unknownHeadings()).as(line).isEmpty();
            assertThat(read.unreadable()).as(line).isEmpty();
        }
        for (String formula : List.of("Annat tema: =HYPERLINK(\"http://example.com/x\";\"x\")",
                "Tema: annat tema – \u200B=HYPERLINK(\"http://example.com/x\";\"x\")")) {
            assertThat(reader.read(formula + "\nKunskapslucka: Vi vet för lite.\n", "sodermalm").answer().ownTheme()).as(formula).isNull();
        }
    }

    @Test
    void anEnglishAnswerIsReadInTheEnglishOfEveryChoiceTheFormOffers() {
        // helper 121: "Perspective: client/user" was "I could not read this, so it is left empty: Perspective."
        java.util.Map<String, java.util.Map<String, String>> forms = java.util.Map.of(
                "Theme", java.util.Map.ofEntries(java.util.Map.entry("The shift to early and preventive work", "forebyggande"),
                        java.util.Map.entry("Staff supply and skills", "kompetensforsorjning"), java.util.Map.entry("Digitalisation", "digitalisering"),
                        java.util.Map.entry("Co-occurring conditions", "samsjuklighet"), java.util.Map.entry("Follow-up and evaluation", "uppfoljning"),
                        java.util.Map.entry("User involvement", "brukarinflytande"), java.util.Map.entry("Another theme", "ovrigt"),
                        java.util.Map.entry("other theme", "ovrigt"), java.util.Map.entry("violence", "vald-och-kriminalitet")),
                "Perspective", java.util.Map.ofEntries(java.util.Map.entry("client/user", "klient"), java.util.Map.entry("Client or user", "klient"),
                        java.util.Map.entry("the client's or user's perspective", "klient"), java.util.Map.entry("clients and users", "klient"),
                        java.util.Map.entry("user", "klient"), java.util.Map.entry("the client's", "klient"),
                        java.util.Map.entry("operation", "verksamhet"), java.util.Map.entry("operations", "verksamhet"),
                        java.util.Map.entry("the operation's perspective", "verksamhet"), java.util.Map.entry("the operation", "verksamhet")),
                "What would help", java.util.Map.ofEntries(java.util.Map.entry("Evaluation", "utvardering"), java.util.Map.entry("mapping", "kartlaggning"),
                        java.util.Map.entry("Literature overview", "kunskapsoversikt"), java.util.Map.entry("literature review", "kunskapsoversikt"),
                        java.util.Map.entry("research overview", "kunskapsoversikt"), java.util.Map.entry("knowledge overview", "kunskapsoversikt"),
                        java.util.Map.entry("Method support", "metodstod"), java.util.Map.entry("methods support", "metodstod"),
                        java.util.Map.entry("Training", "utbildning"), java.util.Map.entry("education", "utbildning")),
                "Level", java.util.Map.ofEntries(java.util.Map.entry("City-wide", "stadsovergripande"), java.util.Map.entry("citywide", "stadsovergripande"),
                        java.util.Map.entry("the whole city", "stadsovergripande"), java.util.Map.entry("whole city", "stadsovergripande"),
                        java.util.Map.entry("Local (our district)", "lokal"), java.util.Map.entry("local", "lokal"),
                        java.util.Map.entry("our district", "lokal")),
                "Urgency", java.util.Map.ofEntries(java.util.Map.entry("Urgent", "hog"), java.util.Map.entry("high", "hog"),
                        java.util.Map.entry("Within a year", "medel"), java.util.Map.entry("within one year", "medel"),
                        java.util.Map.entry("medium", "medel"), java.util.Map.entry("Can wait", "lag"), java.util.Map.entry("low", "lag")));
        java.util.List<String> unread = new java.util.ArrayList<>();
        forms.forEach((heading, answers) -> answers.forEach((written, id) -> {
            KnowledgeGapService.Answer a = reader.read(heading + ": " + written + "\nKnowledge gap: We lack knowledge of how "
                    + "young people are drawn into crime.\n", "bromma").answer();
            String got = switch (heading) {
                case "Theme" -> a.theme();
                case "Perspective" -> a.perspective();
                case "What would help" -> a.help();
                case "Level" -> a.level();
                default -> a.urgency();
            };
            if (!id.equals(got)) {
                unread.add(heading + ": " + written + " → " + got);
            }
        }));
        assertThat(unread).isEmpty();
        MailAnswerReader.Read read = reader.read("Theme: Violence and crime\nPerspective: client/user\nKnowledge gap: We do not know "
                + "which early interventions keep young people out of crime.\nWhat would help: literature overview\nLevel: city-wide\n"
                + "Urgency: can wait\n", "bromma");
        assertThat(read.unreadable()).isEmpty();
        assertThat(read.answer()).extracting(KnowledgeGapService.Answer::theme, KnowledgeGapService.Answer::perspective,
                KnowledgeGapService.Answer::help, KnowledgeGapService.Answer::level, KnowledgeGapService.Answer::urgency)
                .containsExactly("vald-och-kriminalitet", "klient", "kunskapsoversikt", "stadsovergripande", "lag");
    }

    @Test
    void remindersFallOnWorkingDaysCountedBackOverChristmasAndWeekends() {
        // deadline Monday 28 December 2026: back over the weekend, annandag jul, juldagen and julafton
        Round round = new Round("kl-x", 2027, null, LocalDate.of(2026, 12, 28), Instant.parse("2026-12-28T23:00:00Z"), Round.Status.OPEN,
                Recipient.slack("UCOORD"), Instant.parse("2026-11-23T08:00:00Z"), null, 0, 0, null);
        assertThat(reminders.at(round, 1)).isEqualTo(Instant.parse("2026-12-23T08:00:00Z"));
        assertThat(reminders.at(round, 5)).isEqualTo(Instant.parse("2026-12-17T08:00:00Z"));
    }

    @Test
    void aRoundOpenedInsideTheReminderWindowGetsOnlyTheStepsAfterItsOpeningAtStartUpAndFromTheScheduler() {
        // far ahead, so no other test's round takes answers at these instants
        Round draft = new Round("kl-2031-7", 2031, null, LocalDate.of(2031, 3, 17), Instant.parse("2031-03-17T23:00:00Z"), Round.Status.OPEN,
                Recipient.slack("UCOORD"), null, null, 0, 0, null);
        Instant fiveBefore = reminders.at(draft, 5);
        Instant oneBefore = reminders.at(draft, 1);
        Round round = new Round(draft.id(), 2031, null, draft.deadline(), draft.closesAt(), Round.Status.OPEN, Recipient.slack("UCOORD"),
                fiveBefore.plus(java.time.Duration.ofHours(1)), null, 0, 0, null);
        mongo.insert(round);
        try {
            // a start-up catch-up an hour after the opening: the step due before it is not sent
            clock.set(fiveBefore.plus(java.time.Duration.ofHours(2)));
            assertThat(reminders.sendDue()).isZero();
            assertThat(reminders.dueInstants(fiveBefore.minus(java.time.Duration.ofDays(1)), oneBefore.plus(java.time.Duration.ofDays(1))))
                    .containsExactly(oneBefore);
            // the step after the opening goes out as usual
            clock.set(oneBefore);
            assertThat(reminders.sendDue()).isPositive();
        } finally {
            mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("_id").is(round.id())),
                    org.springframework.data.mongodb.core.query.Update.update("status", Round.Status.CLOSED), Round.class);
        }
    }

    @Test
    void similarEntriesFromDifferentDistrictsAreGroupedButADistrictIsNeverGroupedOnlyWithItself() {
        GapGrouping grouping = new GapGrouping(analysis, 0.3);
        List<GapEntry> entries = List.of(
                entry("a", "bromma", "Vi saknar kunskap om vilka insatser som minskar risken att unga dras in i kriminalitet och gäng."),
                entry("b", "bromma", "Vi vet inte vilka insatser som minskar risken att unga dras in i kriminalitet och gängmiljöer."),
                entry("c", "farsta", "Hur påverkar digitala e-tjänster klienternas kontakt med socialtjänsten?"),
                entry("d", "kungsholmen", "Klienternas kontakt med socialtjänsten när e-tjänster och digitala möten ersätter besök."),
                entry("e", "norrmalm", "Introduktion av nyanställda socialsekreterare och personalomsättning."));
        List<List<String>> groups = grouping.group(entries).stream().map(g -> g.stream().map(GapEntry::id).toList()).toList();
        assertThat(groups).containsExactly(List.of("a"), List.of("b"), List.of("c", "d"), List.of("e"));
    }

    @Test
    void aContactsFileNamingAnUnknownDistrictOrABrokenAddressStopsTheStartWithTheFile() throws Exception {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/district-contacts.yaml"), "districts:\n  bromma: [fou.bromma@example.se]\n"
                + "  vasastan: [vasastan@example.se]\n  farsta: [inte en adress]\n");
        assertThatThrownBy(() -> DistrictContacts.load(FlowSource.fromDirectory(dir), Set.of("bromma", "farsta")))
                .isInstanceOf(FlowValidationException.class).hasMessageContaining("district-contacts.yaml")
                .hasMessageContaining("'vasastan' is not a district").hasMessageContaining("'inte en adress' of farsta is not a mail address");
    }

    @Test
    void theOutcomeSaysOneOtherDistrictInTheSingularAndSeveralInThePlural() {
        Round round = new Round("kl-x", 2027, null, LocalDate.of(2026, 12, 28), Instant.parse("2026-12-28T23:00:00Z"), Round.Status.CLOSED,
                Recipient.slack("UCOORD"), Instant.parse("2026-11-23T08:00:00Z"), null, 0, 0, null);
        GapEntry a = entry("a", "bromma", "Vi saknar kunskap om unga och gäng.");
        GapEntry b = entry("b", "farsta", "Vi vet inte hur e-tjänsterna fungerar.");
        GapGroup two = new GapGroup("kl-x-g01", "kl-x", "ovrigt", List.of("a", "x"), List.of("bromma", "kungsholmen"), true,
                GapGroup.Decision.LATER, null, null, null, null);
        GapGroup three = new GapGroup("kl-x-g02", "kl-x", "ovrigt", List.of("b", "y", "z"), List.of("farsta", "bromma", "skarholmen"), true,
                GapGroup.Decision.LATER, null, null, null, null);
        java.util.Map<String, GapGroup> groupOf = java.util.Map.of("a", two, "b", three);
        String sv = outcomes.text(round, "bromma", List.of(a, b), groupOf, se.foubot.conversation.Language.SV, false);
        // helper 121: "från 1 annan förvaltning" is written "från en annan förvaltning"
        assertThat(sv).contains("Samma kunskapslucka kom också från en annan förvaltning.")
                .contains("Samma kunskapslucka kom också från 2 andra förvaltningar.").doesNotContain("1 andra").doesNotContain("1 annan");
        String en = outcomes.text(round, "bromma", List.of(a, b), groupOf, se.foubot.conversation.Language.EN, false);
        assertThat(en).contains("The same knowledge gap also came from one other district.")
                .contains("The same knowledge gap also came from 2 other districts.");
    }

    private static GapEntry entry(String id, String district, String text) {
        return new GapEntry(id, "kl-x", id, GapEntry.Source.SLACK, district, Recipient.slack("U" + id), "ovrigt", null, true, null, text,
                null, null, null, null, Instant.EPOCH, Instant.EPOCH, null);
    }
}

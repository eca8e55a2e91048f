package se.foubot.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.Language;

class TextAnalysisTest {

    private static TextAnalysis analysis;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadTheLanguageFilesOnce() {
        analysis = TextAnalysis.load(FlowSource.fromDirectory(Path.of("conversation-flows")));
    }

    private static List<String> sv(String text) {
        return analysis.terms(text, Language.SV);
    }

    @Test
    void aTextTellsItsLanguageByItsCommonWordsAndNothingWhenItHasNone() {
        assertThat(analysis.evidence("We need help with the survey of our users")).contains(Language.EN);
        assertThat(analysis.evidence("Vi behöver hjälp med enkäten till brukarna")).contains(Language.SV);
        assertThat(analysis.evidence("Tack för hjälpen")).as("å, ä, ö alone are Swedish").contains(Language.SV);
        assertThat(analysis.evidence("cancel FOU-2026-0042")).isEmpty();
        assertThat(analysis.evidence("ok")).isEmpty();
        assertThat(analysis.evidence(null)).isEmpty();
        assertThat(analysis.guess("cancel FOU-2026-0042")).as("Swedish when it cannot tell").isEqualTo(Language.SV);
    }

    @Test
    void aCompoundIsAlsoReadAsItsParts() {
        assertThat(sv("ansökningsdagen")).containsAll(sv("ansökan")).containsAll(sv("dag"));
        assertThat(sv("uppföljningsmallen")).containsAll(sv("uppföljning")).containsAll(sv("mall"));
    }

    @Test
    void inflectedFormsReadTheSame() {
        assertThat(sv("stänger")).hasSameElementsAs(sv("stängs"));
        assertThat(sv("utvärderingen")).hasSameElementsAs(sv("utvärdera"));
        assertThat(sv("studieresor")).hasSameElementsAs(sv("studieresa"));
    }

    @Test
    void synonymsFromTheDataBecomeTheFirstWordOfTheirGroup() {
        List<String> deadline = sv("deadline");
        assertThat(sv("sista dag")).isEqualTo(deadline);
        assertThat(sv("när stänger ansökan")).containsAll(deadline);
        assertThat(sv("senast")).isEqualTo(deadline);
        assertThat(sv("lokala utvecklingsmedel")).contains(sv("LUM").get(0));
        assertThat(analysis.terms("last day", Language.EN)).isEqualTo(analysis.terms("deadline", Language.EN));
    }

    @Test
    void questionWordsStayWhileOtherStopWordsGo() {
        assertThat(sv("När är sista ansökningsdag för MUL?")).contains("nar").doesNotContain("ar", "for");
        assertThat(sv("Vem kan söka?")).contains("vem");
        assertThat(sv("Vad är FoU-stöd inte?")).contains("vad", "int");
    }

    @Test
    void peopleWhoWriteWithoutÅÄÖAreReadTheSame() {
        assertThat(sv("nar stanger ansokan om mul")).isEqualTo(sv("när stänger ansökan om MUL"));
    }

    @Test
    void englishIsReadWithEnglishAnalysis() {
        assertThat(analysis.terms("applications", Language.EN)).isEqualTo(analysis.terms("apply", Language.EN));
        assertThat(analysis.terms("What does LUM stand for?", Language.EN)).containsAll(analysis.terms("meaning", Language.EN));
    }

    @Test
    void similarTextsRankTheClosestFirstAndScoreUnrelatedTextLow() {
        SimilarTexts<String> texts = SimilarTexts.of(analysis, Language.SV, List.of(
                Map.entry("deadline", "När stänger ansökan om LUM?"),
                Map.entry("amount", "Hur mycket kan ett projekt få?"),
                Map.entry("forum", "Vad är FoU-forum?")));
        List<SimilarTexts.Match<String>> nearest = texts.nearest("sista ansökningsdag för LUM", 3);
        assertThat(nearest.get(0).key()).isEqualTo("deadline");
        assertThat(nearest.get(0).similarity()).isGreaterThan(0.5);
        assertThat(texts.nearest("Var ligger närmaste apotek?", 3)).isEmpty();
    }

    private List<String> problemsOf(String swedish) throws IOException {
        Files.createDirectories(dir.resolve("language"));
        Files.writeString(dir.resolve("language/sv.yaml"), swedish);
        try {
            TextAnalysis.load(FlowSource.fromDirectory(dir));
            return List.of();
        } catch (FlowValidationException e) {
            return e.problems().stream().map(p -> p.file().replaceAll(".*/", "") + ":" + p.line() + ": " + p.reason()).toList();
        }
    }

    @Test
    void mistakesInALanguageFileAreReportedWithFileAndLine() throws IOException {
        assertThat(problemsOf("""
                language: sv
                stemmer: porter
                stop-words:
                  keep: [när, hund]
                compound-parts: [ansökan, x]
                synonyms:
                  - [sista dag, deadline]
                  - [ensam]
                """)).anySatisfy(line -> assertThat(line).startsWith("sv.yaml:2: unknown stemmer 'porter' for sv (known: snowball, light, minimal)"))
                .anySatisfy(line -> assertThat(line).startsWith("sv.yaml:8: a synonym group needs at least two entries"));
    }

    @Test
    void aSynonymGroupLedByAPhraseOrAWordInTwoGroupsIsRefused() throws IOException {
        assertThat(problemsOf("""
                language: sv
                stemmer: light
                stop-words:
                  keep: [när, hund]
                compound-parts: [ansökan, x]
                synonyms:
                  - [sista dag, deadline]
                  - [ansökan, ansöka]
                  - [blankett, ansöka]
                """)).extracting(line -> line.substring(0, line.indexOf(": "))).containsExactlyInAnyOrder(
                        "sv.yaml:4", "sv.yaml:5", "sv.yaml:7", "sv.yaml:9");
    }
}

package se.foubot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

import se.foubot.FouBotApplication;
import se.foubot.conversation.FlowProblem;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.Language;
import se.foubot.grants.GrantCalendar;
import se.foubot.language.TextAnalysis;
import se.foubot.support.MutableClock;

class KnowledgeBaseTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final FlowSource FLOWS = FlowSource.fromDirectory(Path.of("conversation-flows"));
    private static TextAnalysis analysis;
    private static GrantCalendar calendar;

    @TempDir
    Path dir;

    private static final String VALID = """
            id: demo
            title: {sv: Demo, en: Demo}
            questions:
              sv: ["Vad är demo?", "Vad betyder demo?", "Berätta om demo"]
              en: ["What is demo?", "What does demo mean?"]
            answer:
              sv: Ansökan stänger {date:call-closes}.
              en: The call closes on {date:call-closes}.
            sources: [arsrapport-fou-2023]
            year: 2023
            """;

    @BeforeAll
    static void loadOnce() {
        analysis = TextAnalysis.load(FLOWS);
        calendar = GrantCalendar.load(FLOWS);
    }

    private static KnowledgeBase knowledgeOn(String instant) {
        return KnowledgeBase.load(FLOWS, analysis, calendar, new MutableClock(Instant.parse(instant)), STOCKHOLM);
    }

    @Test
    void theLastDayToApplyComesFromTheGrantCalendarWithItsSourceAndYear() {
        KnowledgeAnswer answer = knowledgeOn("2026-11-23T09:00:00Z").answer("När är sista ansökningsdag för MUL?", Language.SV);
        assertThat(answer).isInstanceOfSatisfying(KnowledgeAnswer.Confident.class, a -> {
            assertThat(a.topic().id()).isEqualTo("sista-dag");
            assertThat(a.answer()).startsWith("Utlysningen av LUM och MUL stänger fredag 10 september 2027.");
            assertThat(a.source()).startsWith("Källa: Inriktning av medel för lokala utvecklingsprojekt och studieresor 2022")
                    .endsWith("Gäller 2027.");
        });
    }

    @Test
    void theYearAnAnswerHoldsForAgreesWithTheDatesItShows() {
        for (Topic topic : knowledgeOn("2026-12-02T09:00:00Z").topics()) {
            KnowledgeAnswer.Confident a = knowledgeOn("2026-12-02T09:00:00Z").answerOf(topic.id(), Language.SV).orElseThrow();
            java.util.regex.Matcher shown = java.util.regex.Pattern.compile("\\b(\\d{1,2}) [a-zé]+ (20\\d\\d)\\b").matcher(a.answer());
            while (shown.find()) {
                assertThat(a.source()).as(topic.id()).endsWith("Gäller " + shown.group(2) + ".");
            }
        }
    }

    @Test
    void theDateFollowsTheClockIntoTheNextYear() {
        KnowledgeAnswer before = knowledgeOn("2027-09-09T09:00:00Z").answer("När stänger ansökan om LUM?", Language.SV);
        KnowledgeAnswer after = knowledgeOn("2027-09-11T09:00:00Z").answer("När stänger ansökan om LUM?", Language.SV);
        assertThat(((KnowledgeAnswer.Confident) before).answer()).contains("fredag 10 september 2027");
        assertThat(((KnowledgeAnswer.Confident) after).answer()).contains("söndag 10 september 2028");
    }

    @Test
    void englishQuestionsGetEnglishAnswersWithAmountsFromTheCalendar() {
        KnowledgeAnswer answer = knowledgeOn("2026-11-23T09:00:00Z").answer("How much can a LUM project get?", Language.EN);
        assertThat(answer).isInstanceOfSatisfying(KnowledgeAnswer.Confident.class, a -> {
            assertThat(a.answer()).contains("SEK 500,000 a year").contains("SEK 25,000");
            assertThat(a.source()).startsWith("Source: ").endsWith("Holds for 2022.");
        });
        assertThat(((KnowledgeAnswer.Confident) knowledgeOn("2026-11-23T09:00:00Z").answer("Hur mycket kan ett LUM-projekt få?",
                Language.SV)).answer()).contains("500 000 kr per år");
    }

    @Test
    void aQuestionWrittenWithoutÅÄÖIsReadAsWithThem() {
        KnowledgeBase knowledge = knowledgeOn("2026-12-02T09:00:00Z");
        for (String question : List.of("vad ar lum", "vad ar lum?", "Vad är LUM?")) {
            assertThat(knowledge.answer(question, Language.SV)).as(question)
                    .isInstanceOfSatisfying(KnowledgeAnswer.Confident.class, a -> assertThat(a.topic().id()).isEqualTo("lum"));
        }
    }

    @Test
    void reportingEveryYearIsAboutReportingNotAboutHowLongAProjectRuns() {
        KnowledgeAnswer answer = knowledgeOn("2026-12-02T09:00:00Z").answer("måste vi redovisa projektet varje år?", Language.SV);
        assertThat(answer).isInstanceOfSatisfying(KnowledgeAnswer.Confident.class,
                a -> assertThat(a.topic().id()).isEqualTo("redovisning"));
    }

    @Test
    void whenUnsureItOffersAtMostThreeNearbyTopics() {
        KnowledgeAnswer answer = knowledgeOn("2026-11-23T09:00:00Z").answer("Hur många LUM-projekt beviljades 2019?", Language.SV);
        assertThat(answer).isInstanceOfSatisfying(KnowledgeAnswer.Unsure.class, u -> {
            assertThat(u.nearest()).hasSizeBetween(1, 3);
            assertThat(u.nearest().get(0).topicId()).isEqualTo("hur-manga-projekt");
            assertThat(u.nearest().get(0).title()).isEqualTo("Hur många projekt och resor en förvaltning kan få");
        });
    }

    @Test
    void aSingleWordOrSomethingElseIsNotAnswered() {
        KnowledgeBase kb = knowledgeOn("2026-11-23T09:00:00Z");
        assertThat(kb.answer("hjälp", Language.SV)).isNotInstanceOf(KnowledgeAnswer.Confident.class);
        assertThat(kb.answer("Var ligger närmaste apotek?", Language.SV)).isInstanceOf(KnowledgeAnswer.NoMatch.class);
        assertThat(kb.answer("", Language.SV)).isInstanceOf(KnowledgeAnswer.NoMatch.class);
    }

    @Test
    void aChosenTopicIsAnsweredInThePersonsLanguage() {
        assertThat(knowledgeOn("2026-11-23T09:00:00Z").answerOf("aterbetalning", Language.EN)).hasValueSatisfying(
                a -> assertThat(a.text()).contains("at the latest on Monday 7 June 2027").contains("Source: "));
    }

    @Test
    void everyPackagedTopicRendersInBothLanguagesWithoutLeftOverPlaceholders() {
        KnowledgeBase kb = KnowledgeBase.load(FlowSource.fromClasspath(), analysis, calendar,
                new MutableClock(Instant.parse("2026-11-23T09:00:00Z")), STOCKHOLM);
        assertThat(kb.topics()).hasSizeGreaterThanOrEqualTo(20);
        for (Topic t : kb.topics()) {
            for (Language language : Language.values()) {
                String text = kb.answerOf(t.id(), language).orElseThrow().text();
                assertThat(text).as(t.id() + " " + language).doesNotContain("{").doesNotContain("}").doesNotContain("null");
            }
        }
    }

    private List<String> problemsOf(String fileName, String content) throws IOException {
        Files.createDirectories(dir.resolve("knowledge"));
        Files.writeString(dir.resolve("knowledge").resolve(fileName), content);
        try {
            KnowledgeLoader.load(FlowSource.fromDirectory(dir), new AnswerPlaceholders(calendar, java.time.Clock.systemUTC(), STOCKHOLM));
            return List.of();
        } catch (FlowValidationException e) {
            return e.problems().stream().map(p -> p.file().replaceAll(".*/", "") + ":" + p.line() + ": " + p.reason()).toList();
        }
    }

    @Test
    void aValidTopicLoads() throws IOException {
        assertThat(problemsOf("demo.yaml", VALID)).isEmpty();
    }

    @Test
    void aDateCopiedIntoAnAnswerIsRefusedWithFileAndLine() throws IOException {
        assertThat(problemsOf("demo.yaml", VALID.replace("{date:call-closes}.\n  en", "10 september.\n  en")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("demo.yaml:7: answer (sv) of topic demo: '10 september' is copied into the answer");
    }

    @Test
    void unknownPlaceholdersSourcesAndTooFewQuestionsAreAllReportedAtOnce() throws IOException {
        String broken = VALID.replace("{date:call-closes}.\n  en", "{date:call-kloses}.\n  en")
                .replace("[arsrapport-fou-2023]", "[arsrapport-2099]")
                .replace("en: [\"What is demo?\", \"What does demo mean?\"]", "en: [\"What is demo?\"]")
                .replace("id: demo", "id: Demo");
        assertThat(problemsOf("demo.yaml", broken)).hasSize(5).anySatisfy(p -> assertThat(p).contains("{date:call-kloses} names no event"))
                .anySatisfy(p -> assertThat(p).contains("unknown source 'arsrapport-2099'"))
                .anySatisfy(p -> assertThat(p).contains("needs at least 2 questions in 'en'"))
                .anySatisfy(p -> assertThat(p).contains("must be its file name ('demo')"))
                .anySatisfy(p -> assertThat(p).contains("lower-case words joined by dashes"));
    }

    @Test
    void theBotRefusesToStartWithABrokenTopicAndSaysWhere() throws IOException {
        Files.createDirectories(dir.resolve("lists"));
        Files.createDirectories(dir.resolve("knowledge"));
        for (String folder : List.of("", "lists")) {
            try (Stream<Path> flows = Files.list(Path.of("conversation-flows").resolve(folder))) {
                for (Path f : flows.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                    Files.copy(f, dir.resolve(folder).resolve(f.getFileName()));
                }
            }
        }
        Files.writeString(dir.resolve("knowledge/demo.yaml"), VALID.replace("{date:call-closes}.\n  en", "{amount:max-amount}.\n  en"));
        SpringApplication app = FouBotApplication.commandLineApplication();
        assertThatThrownBy(() -> app.run("--foubot.conversation.flows-dir=" + dir, "--foubot.store.data-dir=" + dir.resolve("data")))
                .hasRootCauseInstanceOf(FlowValidationException.class)
                .rootCause().hasMessageContaining("demo.yaml:7: answer (sv) of topic demo: {amount:max-amount} names no rule");
    }

    @Test
    void problemsNameTheirFile() {
        assertThat(new FlowProblem("knowledge/demo.yaml", 7, "x")).hasToString("knowledge/demo.yaml:7: x");
    }
}

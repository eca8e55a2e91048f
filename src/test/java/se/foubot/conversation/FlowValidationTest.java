package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

import se.foubot.FouBotApplication;

class FlowValidationTest {

    private static final Set<String> OUTCOMES = Set.of("create-support-request", "record-task-answer", "check-grant-application",
            "record-knowledge-gap");

    @TempDir
    Path dir;

    private static final String VALID = """
            id: demo
            title: {sv: Demo, en: Demo}
            triggers:
              words: {sv: [demo]}
            outcome: create-support-request
            done: {sv: Klart, en: Done}
            steps:
              - id: first
                type: text
                text: {sv: "Första?", en: "First?"}
              - id: second
                type: yes-no
                text: {sv: "Andra?", en: "Second?"}
            """;

    private List<FlowProblem> problemsOf(String fileName, String content) throws IOException {
        Files.writeString(dir.resolve(fileName), content);
        try {
            FlowCatalog.load(FlowSource.fromDirectory(dir), OUTCOMES);
            return List.of();
        } catch (FlowValidationException e) {
            return e.problems();
        }
    }

    @Test
    void aValidFlowLoads() throws IOException {
        assertThat(problemsOf("demo.yaml", VALID)).isEmpty();
    }

    @Test
    void anUnknownStepReferenceNamesFileLineAndStep() throws IOException {
        String broken = VALID.replace("    type: text\n", "    type: text\n    next: thrid\n");
        assertThat(problemsOf("demo.yaml", broken)).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("demo.yaml");
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.reason()).contains("unknown step 'thrid'");
        });
    }

    @Test
    void aMailFieldNamingNoStepOrGivingNoAnswerWordsToARequiredStepIsRefused() throws IOException {
        String broken = VALID + "by-mail:\n  frist: {}\n  second:\n    none: {sv: [ingen]}\n";
        assertThat(problemsOf("demo.yaml", broken)).extracting(FlowProblem::reason).satisfiesExactlyInAnyOrder(
                r -> assertThat(r).contains("names step 'frist'"), r -> assertThat(r).contains("the step is not optional"));
        assertThat(problemsOf("demo.yaml", VALID + "by-mail:\n  first: {labels: [Fråga]}\n")).isEmpty();
    }

    @Test
    void openingWordsMustNameATextStepOfTheFlow() throws IOException {
        assertThat(problemsOf("demo.yaml", VALID + "opening-words: first\n")).isEmpty();
        assertThat(problemsOf("demo.yaml", VALID + "opening-words: second\n")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(14);
            assertThat(p.reason()).contains("opening-words").contains("'second', which is no text step");
        });
        assertThat(problemsOf("demo.yaml", VALID + "opening-words: thrid\n")).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("'thrid'"));
    }

    @Test
    void aMissingSwedishTextIsRefusedAtItsLine() throws IOException {
        String broken = VALID.replace("text: {sv: \"Andra?\", en: \"Second?\"}", "text: {en: \"Second?\"}");
        assertThat(problemsOf("demo.yaml", broken)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(13);
            assertThat(p.reason()).contains("no Swedish text");
        });
    }

    @Test
    void duplicateStepAndFlowIdsAreRefused() throws IOException {
        String twice = VALID.replace("id: second", "id: first");
        assertThat(problemsOf("demo.yaml", twice)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(11);
            assertThat(p.reason()).contains("duplicate step id 'first'");
        });
        Files.writeString(dir.resolve("demo.yaml"), VALID);
        assertThat(problemsOf("other.yaml", VALID)).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("other.yaml");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.reason()).contains("duplicate flow id 'demo'").contains("demo.yaml");
        });
    }

    @Test
    void anUnknownAnswerTypeListsTheKnownOnes() throws IOException {
        String broken = VALID.replace("type: yes-no", "type: yesno");
        assertThat(problemsOf("demo.yaml", broken)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(12);
            assertThat(p.reason()).contains("unknown answer type 'yesno'").contains("yes-no");
        });
    }

    @Test
    void anUnknownOutcomeIsRefused() throws IOException {
        String broken = VALID.replace("outcome: create-support-request", "outcome: send-flowers");
        assertThat(problemsOf("demo.yaml", broken)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.reason()).contains("unknown outcome 'send-flowers'");
        });
    }

    @Test
    void mistypedKeysBrokenYamlAndBadBranchesAreReported() throws IOException {
        assertThat(problemsOf("demo.yaml", VALID.replace("    type: text\n", "    type: text\n    optinal: true\n")))
                .singleElement().satisfies(p -> assertThat(p.reason()).contains("unknown key 'optinal'"));
        assertThat(problemsOf("demo.yaml", VALID + "  - id: [broken\n"))
                .singleElement().satisfies(p -> assertThat(p.reason()).contains("not valid YAML"));
        assertThat(problemsOf("demo.yaml", VALID + "    branches: {maybe: first}\n"))
                .singleElement().satisfies(p -> assertThat(p.reason()).contains("branches on 'maybe'"));
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws IOException {
        String broken = VALID.replace("type: yes-no", "type: yesno").replace("outcome: create-support-request",
                "outcome: nothing");
        assertThat(problemsOf("demo.yaml", broken)).hasSize(2);
    }

    @Test
    void theBotRefusesToStartWithABrokenFlowAndSaysWhere() throws IOException {
        Files.writeString(dir.resolve("demo.yaml"), VALID.replace("type: yes-no", "type: yesno"));
        SpringApplication app = FouBotApplication.commandLineApplication();
        assertThatThrownBy(() -> app.run("--foubot.conversation.flows-dir=" + dir,
                "--foubot.store.data-dir=" + dir.resolve("data")))
                .hasRootCauseInstanceOf(FlowValidationException.class)
                .rootCause().hasMessageContaining("demo.yaml:12: step 'second' has unknown answer type 'yesno'");
    }

    @Test
    void thePackagedFlowsAreValid() {
        assertThat(FlowCatalog.load(FlowSource.fromClasspath(), OUTCOMES).flow("intake")).isPresent();
        assertThat(FlowCatalog.load(FlowSource.fromDirectory(Path.of("conversation-flows")), OUTCOMES).flows())
                .extracting(Flow::id).contains("intake");
    }
}

package se.foubot.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.foubot.conversation.FlowSource;
import se.foubot.conversation.FlowValidationException;
import se.foubot.conversation.Language;
import se.foubot.conversation.TextNormalizer;
import se.foubot.language.TextAnalysis;
import se.foubot.support.EvaluationSets;
import se.foubot.support.EvaluationSets.Phrasing;

/**
 * The commands of the knowledge base's evaluation set ({@code command:<name>}), as the chat reads them: the command's
 * own word, the command said in other words ({@code rules/commands.yaml}), or a phrase that starts a conversation.
 * Prints how many are understood. The phrasings file was written with the examples in view, so this is a
 * check, not a held-out measure.
 */
class CommandPhrasingsTest {

    private static final FlowSource FLOWS = FlowSource.fromDirectory(Path.of("conversation-flows"));
    private static final Set<String> OWN_WORDS = Set.of("status", "forum", "hjalp", "help", "avbryt", "cancel");

    @TempDir
    Path dir;

    @Test
    void everyCommandOfTheEvaluationSetIsUnderstoodAsThatCommand() {
        TextAnalysis analysis = TextAnalysis.load(FLOWS);
        CommandPhrasings phrasings = CommandPhrasings.load(FLOWS, analysis);
        List<String> intakeWords = intakeWords();
        List<Phrasing> commands = EvaluationSets.knowledgePhrasings().stream().filter(p -> p.expect().startsWith("command:")).toList();
        List<String> wrong = new ArrayList<>();
        for (Phrasing p : commands) {
            String understood = understood(p, phrasings, intakeWords).orElse("nothing");
            if (!("command:" + understood).equals(p.expect())) {
                wrong.add(p.language().code() + " " + p.say() + " → " + understood + " (expected " + p.expect() + ")");
            }
        }
        System.out.printf("Commands in other words: %d of %d understood as the right command%n", commands.size() - wrong.size(),
                commands.size());
        wrong.forEach(w -> System.out.println("  WRONG " + w));
        assertThat(commands).hasSizeGreaterThanOrEqualTo(10);
        assertThat(wrong).isEmpty();
    }

    @Test
    void questionsAndSmallTalkAreNoCommand() {
        CommandPhrasings phrasings = CommandPhrasings.load(FLOWS, TextAnalysis.load(FLOWS));
        for (String text : List.of("När är sista ansökningsdag för MUL?", "Vad är FoU-forum?", "hej", "tack så mycket!",
                "Vem kan söka MUL?", "Vad står LUM för?")) {
            assertThat(phrasings.command(text, Language.SV)).as(text).isEmpty();
        }
    }

    @Test
    void aQuestionAboutTheDeadlineIsNeverAWishToBeReminded() {
        CommandPhrasings phrasings = CommandPhrasings.load(FLOWS, TextAnalysis.load(FLOWS));
        for (String text : List.of("när stänger lum?", "när stänger mul", "sista dag lum?", "deadline MUL",
                "sista dag att söka mul?", "när skickar ni påminnelser om LUM?", "när stänger ansökan om MUL")) {
            assertThat(phrasings.command(text, Language.SV)).as(text).isEmpty();
        }
    }

    @Test
    void anExplicitWishToBeRemindedIsTheSubscription() {
        CommandPhrasings phrasings = CommandPhrasings.load(FLOWS, TextAnalysis.load(FLOWS));
        for (String text : List.of("jag vill bevaka MUL", "bevaka lum", "påminn mig om LUM", "jag vill ha påminnelser",
                "jag vill gärna få mejl innan lum stänger", "kan du påminna mig innan MUL stänger?")) {
            assertThat(phrasings.command(text, Language.SV)).as(text).hasValueSatisfying(c -> assertThat(c).startsWith("bevakning "));
        }
        assertThat(phrasings.command("remind me about the MUL deadline", Language.SV)).as("English to a Swedish conversation")
                .hasValueSatisfying(c -> assertThat(c).startsWith("bevakning "));
    }

    @Test
    void aBrokenPhrasingsFileStopsStartUpWithFileAndLine() throws IOException {
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/commands.yaml"), """
                similarity: 0.6
                shared-terms: 2
                commands:
                  status:
                    en: ["show my requests"]
                    fr: ["mes demandes"]
                """);
        assertThatThrownBy(() -> CommandPhrasings.load(FlowSource.fromDirectory(dir), TextAnalysis.load(FLOWS)))
                .isInstanceOf(FlowValidationException.class)
                .hasMessageContaining("commands.yaml:5").hasMessageContaining("unknown key 'fr'")
                .hasMessageContaining("no Swedish phrasings");
    }

    /** As the chat reads it: own words first, then other words, then what starts a conversation ("stöd"). */
    private static Optional<String> understood(Phrasing p, CommandPhrasings phrasings, List<String> intakeWords) {
        String own = TextNormalizer.normalize(p.say());
        if (OWN_WORDS.contains(own)) {
            return Optional.of(switch (own) {
                case "hjalp", "help" -> "hjälp";
                case "cancel" -> "avbryt";
                default -> own;
            });
        }
        Optional<String> said = phrasings.command(p.say(), p.language());
        if (said.isPresent()) {
            return Optional.of(said.get().equals("bevakning av") ? "avsluta" : said.get().split(" ")[0]);
        }
        String text = " " + own + " ";
        return intakeWords.stream().anyMatch(w -> text.contains(" " + TextNormalizer.normalize(w) + " ")) ? Optional.of("stöd")
                : Optional.empty();
    }

    /** The words that start the intake ("stöd", "behöver hjälp", …), as its flow file says. */
    @SuppressWarnings("unchecked")
    private static List<String> intakeWords() {
        String intake = FLOWS.flows().stream().filter(f -> f.name().endsWith("intake.yaml")).findFirst().orElseThrow().content();
        java.util.Map<String, Object> flow = new org.yaml.snakeyaml.Yaml().load(intake);
        java.util.Map<String, Object> words = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) flow.get("triggers")).get("words");
        List<String> all = new ArrayList<>((List<String>) words.get("sv"));
        all.addAll((List<String>) words.get("en"));
        return all;
    }
}

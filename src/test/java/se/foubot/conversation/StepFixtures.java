package se.foubot.conversation;

import java.util.List;
import java.util.Map;

/** Steps with realistic data for narrow tests of answer reading. */
final class StepFixtures {

    private StepFixtures() {
    }

    static final List<ChoiceOption> DISTRICTS = List.of(
            option("bromma", "Bromma"),
            option("enskede-arsta-vantor", "Enskede-Årsta-Vantör", "Enskede", "Årsta", "Vantör"),
            option("hagersten-alvsjo", "Hägersten-Älvsjö", "Hägersten-Liljeholmen", "Liljeholmen", "Älvsjö"),
            option("hasselby-vallingby", "Hässelby-Vällingby"),
            option("skarholmen", "Skärholmen"),
            option("skarpnack", "Skarpnäck"),
            option("sodermalm", "Södermalm", "Söder"),
            option("ostermalm", "Östermalm"),
            new ChoiceOption("socialforvaltningen",
                    LocalizedText.of("Socialförvaltningen (central)", "Social Administration (central)"),
                    List.of("Socialförvaltningen")));

    static ChoiceOption option(String id, String sv, String... aliases) {
        return new ChoiceOption(id, LocalizedText.of(sv, null), List.of(aliases));
    }

    static Step step(AnswerType type) {
        return new Step("s", type, LocalizedText.of("?", "?"), null, null, Map.of(), false, null, Map.of(), null, null,
                null, null, false, type == AnswerType.CHOICE ? DISTRICTS : List.of(), null, List.of(), 1);
    }

    static Step text(int min, int max) {
        return new Step("s", AnswerType.TEXT, LocalizedText.of("?", "?"), null, null, Map.of(), false, null, Map.of(),
                min, max, null, null, false, List.of(), null, List.of(), 1);
    }

    static Step number(long min, long max) {
        return new Step("s", AnswerType.NUMBER, LocalizedText.of("?", "?"), null, null, Map.of(), false, null, Map.of(),
                null, null, min, max, false, List.of(), null, List.of(), 1);
    }

    static Step futureDate() {
        return new Step("s", AnswerType.DATE, LocalizedText.of("?", "?"), null, null, Map.of(), false, null, Map.of(),
                null, null, null, null, true, List.of(), null, List.of(), 1);
    }
}

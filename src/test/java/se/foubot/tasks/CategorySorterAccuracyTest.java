package se.foubot.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.foubot.conversation.FlowSource;
import se.foubot.support.EvaluationSets;
import se.foubot.support.EvaluationSets.Request;

/**
 * The sorter measured on two sets kept apart in {@code src/test/resources/sorting/}: the tuning set the rules
 * are written against, and a held-out set of requests written as district staff write them, never used to
 * tune. Manual triage counts as a miss wherever a person would choose a category. Prints both figures.
 */
class CategorySorterAccuracyTest {

    record Score(double percent, List<String> wrong) {
    }

    private static CategorySorter sorter;

    @BeforeAll
    static void loadTheRulesOnce() {
        sorter = CategorySorter.load(FlowSource.fromDirectory(Path.of("conversation-flows")));
    }

    @Test
    void sortsAtLeastNinetyPercentOfTheTuningRequestsRight() {
        List<Request> cases = EvaluationSets.sortingRequests("tuning.yaml");
        Score score = score(sorter, cases);
        System.out.printf("Category sorting, tuning set: %.1f %% right (%d requests)%n", score.percent(), cases.size());
        score.wrong().forEach(System.out::println);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        assertThat(score.percent()).as("tuning set; wrong:\n" + String.join("\n", score.wrong())).isGreaterThanOrEqualTo(90.0);
    }

    @Test
    void sortsAtLeastNinetyPercentOfTheHeldOutRequestsRight() {
        List<Request> cases = EvaluationSets.sortingRequests("held-out.yaml");
        Score score = score(sorter, cases);
        System.out.printf("Category sorting, held-out set: %.1f %% right (%d requests, manual triage counted as a miss)%n",
                score.percent(), cases.size());
        // only the figure per category: the misses are not printed, so that nobody tunes the rules against them
        System.out.println(perCategory(cases));
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60).noneMatch(c -> c.category().equals("triage"));
        assertThat(score.percent()).as("held-out set (misses deliberately not shown)").isGreaterThanOrEqualTo(90.0);
    }

    @Test
    void aTieOrAWeakSignalGoesToManualTriage() {
        assertThat(sorter.sort("statistik").needsTriage()).isTrue();
        assertThat(sorter.sort("uppföljning och implementering").needsTriage()).isTrue();
    }

    @Test
    void aSurveyInAWordIsFollowUpInEitherLanguage() {
        for (String word : List.of("brukarundersökning", "enkät", "survey", "follow-up indicators")) {
            assertThat(sorter.sort(word).category()).as(word).isEqualTo("uppfoljning");
        }
    }

    private static String perCategory(List<Request> cases) {
        Map<String, int[]> counts = new java.util.TreeMap<>();
        for (Request c : cases) {
            CategorySorter.Sorting s = sorter.sort(c.text());
            int[] n = counts.computeIfAbsent(c.category(), k -> new int[2]);
            n[1]++;
            if (c.category().equals(s.category())) {
                n[0]++;
            }
        }
        StringBuilder b = new StringBuilder();
        counts.forEach((category, n) -> b.append(String.format("  %-14s %d of %d%n", category, n[0], n[1])));
        return b.toString().stripTrailing();
    }

    static Score score(CategorySorter sorter, List<Request> cases) {
        List<String> wrong = new ArrayList<>();
        for (Request c : cases) {
            CategorySorter.Sorting s = sorter.sort(c.text());
            String got = s.needsTriage() ? "triage" : s.category();
            if (!got.equals(c.category())) {
                wrong.add(String.format("  %-14s expected %-14s (score %.1f): %s", got, c.category(), s.score(), c.text()));
            }
        }
        return new Score(100.0 * (cases.size() - wrong.size()) / cases.size(), wrong);
    }

}

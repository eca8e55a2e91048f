package se.foubot.forum.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import se.foubot.forum.MeetingPlan;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.support.HostileText;

/**
 * The FoU-forum planning form, filled in any way: it either names the fields it refuses or gives a plan whose
 * every field is usable (a link is a valid https URI), and it never throws.
 */
class PlanFormFuzzTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();
    private static final se.foubot.messaging.Texts TEXTS = se.foubot.messaging.Texts.fromBundles();

    static Gen<String> field() {
        return Generate.oneOf(HostileText.text(), Generate.pick(List.of("2027-03-10", "13:00", "1300", "13.00", "40", "0",
                "https://meet.stockholm.se/fou", "https://meet.stockholm.se/{rum}", "http://x.se", "https://", "")),
                strings().basicLatinAlphabet().ofLengthBetween(0, 400).map(s -> "https://meet.stockholm.se/" + s));
    }

    @Test
    void anyFilledInFormIsRefusedFieldByFieldOrGivesAUsablePlan() {
        qt().withFixedSeed(13L).withExamples(3000).forAll(Generate.pick(List.of(0, 1)).zip(field(), field(), field(),
                (i, a, b, c) -> List.of(a, b, c)), field(), field())
                .checkAssert((abc, d, e) -> {
                    Map<String, GuardedText> form = new LinkedHashMap<>();
                    List<String> values = List.of(abc.get(0), "2027-03-10", "13:00", "15:00", abc.get(1), abc.get(2), d, e,
                            "", abc.get(0));
                    for (int i = 0; i < SlackForum.PLAN_FIELDS.size(); i++) {
                        form.put(SlackForum.PLAN_FIELDS.get(i), GUARD.check(values.get(i)));
                    }
                    SlackForum.PlanInput input = SlackForum.readPlan(form, TEXTS);
                    assertThat(input.errors().keySet()).isSubsetOf(SlackForum.PLAN_FIELDS);
                    if (input.errors().isEmpty()) {
                        assertThat(input.plan().capacity()).isNotNull();
                        assertThat(input.plan().registrationDeadline()).isNotNull();
                    }
                    if (input.errors().isEmpty() && !input.plan().videoLink().isBlank()) {
                        assertThat(MeetingPlan.isHttpsLink(input.plan().videoLink().text())).isTrue();
                    }
                });
    }

    @Test
    void aLinkWithABraceIsRefusedWhereItIsEntered() {
        Map<String, GuardedText> form = new LinkedHashMap<>();
        Map<String, String> typed = Map.of("title", "FoU-forum", "date", "2027-03-10", "start", "13:00", "end", "15:00", "place",
                "Kärnan", "video", "https://meet.stockholm.se/{rum}", "capacity", "40", "deadline", "2027-03-01");
        SlackForum.PLAN_FIELDS.forEach(f -> form.put(f, GUARD.check(typed.getOrDefault(f, ""))));
        assertThat(SlackForum.readPlan(form, TEXTS).errors()).containsOnlyKeys("video");
        form.put("video", GUARD.check("https://meet.stockholm.se/rum-4"));
        assertThat(SlackForum.readPlan(form, TEXTS).plan().videoLink().text()).isEqualTo("https://meet.stockholm.se/rum-4");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {"0|Skriv ett antal platser från 1 till 1\u00a0000, t.ex. 40.",
            "1001|Skriv ett antal platser från 1 till 1\u00a0000, t.ex. 40.", "-5|Skriv ett antal platser från 1 till 1\u00a0000, t.ex. 40.",
            "99999999999999999999|Skriv ett antal platser från 1 till 1\u00a0000, t.ex. 40.",
            "fyrtio|Skriv ett antal platser från 1 till 1\u00a0000, t.ex. 40.", "''|Fyll i antalet platser, t.ex. 40."})
    void aCapacityOutOfRangeIsToldTheRangeInSwedishOnly(String typed, String told) {
        Map<String, GuardedText> form = new LinkedHashMap<>();
        Map<String, String> values = Map.of("title", "FoU-forum", "date", "2027-03-10", "start", "13:00", "end", "15:00", "place",
                "Kärnan", "capacity", typed, "deadline", "2027-03-01");
        SlackForum.PLAN_FIELDS.forEach(f -> form.put(f, GUARD.check(values.getOrDefault(f, ""))));
        assertThat(SlackForum.readPlan(form, TEXTS).errors()).containsExactly(Map.entry("capacity", told));
    }

    @Test
    void aCapacityWrittenWithASpaceBetweenThousandsIsRead() {
        Map<String, GuardedText> form = new LinkedHashMap<>();
        Map<String, String> values = Map.of("title", "FoU-forum", "date", "2027-03-10", "start", "13:00", "end", "15:00", "place",
                "Kärnan", "capacity", "1 000", "deadline", "2027-03-01");
        SlackForum.PLAN_FIELDS.forEach(f -> form.put(f, GUARD.check(values.getOrDefault(f, ""))));
        assertThat(SlackForum.readPlan(form, TEXTS).plan().capacity()).isEqualTo(1000);
    }
}

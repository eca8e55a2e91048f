package se.foubot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import se.foubot.privacy.OutsideTextGuard;

class OpenQuestionIdTest {

    private final OutsideTextGuard guard = new OutsideTextGuard();

    @Test
    void anIdWhoseDigitsPassForAPersonnummerIsDrawnAgainSoItsButtonIsNeverRefused() {
        String readsAsPersonnummer = "3f2a9c1e-4b7d-4e21-9a0c-198112189876";
        String plain = "3f2a9c1e-4b7d-4e21-9a0c-b1e2f3a4c5d6";
        // the click's value as Slack sends it back would have been refused by the guard
        assertThat(guard.check(KnowledgeQuestions.ANALYST + readsAsPersonnummer).identityNumberRemoved()).isTrue();
        Deque<String> drawn = new ArrayDeque<>(List.of(readsAsPersonnummer, plain));

        String id = OpenQuestions.idNoGuardRefuses(drawn::removeFirst, guard);

        assertThat(id).isEqualTo(plain);
        assertThat(drawn).isEmpty();
        assertThat(guard.check(KnowledgeQuestions.ANALYST + id).identityNumberRemoved()).isFalse();
    }

    @Test
    void noneOfManyRandomIdsIsRefusedByTheGuard() {
        for (int i = 0; i < 50_000; i++) {
            String id = OpenQuestions.idNoGuardRefuses(() -> UUID.randomUUID().toString(), guard);
            assertThat(guard.check(KnowledgeQuestions.ANALYST + id).identityNumberRemoved()).as(id).isFalse();
        }
    }
}

package se.foubot.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;

/**
 * A person at the limit of new tasks hears so when they begin a new request, not after answering every question of the
 * intake; once a place is back, the intake begins as usual.
 */
@FouBotTest
@TestPropertySource(properties = "foubot.tasks.limit.new-per-sender=2")
class NewTaskLimitBeforeIntakeTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();

    @Autowired
    ConversationEngine engine;

    @Autowired
    NewTaskLimit limit;

    @Autowired
    MutableClock clock;

    @Test
    void aPersonAtTheLimitIsToldBeforeTheIntakeBeginsAndNothingOfItIsKept() {
        ConversationKey key = new ConversationKey("slack", "UFULL1");
        limit.take("slack", "UFULL1", "test:" + java.util.UUID.randomUUID());
        limit.take("slack", "UFULL1", "test:" + java.util.UUID.randomUUID());

        String told = engine.handle(key, GUARD.check("jag behöver stöd")).text();
        assertThat(told).contains("Du har redan skickat 2 nya förfrågningar den senaste timmen").doesNotContain("Vilken förvaltning");
        assertThat(engine.standing(key).inFlow()).as("no intake begun").isFalse();
        assertThat(engine.handle(key, GUARD.check("Bromma")).text()).doesNotContain("Vilken förvaltning");

        clock.advance(Duration.ofMinutes(61));
        assertThat(engine.handle(key, GUARD.check("jag behöver stöd")).text()).contains("Vilken förvaltning");
        assertThat(engine.standing(key).inFlow()).isTrue();
    }
}

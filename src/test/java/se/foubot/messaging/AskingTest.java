package se.foubot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AskingTest {

    @Test
    void aQuestionMarkAQuestionWordOrAVerbBeforeItsSubjectAsks() {
        for (String text : List.of("sista dag lum?", "när stänger mul", "behöver vi söka på nytt", "kan man söka MUL",
                "what is LUM")) {
            assertThat(Asking.asks(text)).as(text).isTrue();
        }
        for (String text : List.of("deadline MUL", "behöver bolla målen", "ska skicka in en ansökan", "påminn mig om LUM")) {
            assertThat(Asking.asks(text)).as(text).isFalse();
        }
    }

    @Test
    void aPoliteRequestIsNoQuestionAboutSomething() {
        assertThat(Asking.isQuestion("kan du påminna mig om LUM?")).isFalse();
        assertThat(Asking.isQuestion("när skickar ni påminnelser?")).isTrue();
    }

    @Test
    void aClauseThatStatesANeedIsToldApartFromOneThatAsks() {
        List<Asking.Clause> clauses = Asking.clauses("Ska skicka in en projektansökan nu i höst, behöver bolla målen. "
                + "Hur gör vi bäst? Vi behöver veta vad som gäller");
        assertThat(clauses).extracting(Asking.Clause::question).containsExactly(false, false, true, true);
    }
}

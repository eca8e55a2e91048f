package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfirmationAnswerTest {

    @ParameterizedTest
    @ValueSource(strings = {"Nej", "nej!", "Nej, det var inte jag.", "Nä", "No", "No.", "Nope", "Det var inte jag som skrev det där.",
            "Jag har inte skrivit det", "Jag skrev inte det mejlet", "Det är inte från mig", "That wasn't me", "That was not me",
            "I did not write this", "I didn't send that", "It wasn’t me!", "\n\n  Nej tack\n> Ja", "Never sent it. I never sent that."})
    void anAnswerThatSaysNoOrNotMeDenies(String answer) {
        assertThat(ConfirmationAnswer.denies(answer)).as(answer).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ja, det var jag. En sak till: vi behöver resultatet senast den 15 mars.", "ja. Lägg till att det gäller Farsta",
            "Yes, that was me. Please also add the survey from last year.", "Stämmer! Ring mig gärna om det"})
    void anAnswerWithAnAfterthoughtSaysMoreThanYes(String answer) {
        assertThat(ConfirmationAnswer.saysMoreThanYes(answer)).as(answer).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "Ja!", "Ja, det var jag.", "Japp, tack!", "yes", "Yes, that was me", "ok", "Stämmer", "Nej, lägg inte till det",
            "Ja tack", ""})
    void aPlainYesSaysNothingMore(String answer) {
        assertThat(ConfirmationAnswer.saysMoreThanYes(answer)).as(answer).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "Ja!", "Ja, det var jag.", "Japp", "yes", "Yes, that was me", "Stämmer", "ok", "Nog för att…",
            "Nordost-projektet, ja", "Notera: ja", "Ja, men lägg inte till bilagan", "", "> Nej\nJa"})
    void anAnswerThatSaysYesOrSomethingElseDoesNotDeny(String answer) {
        assertThat(ConfirmationAnswer.denies(answer)).as(answer).isFalse();
    }
}

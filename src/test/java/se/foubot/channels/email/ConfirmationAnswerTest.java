package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import se.foubot.channels.email.ConfirmationAnswer.Said;

class ConfirmationAnswerTest {

    @ParameterizedTest
    @ValueSource(strings = {"Nej", "nej!", "Nej, det var inte jag.", "Nä", "No", "No.", "Nope", "Det var inte jag som skrev det där.",
            "Jag har inte skrivit det", "Jag skrev inte det mejlet", "Det är inte från mig", "That wasn't me", "That was not me",
            "I did not write this", "I didn't send that", "It wasn’t me!", "\n\n  Nej tack\n> Ja", "Never sent it.",
            // helper 98: a greeting first, a negated yes, a word that calls it false
            "Hej!\n\nNej, det var inte jag som skrev det.", "Hej,\n\nnej, det där mejlet har jag inte skickat. Vad är det här?",
            "Hej,\n\nDet var inte jag.", "Hej!\nNej.", "Hej\n\nNej tack, …", "Hi,\n\nNo, that wasn't me.",
            "Jag har aldrig skickat något sådant!", "Absolut inte! Någon försöker lura er.", "Det stämmer inte.", "Stämmer inte",
            "Hej! Nej det var inte jag", "Fel, det var inte jag", "Det här är bedrägeri", "Hej Anna, nej",
            // helper 99: under the quote, below a line of the reader's own making
            "FoU-boten skrev 2026-12-06 22:21:\n> Hej!\n> Vi har fått ett mejl\n\nNej, det var inte jag som skrev det."})
    void anAnswerThatSaysNoOrNotMeIsANo(String answer) {
        assertThat(ConfirmationAnswer.read(answer)).as(answer).isEqualTo(Said.NO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "Ja!", "Ja, det var jag.", "Japp", "yes", "Yes, that was me", "Stämmer", "ok", "Hej!\n\nJa, det var jag.",
            "Ja, men lägg inte till bilagan", "Hi,\nyes", "Det var jag", "Ja tack",
            "On 12/6/26 10:21 PM, FoU-boten wrote:\n> Hello!\n\nYes"})
    void anAnswerThatSaysYesIsAYes(String answer) {
        assertThat(ConfirmationAnswer.read(answer)).as(answer).isEqualTo(Said.YES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Vad är det här?", "Hej!", "Tack", "Nog för att…", "Nordost-projektet, ja", "Kan ni ringa mig?", "> Nej"})
    void anAnswerThatSaysNeitherIsUnclear(String answer) {
        assertThat(ConfirmationAnswer.read(answer)).as(answer).isEqualTo(Said.UNCLEAR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ja, det var jag. En sak till: vi behöver resultatet senast den 15 mars.", "ja. Lägg till att det gäller Farsta",
            "Yes, that was me. Please also add the survey from last year.", "Stämmer! Ring mig gärna om det"})
    void aYesWithAnAfterthoughtSaysMoreThanYes(String answer) {
        assertThat(ConfirmationAnswer.saysMoreThanYes(answer)).as(answer).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "Ja!", "Ja, det var jag.", "Japp, tack!", "yes", "Yes, that was me", "ok", "Stämmer", "Nej, lägg inte till det",
            "Ja tack", "", "Vad är det här?"})
    void aPlainYesOrNoYesSaysNothingMore(String answer) {
        assertThat(ConfirmationAnswer.saysMoreThanYes(answer)).as(answer).isFalse();
    }
}

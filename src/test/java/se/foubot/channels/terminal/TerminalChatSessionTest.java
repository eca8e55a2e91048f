package se.foubot.channels.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.foubot.messaging.MessageRouter;
import se.foubot.conversation.ConversationKey;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.support.FouBotTest;

@FouBotTest
class TerminalChatSessionTest {

    @Autowired
    MessageRouter router;

    @Autowired
    OutsideTextGuard guard;

    @Autowired
    se.foubot.grants.GrantSubscriptions subscriptions;

    private String chat(String person, String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TerminalChatSession(router, new ConversationKey(TerminalChatSession.CHANNEL, person),
                new BufferedReader(new StringReader(String.join("\n", lines) + "\n")),
                new PrintStream(out, true, StandardCharsets.UTF_8), guard).run();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFlowAuthorCompletesTheIntakeInEnglishAndSeesTheReference() {
        String transcript = chat("author", "english", "I need support", "bromma", "controller",
                "We need a follow-up template for the new outreach work.", "no", "follow-up", "skip",
                "author@stockholm.se", "yes");
        assertThat(transcript).contains("Okay, let's talk in English").contains("Summary:")
                .containsPattern("registered as FOU-2026-\\d{4}");
    }

    @Test
    void leavingMidwayAndComingBackContinuesAtTheSameQuestion() {
        String before = chat("returner", "stöd", "farsta", "/quit", "this line is never read");
        assertThat(before).contains("Vilken roll har du?").contains("Konversationen är sparad");
        String after = chat("returner");
        assertThat(after).contains("Välkommen tillbaka").contains("Vilken roll har du?");
    }

    @Test
    void avbevakaStopsTheRemindersAsBevakningAvDoes() {
        subscriptions.subscribe(TerminalChatSession.CHANNEL, "watcher", null, null, java.util.List.of("LUM"), "sv",
                TerminalChatSession.CHANNEL);
        assertThat(chat("watcher", "avbevaka LUM")).contains("Klart – du får inga fler påminnelser om LUM och MUL.");
        assertThat(subscriptions.find(TerminalChatSession.CHANNEL, "watcher").orElseThrow().active()).isFalse();
    }

    @Test
    void commandsOfTheTableWorkInTheTerminalAsInSlackAndMail() {
        String transcript = chat("commander", "status", "forum", "hjälp");
        assertThat(transcript).contains("Du har inga förfrågningar hos FoU ännu")
                .contains("Inga FoU-forum är planerade just nu")
                .contains("Kommandon").contains("• status – dina förfrågningar och deras status")
                .contains("• kontrollera ansökan – ").contains("• avbryt – ")
                // the terminal knows no address to remind, and no coordinator: left out of its help
                .doesNotContain("bevakning").doesNotContain("forum ny");
    }

    @Test
    void aCoordinatorsFormWordsInTheTerminalAreToldInOneSentenceThatTheFormIsInSlack() {
        String transcript = chat("planner", "forum ny", "forum ställ in forum-2027-03-10-2", "kunskapsluckor ny",
                "kunskapsluckor lägg till FOU-2026-0001");
        assertThat(transcript.split("FoU-forum planeras, ändras och ställs in i Slack", -1)).hasSize(3);
        assertThat(transcript.split("Inventeringar av kunskapsluckor öppnas, stängs", -1)).hasSize(3);
        assertThat(transcript).doesNotContain("inte säker på att jag förstår");
    }

    @Test
    void aNameAfterAsThatHoldsAPersonalIdentityNumberOrAControlIsRefusedBeforeAnythingIsKept() {
        assertThat(TerminalChatSession.person(new String[] {"chat", "--as=anna_640823_3234"}, "fallback", guard)).isEmpty();
        assertThat(TerminalChatSession.person(new String[] {"chat", "--as=19640823\u200b-3234"}, "fallback", guard)).isEmpty();
        assertThat(TerminalChatSession.person(new String[] {"chat", "--as=anna\u001b[31m"}, "fallback", guard)).isEmpty();
        assertThat(TerminalChatSession.person(new String[] {"chat", "--as="}, "fallback", guard)).isEmpty();
        assertThat(TerminalChatSession.person(new String[] {"chat", "--as=anna.berg"}, "fallback", guard)).contains("anna.berg");
        assertThat(TerminalChatSession.person(new String[] {"chat"}, "fallback", guard)).contains("fallback");
    }
}

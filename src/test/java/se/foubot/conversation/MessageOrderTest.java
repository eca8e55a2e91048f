package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which messages a conversation takes as written before one it has already taken (ConversationState#tookLaterThan). */
class MessageOrderTest {

    private final ConversationState took = ConversationState.fresh(new ConversationKey("slack", "U1"), Instant.EPOCH)
            .answering("post:DU1:1763900320.000300", new BotReply("Vilken roll har du?", List.of(), Language.SV));

    @Test
    void aMessageWrittenEarlierInTheSamePlaceIsOlder() {
        assertThat(took.tookLaterThan("post:DU1:1763900310.000200")).isTrue();
        assertThat(took.tookLaterThan("post:DU1:1763900320.000299")).as("a microsecond before").isTrue();
    }

    @Test
    void aMessageWrittenLaterOrTheSameIsNot() {
        assertThat(took.tookLaterThan("post:DU1:1763900330.000100")).isFalse();
        assertThat(took.tookLaterThan("post:DU1:1763900320.000300")).as("the same message").isFalse();
        assertThat(took.tookLaterThan("post:DU1:1763900320.0004")).as("fewer decimals, later").isFalse();
    }

    @Test
    void aMessageInAnotherPlaceOfTheSameChannelComparesByTheSameClock() {
        // a DM answered after a mention in a channel (and the other way round) is one conversation
        assertThat(took.tookLaterThan("post:C0GENERAL:1763900000.000100")).as("written earlier, in a channel").isTrue();
        assertThat(took.tookLaterThan("post:C0GENERAL:1763900400.000100")).as("written later, in a channel").isFalse();
    }

    @Test
    void messagesWithoutATimeOrOfAnotherKindAreNeverCompared() {
        assertThat(took.tookLaterThan("event:1763900000.000100")).as("another kind, no place").isFalse();
        assertThat(took.tookLaterThan("mid:4f2a~0123456789abcdef")).as("a mail's key").isFalse();
        assertThat(took.tookLaterThan("action:answer:U1:13345224609.738474920.5f3b")).as("a click").isFalse();
        assertThat(took.tookLaterThan("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))
                .as("a mail without Message-ID").isFalse();
    }
}

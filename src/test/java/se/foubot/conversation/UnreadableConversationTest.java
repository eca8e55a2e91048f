package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import se.foubot.privacy.OutsideTextGuard;
import se.foubot.support.EmbeddedStoreFixture;
import se.foubot.support.MutableClock;

/**
 * A conversation document the bot cannot read (here written into the real embedded store by hand, with wrong types)
 * is set aside and the conversation begun again, the person told once; before, each of their messages failed on it
 * until the dead letters took it, and they heard nothing.
 */
class UnreadableConversationTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();

    @TempDir
    static Path dataDir;

    static EmbeddedStoreFixture store;
    static MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    static ConversationStore conversations;
    static ConversationEngine engine;

    @BeforeAll
    static void startStoreAndEngine() {
        store = new EmbeddedStoreFixture(dataDir);
        List<OutcomeAction> outcomes = List.of(new RecordNotes(store.template()));
        conversations = AsideFlowsEngine.store(store.template(), clock, outcomes);
        engine = AsideFlowsEngine.over(conversations, clock, outcomes);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private static String say(ConversationKey key, String text) {
        return engine.handle(key, GUARD.check(text)).text();
    }

    /** What an operator's hand (or another program) might leave: the fields the bot writes, some of another type. */
    private static Document writtenByHand(ConversationKey key, String language) {
        Document d = new Document("_id", key.id()).append("channel", key.channel()).append("person", key.person())
                .append("flowId", "errand").append("runId", "run-by-hand").append("stepId", "who")
                .append("answers", 5).append("history", new Document("not", "a list")).append("context", List.of("x"))
                .append("updatedAt", "yesterday").append("version", "three").append("rev", key.id() + "#3");
        if (language != null) {
            d.append("language", language);
        }
        store.template().getCollection(ConversationStore.COLLECTION).insertOne(d);
        return d;
    }

    private static List<Document> copies(ConversationKey key) {
        return store.template().getCollection(UnreadableConversations.COLLECTION).find(new Document("conversation", key.id()))
                .into(new java.util.ArrayList<>());
    }

    @Test
    void aConversationWrittenWithWrongTypesIsSetAsideAndThePersonToldOnceInItsLanguageBeforeTheAnswer() {
        ConversationKey key = new ConversationKey("test", "unreadable-en");
        writtenByHand(key, "EN");

        String first = say(key, "ärende");
        assertThat(first).startsWith("I could not read our earlier conversation, so we are starting again from the beginning.")
                .contains("What is it about?");
        assertThat(copies(key)).singleElement().satisfies(copy -> {
            assertThat(copy.get("document", Document.class)).as("kept as it was, for an operator")
                    .containsEntry("answers", 5).containsEntry("version", "three").containsEntry("runId", "run-by-hand");
            assertThat(copy.get("setAsideAt")).isEqualTo(Date.from(clock.instant()));
            assertThat(copy.getString("error")).isNotBlank();
        });
        Document now = store.template().findById(key.id(), Document.class, ConversationStore.COLLECTION);
        assertThat(now.get("context", Document.class)).as("the mark is gone once told").doesNotContainKey(UnreadableConversations.MARK);
        assertThat(now.getString("flowId")).isEqualTo("errand");

        assertThat(say(key, "Stöd i en enkät")).as("told once").doesNotContain("could not read").contains("Who is it for?");
        assertThat(copies(key)).hasSize(1);
    }

    @Test
    void aConversationInAFlowThatNoLongerExistsIsEndedWithANoticeAndTheMessageTakenAsANewOne() {
        ConversationKey key = new ConversationKey("test", "flow-gone");
        assertThat(say(key, "ärende")).contains("Vad gäller det?");
        store.template().getCollection(ConversationStore.COLLECTION).updateOne(new Document("_id", key.id()),
                new Document("$set", new Document("flowId", "removed-since")));

        String reply = say(key, "ärende");
        assertThat(reply).as("told why, and the new request begun").startsWith(
                "Frågorna i det vi höll på med finns inte längre, så jag har avslutat det. Inget skickades.")
                .contains("Vad gäller det?").doesNotContain("jag har avbrutit");
        assertThat(say(key, "En enkät")).as("the new request goes on").contains("Vem gäller det?").doesNotContain("finns inte längre");
        assertThat(copies(key)).as("a readable document is not set aside").isEmpty();

        store.template().getCollection(ConversationStore.COLLECTION).updateOne(new Document("_id", key.id()),
                new Document("$set", new Document("flowId", "removed-since")));
        assertThat(say(key, "hej")).as("words that start nothing get the notice and the menu")
                .startsWith("Frågorna i det vi höll på med finns inte längre");

        store.template().getCollection(ConversationStore.COLLECTION).updateOne(new Document("_id", key.id()),
                new Document("$set", new Document("flowId", "removed-since").append("stepId", "who")));
        assertThat(say(key, "english")).as("a language switch (helper 111: it failed into the dead letters)")
                .startsWith("The questions of what we were doing no longer exist").contains("let's talk in English");
    }

    @Test
    void aLanguageWrittenInLowerCaseIsStillTheOneThePersonIsToldIn() {
        ConversationKey key = new ConversationKey("test", "unreadable-en-lower");
        writtenByHand(key, "en");

        assertThat(say(key, "hello")).startsWith("I could not read our earlier conversation");
    }

    @Test
    void withoutALanguageItCanReadThePersonIsToldInSwedish() {
        ConversationKey key = new ConversationKey("test", "unreadable-sv");
        writtenByHand(key, null);

        assertThat(say(key, "hej")).startsWith("Jag kunde inte läsa vår tidigare konversation, så vi börjar om från början. "
                + "Det du redan har skickat in finns kvar; det som inte var klart får du gärna skriva igen.");
        assertThat(say(key, "hej")).doesNotContain("kunde inte läsa");
    }

    /**
     * Helper 109: documents the converter reads, but that the bot could not go on with — a write naming a revision the
     * document does not have lost its race fifty times, a key without its person failed, an answer of the wrong
     * shape threw a cast later — failed every message; they are set aside too.
     */
    @Test
    void aConversationReadableButNotWritableIsSetAsideToo() {
        List<java.util.function.UnaryOperator<Document>> damages = List.of(
                d -> { d.remove("version"); return d; },
                d -> d.append("version", 4L),
                d -> d.append("rev", 17),
                d -> { d.remove("person"); return d; },
                d -> { d.remove("channel"); return d; },
                d -> new Document("_id", d.get("_id")),
                d -> d.append("answered", List.of("x")),
                d -> d.append("answered", List.of(new Document("messageId", "m1").append("text", "t").append("choices", "x"))));
        for (int i = 0; i < damages.size(); i++) {
            ConversationKey key = new ConversationKey("test", "damaged-" + i);
            say(key, "ärende");
            assertThat(say(key, "Stöd i en enkät")).contains("Vem gäller det?");
            Document stored = store.template().findById(key.id(), Document.class, ConversationStore.COLLECTION);
            store.template().getCollection(ConversationStore.COLLECTION).replaceOne(new Document("_id", key.id()),
                    damages.get(i).apply(stored));

            assertThat(say(key, "Enhetschefer")).as("damage %s", i)
                    .startsWith("Jag kunde inte läsa vår tidigare konversation, så vi börjar om från början.");
            assertThat(copies(key)).as("damage %s", i).hasSize(1);
            assertThat(say(key, "ärende")).as("damage %s: begun again", i).contains("Vad gäller det?").doesNotContain("kunde inte läsa");
        }
    }

    /** A message answered outside the conversation (a command, the knowledge base) carries the notice too, once. */
    @Test
    void anAnswerOutsideTheConversationCarriesTheNoticeOnce() {
        ConversationKey key = new ConversationKey("test", "unreadable-outside");
        writtenByHand(key, "SV");

        assertThat(engine.endIfExpired(engine.look(key)).map(BotReply::text)).hasValueSatisfying(notice -> assertThat(notice)
                .startsWith("Jag kunde inte läsa vår tidigare konversation"));
        assertThat(engine.endIfExpired(engine.look(key))).as("said once").isEmpty();
        assertThat(say(key, "hej")).doesNotContain("kunde inte läsa");
    }

    @Test
    void aQuestionTheBotStartsIsPrecededByTheNoticeAndLeavesNoMark() {
        ConversationKey key = new ConversationKey("test", "unreadable-question");
        writtenByHand(key, "SV");

        String asked = engine.start(key, "question", Map.of("analyst", "Anna", "question", "Hur många deltar?"), Map.of()).text();
        assertThat(asked).startsWith("Jag kunde inte läsa vår tidigare konversation").contains("Anna undrar: Hur många deltar?");
        assertThat(store.template().findById(key.id(), Document.class, ConversationStore.COLLECTION).get("context", Document.class))
                .doesNotContainKey(UnreadableConversations.MARK);
        assertThat(say(key, "Ungefär 40.")).doesNotContain("kunde inte läsa").contains("Tack, svaret är skickat.");
    }

    @Test
    void whoAskedAQuestionInAConversationSetAsideIsToldItWentUnanswered() {
        ConversationKey key = new ConversationKey("test", "unreadable-question");
        assertThat(say(key, "ärende")).contains("Vad gäller det?");
        engine.start(key, "question", Map.of("analyst", "Anna", "question", "Hur många deltar?"), Map.of());
        Document asked = store.template().findById(key.id(), Document.class, ConversationStore.COLLECTION);
        String questionRun = asked.getString("runId");
        String errandRun = asked.get("paused", Document.class).getString("runId");
        store.template().getCollection(ConversationStore.COLLECTION).updateOne(new Document("_id", key.id()),
                new Document("$set", new Document("answers", "broken by hand")));

        assertThat(say(key, "hej")).startsWith("Jag kunde inte läsa vår tidigare konversation");
        assertThat(store.template().findById("unanswered:" + questionRun, Document.class, "notes"))
                .as("the asker is told at once, not left waiting").isNotNull().containsEntry("why", "UNREADABLE");
        assertThat(store.template().findById("unanswered:" + errandRun, Document.class, "notes"))
                .as("the run it had set aside is told too").isNotNull();
        assertThat(store.template().getCollection("tells").countDocuments(new Document("run", questionRun))).isEqualTo(1);
    }

    @Test
    void aTurnWrittenMeanwhileIsNotOverwrittenBySettingAside() {
        ConversationKey key = new ConversationKey("test", "unreadable-race");
        Document bad = writtenByHand(key, "SV");
        // what a replica that read the bad document would try after another had already begun the conversation again
        say(key, "ärende");
        long before = store.template().findById(key.id(), Document.class, ConversationStore.COLLECTION).getLong("version");
        assertThat(store.template().getCollection(ConversationStore.COLLECTION)
                .replaceOne(new Document("_id", key.id()).append("rev", bad.get("rev")), new Document("_id", key.id()))
                .getMatchedCount()).as("the revision the set-aside replaces by").isZero();
        assertThat(conversations.find(key.id())).get().extracting(ConversationState::version).isEqualTo(before);
    }

    @Test
    void theSweepOfIdleQuestionsSetsAnUnreadableOneAsideAndTellsTheOthers() {
        ConversationKey readable = new ConversationKey("test", "sweep-readable");
        engine.start(readable, "question", Map.of("analyst", "Anna", "question", "Hur många?"), Map.of());
        String readableRun = store.template().findById(readable.id(), Document.class, ConversationStore.COLLECTION).getString("runId");
        ConversationKey unreadable = new ConversationKey("test", "sweep-unreadable");
        Document bad = new Document("_id", unreadable.id()).append("flowId", "question").append("updatedAt", Date.from(clock.instant()))
                .append("answers", List.of(1, 2)).append("version", 1L).append("rev", unreadable.id() + "#1");
        store.template().getCollection(ConversationStore.COLLECTION).insertOne(bad);

        clock.advance(Duration.ofDays(8));
        engine.tellIdleBotFlowsUnanswered();
        assertThat(copies(unreadable)).hasSize(1);
        assertThat(store.template().findAll(Document.class, "notes")).as("the readable one's asker is still told")
                .anyMatch(d -> ("unanswered:" + readableRun).equals(d.getString("_id")));
        assertThat(engine.tellIdleBotFlowsUnanswered()).as("not met again").isZero();
        assertThat(say(unreadable, "hej")).startsWith("Jag kunde inte läsa vår tidigare konversation");
    }
}

package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.support.FouBotTest;

/**
 * The hand-written stored form of a conversation is the document the bot's own converter writes, for states of every
 * shape (random, seeded so a failure repeats), and the converter reads it back as the state it was.
 */
@FouBotTest
class ConversationDocumentTest {

    @Autowired
    MongoTemplate mongo;

    private final Random random = new Random(20261207);

    @Test
    void theHandWrittenDocumentIsTheConvertersForAnyStateAndReadsBackAsTheState() {
        for (int i = 0; i < 3000; i++) {
            ConversationState state = randomState();
            Document byConverter = new Document();
            mongo.getConverter().write(state, byConverter);
            Document byHand = ConversationDocument.of(state);
            assertThat(byHand).as("state %d: %s", i, state).isEqualTo(byConverter);
            assertThat(List.copyOf(byHand.keySet())).as("the same fields in the same order").isEqualTo(List.copyOf(byConverter.keySet()));
            assertThat(mongo.getConverter().read(ConversationState.class, byHand)).isEqualTo(state);
        }
    }

    @Test
    void theHandReaderReadsWhatTheConverterReadsForAnyStateAndTheStoresOwnFields() {
        for (int i = 0; i < 3000; i++) {
            ConversationState state = randomState();
            Document stored = new Document();
            mongo.getConverter().write(state, stored);
            if (random.nextBoolean()) {
                // the fields the store writes beside the state's own: the revision, a sweep's mark
                stored.append("rev", state.id() + "#" + state.version()).append("toldUnanswered", text());
            }
            assertThat(ConversationDocument.read(stored)).as("state %d: %s", i, state)
                    .isEqualTo(mongo.getConverter().read(ConversationState.class, stored)).isEqualTo(state);
        }
    }

    @Test
    void aDocumentTheHandReaderDoesNotExpectIsLeftToTheConverter() {
        Document plain = ConversationDocument.of(new ConversationState("slack:U1", "slack", "U1", Language.SV, "intake", "r",
                "concern", false, false, Map.of("district", "farsta"), List.of("district"), Map.of(), Instant.EPOCH,
                Instant.EPOCH, 3, List.of(), null, null));
        assertThat(ConversationDocument.read(plain)).isNotNull();
        for (Document odd : List.of(new Document(plain).append("version", 3.0), new Document(plain).append("summary", "true"),
                new Document(plain).append("answers", new Document("district", 7)),
                new Document(plain).append("history", List.of(1)), new Document(plain).append("language", "FI"),
                new Document(plain).append("startedAt", "2026-12-07"), new Document(plain).append("_class", "other.Type"),
                new Document(plain).append("paused", "none"))) {
            assertThat(ConversationDocument.read(odd)).as("%s", odd.toJson()).isNull();
        }
        // the version as an int, as a store may hold it, reads as the converter reads it
        Document intVersion = new Document(plain).append("version", 3);
        assertThat(ConversationDocument.read(intVersion)).isEqualTo(mongo.getConverter().read(ConversationState.class, intVersion));
    }

    @Test
    void aMapKeyTheConverterHasRulesForIsLeftToIt() {
        ConversationState dotted = new ConversationState("slack:U1", "slack", "U1", Language.SV, "intake", "r", "concern", false, false,
                Map.of("a.b", "x"), List.of(), Map.of(), Instant.EPOCH, Instant.EPOCH, 1, List.of(), null, null);
        assertThat(ConversationDocument.of(dotted)).isNull();
        ConversationState dollar = new ConversationState("slack:U1", "slack", "U1", Language.SV, "intake", "r", "concern", false, false,
                Map.of(), List.of(), Map.of("$where", "x"), Instant.EPOCH, Instant.EPOCH, 1, List.of(), null, null);
        assertThat(ConversationDocument.of(dollar)).isNull();
    }

    private ConversationState randomState() {
        List<ConversationState.Answered> answered = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            List<ReplyChoice> choices = new ArrayList<>();
            for (int c = random.nextInt(3); c > 0; c--) {
                choices.add(new ReplyChoice(text(), text(), maybe(text())));
            }
            answered.add(new ConversationState.Answered(text(), maybe(text()), choices, maybe(language())));
        }
        ConversationState.Paused paused = random.nextInt(4) == 0 ? new ConversationState.Paused(maybe(text()), maybe(text()),
                maybe(text()), random.nextBoolean(), random.nextBoolean(), map(), list(), map(), maybe(instant())) : null;
        return new ConversationState(text(), maybe(text()), maybe(text()), maybe(language()), maybe(text()), maybe(text()),
                maybe(text()), random.nextBoolean(), random.nextBoolean(), map(), list(), map(), maybe(instant()), maybe(instant()),
                random.nextLong(), answered, paused, maybe(text()));
    }

    private <T> T maybe(T value) {
        return random.nextInt(3) == 0 ? null : value;
    }

    private Language language() {
        return Language.values()[random.nextInt(Language.values().length)];
    }

    private Instant instant() {
        // the store keeps milliseconds
        return Instant.ofEpochMilli(random.nextLong(4_000_000_000_000L));
    }

    private static final String[] WORDS = {"intake", "concern", "set_aside:concern", "proposed:district", "Farsta", "åäö ÅÄÖ",
            "FOU-2026-0001", "", " ", "1763884800.000100", "kl-2027", "ja", "🙂 emoji", "line\nbreak", "tab\there"};

    private String text() {
        return random.nextInt(5) == 0 ? Long.toString(random.nextLong(), 36) : WORDS[random.nextInt(WORDS.length)];
    }

    /** A key the converter writes as it is (one with a dot or a leading $ is the other test's). */
    private String key() {
        String k = text();
        return k.contains(".") || k.startsWith("$") ? k.replace(".", "_").replace("$", "_") : k;
    }

    private Map<String, String> map() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            m.put(key(), text());
        }
        return m;
    }

    private List<String> list() {
        List<String> l = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            l.add(text());
        }
        return l;
    }
}

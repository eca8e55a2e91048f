package se.foubot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.support.EmbeddedStoreFixture;

/**
 * Many messages of one person at once, through two engines with their own MongoDB clients (as two
 * replicas would be) over one embedded store: no answer may be lost, no outcome may run twice.
 */
class ConcurrentTurnsTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();

    @TempDir
    static Path dataDir;

    static EmbeddedStoreFixture store;
    static MongoClient secondClient;
    static ConversationEngine replicaA;
    static ConversationEngine replicaB;

    @BeforeAll
    static void startStoreAndTwoEngines() {
        store = new EmbeddedStoreFixture(dataDir);
        secondClient = MongoClients.create(store.store().connectionString("test"));
        FlowCatalog catalog = FlowCatalog.load(FlowSource.fromDirectory(Path.of("src/test/resources/flows/notes")),
                Set.of("record-notes"));
        replicaA = engine(store.template(), catalog);
        replicaB = engine(new MongoTemplate(secondClient, "test"), catalog);
        store.template().indexOps("notes").createIndex(new Index("person", org.springframework.data.domain.Sort.Direction.ASC));
    }

    private static ConversationEngine engine(MongoTemplate mongo, FlowCatalog catalog) {
        FlowInterpreter interpreter = new FlowInterpreter(catalog,
                Duration.ofDays(7), ZoneId.of("Europe/Stockholm"));
        OutcomeRegistry outcomes = new OutcomeRegistry(List.of(new RecordNotes(mongo)));
        return new ConversationEngine(new ConversationStore(mongo, new RecentLanguages(), Clock.systemUTC(),
                new UnansweredTeller(catalog, outcomes, Clock.systemUTC())), catalog, interpreter, outcomes, Clock.systemUTC(), 1000,
                new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        secondClient.close();
        store.close();
    }

    /** Sends all messages at the same moment, alternating between the two replicas. */
    private static List<BotReply> sendAtOnce(ConversationKey key, List<String> messages) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(messages.size());
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<BotReply>> replies = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ConversationEngine engine = i % 2 == 0 ? replicaA : replicaB;
            String message = messages.get(i);
            replies.add(pool.submit(() -> {
                gate.await();
                return engine.handle(key, GUARD.check(message));
            }));
        }
        gate.countDown();
        List<BotReply> out = new ArrayList<>();
        for (Future<BotReply> f : replies) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return out;
    }

    @Test
    void tenAnswersArrivingAtOnceAreAllKept() throws Exception {
        for (int round = 0; round < 5; round++) {
            ConversationKey key = new ConversationKey("test", "racer-" + round);
            replicaA.handle(key, GUARD.check("anteckna"));
            List<String> answers = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                answers.add("svar nummer " + i);
            }
            sendAtOnce(key, answers);

            Document state = store.template().findById(key.id(), Document.class, "conversations");
            assertThat(state.getBoolean("summary")).as("all ten questions answered").isTrue();
            assertThat(new HashSet<>(((Document) state.get("answers")).values())).containsExactlyInAnyOrderElementsOf(answers);
            assertThat(state.getLong("version")).as("one write per message plus the start").isEqualTo(10L);
        }
    }

    @Test
    void aConfirmationAndACancelOnTwoReplicasAtOnceNeverBothTakeEffect() throws Exception {
        for (int round = 0; round < 20; round++) {
            ConversationKey key = new ConversationKey("test", "confirm-or-cancel-" + round);
            replicaA.handle(key, GUARD.check("anteckna"));
            for (int i = 1; i <= 10; i++) {
                replicaA.handle(key, GUARD.check("svar " + i));
            }
            // "ja" on one replica, "avbryt" on the other, released together (which goes first alternates by round)
            List<BotReply> replies = sendAtOnce(key, round % 2 == 0 ? List.of("ja", "avbryt") : List.of("avbryt", "ja"));
            BotReply yes = replies.get(round % 2 == 0 ? 0 : 1);
            BotReply cancel = replies.get(round % 2 == 0 ? 1 : 0);
            long notes = store.template().count(org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("person").is(key.person())), "notes");
            boolean saidCancelled = cancel.text().contains("Inget skickades");
            assertThat(yes.text().contains("Sparat (10 svar)")).as("round %d: the yes's reply says it was saved exactly when it was", round)
                    .isEqualTo(notes == 1);
            assertThat(notes == 1 && saidCancelled).as("round %d: saved, and told it was cancelled: %s / %s", round, yes.text(),
                    cancel.text()).isFalse();
            assertThat(notes == 1 || saidCancelled).as("round %d: neither saved nor cancelled", round).isTrue();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            ja                                 | true
            okej tack                          | true
            Ok, skicka                         | true
            okej, skicka den                   | true
            allt stämmer                       | true
            okay thanks                        | true
            looks good                         | true
            Ja, ändra inget                    | true
            Ja, allt stämmer, inget att ändra  | true
            ändra ingenting, skicka            | true
            yes, nothing to change             | true
            det ser bra ut                     | true
            looks good to me                   | true
            Ja, det stämmer och tack så mycket | true
            ja och tack                        | true
            ja och ändra 3                     | false
            ja och                             | false
            ja, och                            | false
            ja och så                          | false
            ja och och                         | false
            yes and                            | false
            ja och tack för hjälpen            | true
            Ja!                                | true
            ja 👍                              | true
            ja? tack                           | false
            ja？                               | false
            ja‽                                | false
            ja...                              | false
            ja…                                | false
            'ja,'                              | false
            ja -                               | false
            yes and so                         | false
            ja och tack för                    | false
            yes and thank                      | false
            ja 👎                              | false
            🤔 ja                              | false
            ja och tack :(                     | false
            yes and thank you so much          | true
            ändra inget                        | false
            det är fel                         | false
            ja?                                | false
            stämmer inte                       | false
            allt stämmer inte                  | false
            ok men ändra 3                     | false
            nej, inget                         | false
            Tack                               | false
            """)
    void aSummaryIsSentByAYesOrAgreementAndNothingElse(String said, boolean sends) {
        ConversationKey key = new ConversationKey("test", "summary-" + Math.abs(said.hashCode()));
        replicaA.handle(key, GUARD.check("anteckna"));
        for (int i = 1; i <= 10; i++) {
            replicaA.handle(key, GUARD.check("svar " + i));
        }
        assertThat(replicaA.handle(key, GUARD.check(said)).text().contains("Sparat (10 svar)")).as(said).isEqualTo(sends);
    }

    @Test
    void twoConfirmationsAtOnceCompleteTheFlowOnce() throws Exception {
        ConversationKey key = new ConversationKey("test", "double-clicker");
        replicaA.handle(key, GUARD.check("anteckna"));
        for (int i = 1; i <= 10; i++) {
            replicaA.handle(key, GUARD.check("svar " + i));
        }
        List<BotReply> replies = sendAtOnce(key, List.of("ja", "ja", "ja", "ja"));

        assertThat(replies).filteredOn(r -> r.text().contains("Sparat (10 svar)")).hasSize(1);
        assertThat(store.template().count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("person").is("double-clicker")), "notes"))
                .isEqualTo(1);
    }
}

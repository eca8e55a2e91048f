package se.foubot.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.Language;
import se.foubot.conversation.OutcomeRequest;
import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

@FouBotTest
class ReferenceGeneratorTest {

    @Autowired
    ReferenceGenerator references;

    @Autowired
    CreateSupportRequestOutcome outcome;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Test
    void aReferenceIsTheYearAndTheNumberPaddedToFourDigitsAsStringFormatWritesIt() {
        for (long seq : new long[] {1, 9, 42, 999, 1000, 9999, 10000, 123456}) {
            assertThat(ReferenceGenerator.reference(2026, seq)).isEqualTo(String.format("FOU-%d-%04d", 2026, seq));
        }
        assertThat(ReferenceGenerator.reference(2027, 7)).isEqualTo("FOU-2027-0007");
    }

    @Test
    void twentyConcurrentRequestsGetTwentyDifferentConsecutiveReferences() throws Exception {
        clock.set(Instant.parse("2031-05-05T08:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(pool.submit(() -> {
                gate.await();
                return references.next();
            }));
        }
        gate.countDown();
        Set<String> got = new HashSet<>();
        for (Future<String> f : futures) {
            got.add(f.get());
        }
        pool.shutdown();
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= 20; i++) {
            expected.add(String.format("FOU-2031-%04d", i));
        }
        assertThat(got).isEqualTo(expected);
        clock.set(TestClockConfiguration.START);
    }

    @Test
    void theSequenceFollowsTheStockholmCalendarYear() {
        clock.set(Instant.parse("2032-12-31T22:30:00Z")); // 23:30 in Stockholm
        assertThat(references.next()).isEqualTo("FOU-2032-0001");
        clock.set(Instant.parse("2032-12-31T23:30:00Z")); // 00:30 on New Year's Day in Stockholm
        assertThat(references.next()).isEqualTo("FOU-2033-0001");
        assertThat(references.next()).isEqualTo("FOU-2033-0002");
        clock.set(TestClockConfiguration.START);
    }

    @Test
    void aConfirmationRetriedForTheSameRunStoresOneRequestWithOneReference() {
        OutcomeRequest request = new OutcomeRequest(new ConversationKey("test", "retrier"), "intake", "run-42",
                Map.of("district", "bromma", "role", "chef", "concern", "Stöd med en uppföljningsmall",
                        "category", "uppfoljning", "email", "a@stockholm.se"), Language.SV, clock.instant(), Map.of(), Map.of());
        String first = outcome.run(request).values().get("reference");
        String second = outcome.run(request).values().get("reference");
        assertThat(second).isEqualTo(first);
        assertThat(mongo.count(Query.query(Criteria.where("sourceKey").is("run-42")), SupportTask.class)).isEqualTo(1);
    }

    @Test
    void aConfirmationSentSeveralTimesAtOnceTakesOneReferenceAndTheNextRequestGetsTheNextNumber() throws Exception {
        clock.set(Instant.parse("2034-03-03T08:00:00Z"));
        OutcomeRequest request = new OutcomeRequest(new ConversationKey("test", "double-clicker"), "intake", "run-double",
                Map.of("district", "bromma", "role", "chef", "concern", "Stöd med en enkät", "category", "uppfoljning",
                        "email", "b@stockholm.se"), Language.SV, clock.instant(), Map.of(), Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<String>> clicks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clicks.add(pool.submit(() -> {
                gate.await();
                return outcome.run(request).values().get("reference");
            }));
        }
        gate.countDown();
        Set<String> told = new HashSet<>();
        for (Future<String> click : clicks) {
            told.add(click.get());
        }
        pool.shutdown();
        assertThat(told).containsExactly("FOU-2034-0001");
        assertThat(references.next()).isEqualTo("FOU-2034-0002");
        clock.set(TestClockConfiguration.START);
    }

    @Test
    void aReferenceNoTaskGotIsGivenBackOnlyWhileNoLaterOneWasHandedOut() {
        clock.set(Instant.parse("2035-04-04T08:00:00Z"));
        String unused = references.next();
        assertThat(references.giveBack(unused)).isTrue();
        assertThat(references.next()).isEqualTo(unused);
        String lost = references.next();
        String later = references.next();
        assertThat(references.giveBack(lost)).isFalse();
        assertThat(references.next()).isNotIn(lost, later).isEqualTo("FOU-2035-0004");
        assertThat(references.giveBack("not a reference")).isFalse();
        clock.set(TestClockConfiguration.START);
    }
}

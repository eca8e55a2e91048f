package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;

import se.foubot.store.LocalJournal;

/**
 * The recorder behind the ack journal waits out a store that is away without losing or reordering anything, and a
 * piece the store itself refuses is given up after its attempts without holding up the pieces behind it.
 */
class SlackAckJournalRecorderTest {

    @TempDir
    Path dir;

    private static SlackInbox.Work work(String n) {
        return new SlackInbox.Work("post:DU1:" + n, RecordOnceThenAck.MESSAGE, Map.of("user", "U1", "text", "meddelande " + n), "Ev" + n);
    }

    @Test
    void aStoreThatIsAwayIsWaitedOutAndEverythingIsRecordedInOrder() {
        List<String> recorded = new CopyOnWriteArrayList<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        AtomicInteger away = new AtomicInteger(2);
        try (SlackAckJournal journal = new SlackAckJournal(dir)) {
            journal.put(work("1"));
            journal.put(work("2"));
            journal.start(works -> {
                if (away.getAndDecrement() > 0) {
                    throw new DataAccessResourceFailureException("the store is away");
                }
                works.forEach(w -> recorded.add(w.key()));
            }, (w, e) -> refused.add(w.key()));
            journal.put(work("3"));
            await().atMost(Duration.ofSeconds(20)).until(() -> recorded.size() == 3);
            assertThat(recorded).containsExactly("post:DU1:1", "post:DU1:2", "post:DU1:3");
            assertThat(refused).isEmpty();
        }
        try (LocalJournal file = LocalJournal.open(dir.resolve(SlackAckJournal.FILE_NAME))) {
            assertThat(file.entries()).isEmpty();
        }
    }

    @Test
    void aPieceTheStoreRefusesIsGivenUpAfterItsAttemptsAndTheOthersAreRecorded() {
        List<String> recorded = new CopyOnWriteArrayList<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        try (SlackAckJournal journal = new SlackAckJournal(dir)) {
            for (String n : List.of("1", "2", "3")) {
                journal.put(work(n));
            }
            journal.start(works -> {
                if (works.stream().anyMatch(w -> w.key().endsWith(":2"))) {
                    throw new IllegalArgumentException("document refused");
                }
                works.forEach(w -> recorded.add(w.key()));
            }, (w, e) -> refused.add(w.key()));
            await().atMost(Duration.ofSeconds(20)).until(() -> recorded.size() == 2 && refused.size() == 1);
            assertThat(recorded).containsExactly("post:DU1:1", "post:DU1:3");
            assertThat(refused).containsExactly("post:DU1:2");
        }
        try (LocalJournal file = LocalJournal.open(dir.resolve(SlackAckJournal.FILE_NAME))) {
            assertThat(file.entries()).isEmpty();
        }
    }
}

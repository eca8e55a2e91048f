package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append-only journal the Slack ack waits for: what survives a reopen, a cut-short or damaged file, and removal. */
class LocalJournalTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("journal.log");
    }

    @Test
    void entriesPutAreThereAfterReopeningInOrderAndRemovedOnesAreNot() {
        long second;
        try (LocalJournal journal = LocalJournal.open(file())) {
            journal.put("ett");
            second = journal.put("två – åäö");
            journal.put("tre");
            journal.remove(List.of(second));
        }
        try (LocalJournal journal = LocalJournal.open(file())) {
            assertThat(journal.entries().values()).containsExactly("ett", "tre");
            long fourth = journal.put("fyra");
            assertThat(fourth).isGreaterThan(second);
            assertThat(journal.entries().values()).containsExactly("ett", "tre", "fyra");
        }
    }

    @Test
    void aRecordACrashCutShortEndsTheJournalAtTheLastWholeOneAndLaterPutsFollowIt() throws IOException {
        try (LocalJournal journal = LocalJournal.open(file())) {
            journal.put("ett");
            journal.put("två");
            journal.put("tre");
        }
        try (FileChannel f = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            f.truncate(f.size() - 3);
        }
        try (LocalJournal journal = LocalJournal.open(file())) {
            assertThat(journal.entries().values()).containsExactly("ett", "två");
            journal.put("fyra");
        }
        try (LocalJournal journal = LocalJournal.open(file())) {
            assertThat(journal.entries().values()).containsExactly("ett", "två", "fyra");
        }
    }

    @Test
    void aDamagedRecordEndsTheJournalBeforeIt() throws IOException {
        try (LocalJournal journal = LocalJournal.open(file())) {
            journal.put("ett");
            journal.put("två");
            journal.put("tre");
        }
        byte[] bytes = Files.readAllBytes(file());
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("tv");
        bytes[at] ^= 0x20;
        Files.write(file(), bytes);
        try (LocalJournal journal = LocalJournal.open(file())) {
            assertThat(journal.entries().values()).containsExactly("ett");
        }
    }

    @Test
    void onceEverythingIsTakenOutTheWordsLeaveTheFile() throws IOException {
        try (LocalJournal journal = LocalJournal.open(file())) {
            long a = journal.put("{\"text\":\"HEMLIG-RAD-1\"}");
            long b = journal.put("{\"text\":\"HEMLIG-RAD-2\"}");
            journal.remove(List.of(a));
            assertThat(new String(Files.readAllBytes(file()), StandardCharsets.UTF_8)).contains("HEMLIG-RAD-2");
            journal.remove(List.of(b));
            assertThat(Files.size(file())).isZero();
            journal.put("efter");
        }
        try (LocalJournal journal = LocalJournal.open(file())) {
            assertThat(journal.entries().values()).containsExactly("efter");
        }
    }

    @Test
    void aJournalGrownWithEntriesLeftInItIsRewrittenWithOnlyThose() throws IOException {
        String large = "x".repeat(64 * 1024);
        try (LocalJournal journal = LocalJournal.open(file())) {
            journal.put("kvar");
            List<Long> moved = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                moved.add(journal.put(large + i));
                if (moved.size() == 10) {
                    journal.remove(moved);
                    moved.clear();
                }
            }
            journal.remove(moved);
            assertThat(Files.size(file())).isLessThan(17L * 1024 * 1024);
            assertThat(journal.entries().values()).containsExactly("kvar");
        }
        try (LocalJournal journal = LocalJournal.open(file())) {
            assertThat(journal.entries().values()).containsExactly("kvar");
        }
    }

    @Test
    void entriesAnEarlierVersionLeftInItsMvStoreFileAreTakenOverAndThatFileDeleted() {
        Path earlier = dir.resolve("journal.mv");
        MVStore old = new MVStore.Builder().fileName(earlier.toString()).open();
        MVMap<Long, String> entries = old.openMap("entries");
        entries.put(7L, "från förr 1");
        entries.put(8L, "från förr 2");
        old.commit();
        old.close();
        try (LocalJournal journal = LocalJournal.open(file(), earlier)) {
            assertThat(journal.entries().values()).containsExactly("från förr 1", "från förr 2");
        }
        assertThat(earlier).doesNotExist();
        try (LocalJournal journal = LocalJournal.open(file(), earlier)) {
            assertThat(journal.entries().values()).containsExactly("från förr 1", "från förr 2");
        }
    }

    @Test
    void aSecondOpenOfTheSameJournalIsRefusedWhileTheFirstHoldsIt() {
        try (LocalJournal journal = LocalJournal.open(file())) {
            assertThatThrownBy(() -> LocalJournal.open(file())).hasMessageContaining("open in another process");
        }
        LocalJournal.open(file()).close();
    }

    @Test
    void putsFromManyThreadsAtOnceShareFsyncsAndAllAreKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        int puts = 800;
        try (LocalJournal journal = LocalJournal.open(file())) {
            List<Future<Long>> done = new ArrayList<>();
            for (int i = 0; i < puts; i++) {
                String value = "ack " + i;
                done.add(pool.submit(() -> journal.put(value)));
            }
            for (Future<Long> f : done) {
                f.get();
            }
            assertThat(journal.forces()).isLessThan(puts);
        } finally {
            pool.shutdown();
        }
        try (LocalJournal journal = LocalJournal.open(file())) {
            assertThat(journal.entries()).hasSize(puts);
        }
    }
}

package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers that arrive while a commit is being forced to disk are answered together by the next one (leader and
 * followers): none is answered before its write is on disk, and eight writes cost one commit, not eight.
 */
class GroupCommitTest {

    @TempDir
    Path dir;

    @Test
    void writersWaitingForTheDiskAreAllAnsweredByOneCommitThatCoversTheirWrites() throws Exception {
        Path file = dir.resolve("group.mv");
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0).open();
        ExecutorService writers = Executors.newFixedThreadPool(9);
        try (GroupCommit commits = new GroupCommit(store, 3600)) {
            MVMap<String, String> map = store.openMap("requests");
            // the disk is busy: a commit is in hand (as a slow fsync would hold it) until released
            CountDownLatch diskBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> slowCommit = writers.submit(() -> commits.withFileAtRest(() -> {
                diskBusy.countDown();
                release.await();
                return null;
            }));
            diskBusy.await();
            long before = commits.commitsOnDisk();

            AtomicInteger answered = new AtomicInteger();
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String key = "slack-event-" + i;
                writes.add(writers.submit(() -> {
                    commits.command(() -> map.put(key, "recorded"), true);
                    answered.incrementAndGet();
                }));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> map.size() == 8);
            assertThat(answered.get()).as("written, but not on disk yet: nobody is answered").isZero();

            release.countDown();
            slowCommit.get();
            for (Future<?> write : writes) {
                write.get();
            }
            assertThat(answered.get()).isEqualTo(8);
            assertThat(commits.commitsOnDisk() - before).as("one commit answered all eight").isEqualTo(1);
        } finally {
            writers.shutdownNow();
            store.closeImmediately();
        }
        MVStore reopened = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            assertThat(reopened.<String, String>openMap("requests")).hasSize(8);
        } finally {
            reopened.close();
        }
    }
}

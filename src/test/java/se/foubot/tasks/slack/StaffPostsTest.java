package se.foubot.tasks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.store.ProcessBoot;
import se.foubot.support.EmbeddedStoreFixture;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;
import se.foubot.tasks.SupportTask;

/** The turn to post a task's first staff message, on the embedded store through the real driver. */
class StaffPostsTest {

    @TempDir
    static Path dir;

    static EmbeddedStoreFixture store;

    @BeforeAll
    static void start() {
        store = new EmbeddedStoreFixture(dir.resolve("store"));
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    /**
     * Helper 101: a process killed (or stopped) right after making tasks held their first-post turns, and their cards
     * came five minutes later, after newer ones. The next process on the data directory gives those turns back at
     * once; a turn a living replica holds still runs its time.
     */
    @Test
    void theTurnsTheProcessBeforeHeldAreGivenBackOnceAndALivingReplicasAreNot(@TempDir Path dataDir) throws Exception {
        MutableClock clock = new MutableClock(TestClockConfiguration.START);
        MongoTemplate mongo = store.template();
        String tasks = mongo.getCollectionName(SupportTask.class);
        Date turnRunsOut = Date.from(clock.instant().plus(Duration.ofMinutes(5)));
        mongo.insert(new Document("_id", "FOU-2026-0901").append("postTurnUntil", turnRunsOut)
                .append(StaffPosts.POST_TURN_BY, "staff-post-aaaaaaaaaaaa"), tasks);
        mongo.insert(new Document("_id", "FOU-2026-0902").append("postTurnUntil", turnRunsOut)
                .append(StaffPosts.POST_TURN_BY, "staff-post-bbbbbbbbbbbb"), tasks);
        // the process before this one on the data directory, killed while it held the first turn
        Files.writeString(dataDir.resolve("process-boot"), "aaaaaaaaaaaa");
        ProcessBoot boot = new ProcessBoot(dataDir);
        try {
            StaffPosts posts = new StaffPosts(mongo, clock, boot);
            assertThat(posts.takeFirstPostTurn("FOU-2026-0901", Duration.ofMinutes(5))).as("held by the dead process").isFalse();

            assertThat(posts.takeBackTurns()).containsExactly("FOU-2026-0901");
            assertThat(posts.takeFirstPostTurn("FOU-2026-0901", Duration.ofMinutes(5))).isTrue();
            assertThat(mongo.findById("FOU-2026-0901", Document.class, tasks).getString(StaffPosts.POST_TURN_BY))
                    .isEqualTo("staff-post-" + boot.id());
            assertThat(posts.takeFirstPostTurn("FOU-2026-0902", Duration.ofMinutes(5))).as("a living replica's").isFalse();
            assertThat(posts.takeBackTurns()).as("once").isEmpty();

            clock.advance(Duration.ofMinutes(6));
            assertThat(posts.takeFirstPostTurn("FOU-2026-0902", Duration.ofMinutes(5))).as("its time has run out").isTrue();
        } finally {
            boot.release();
        }
    }
}

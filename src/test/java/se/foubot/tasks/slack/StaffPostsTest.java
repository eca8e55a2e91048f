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
            assertThat(posts.takeFirstPostTurn("FOU-2026-0901", Duration.ofMinutes(5))).as("held by the dead process")
                    .isEqualTo(StaffPosts.FirstPostTurn.HELD);

            assertThat(posts.takeBackTurns()).containsExactly("FOU-2026-0901");
            assertThat(posts.takeFirstPostTurn("FOU-2026-0901", Duration.ofMinutes(5))).as("the dead process may have posted it")
                    .isEqualTo(StaffPosts.FirstPostTurn.AFTER_ANOTHER);
            assertThat(mongo.findById("FOU-2026-0901", Document.class, tasks).getString(StaffPosts.POST_TURN_BY))
                    .isEqualTo("staff-post-" + boot.id());
            assertThat(posts.takeFirstPostTurn("FOU-2026-0902", Duration.ofMinutes(5))).as("a living replica's")
                    .isEqualTo(StaffPosts.FirstPostTurn.HELD);
            assertThat(posts.takeBackTurns()).as("once").isEmpty();

            clock.advance(Duration.ofMinutes(6));
            assertThat(posts.takeFirstPostTurn("FOU-2026-0902", Duration.ofMinutes(5))).as("its time has run out: its holder may have posted")
                    .isEqualTo(StaffPosts.FirstPostTurn.AFTER_ANOTHER);
        } finally {
            boot.release();
        }
    }

    /**
     * Helper 108: killed while Slack held the card's post, and the next process killed again as it was ready, having
     * taken the turn back: the third process did not know that anyone had held it, and posted a second card. Taken
     * back, a turn still names its last holder until a card is recorded, for whoever takes it next.
     */
    @Test
    void aTurnTakenBackByAProcessKilledInItsTurnStillTellsTheNextOneToLookForTheCard(@TempDir Path dataDir) throws Exception {
        MutableClock clock = new MutableClock(TestClockConfiguration.START);
        MongoTemplate mongo = store.template();
        String tasks = mongo.getCollectionName(SupportTask.class);
        mongo.insert(new Document("_id", "FOU-2026-0911").append("postTurnUntil", Date.from(clock.instant().plus(Duration.ofMinutes(5))))
                .append(StaffPosts.POST_TURN_BY, "staff-post-cccccccccccc"), tasks);
        mongo.insert(new Document("_id", "FOU-2026-0912"), tasks);
        Files.writeString(dataDir.resolve("process-boot"), "cccccccccccc");
        ProcessBoot second = new ProcessBoot(dataDir);
        assertThat(new StaffPosts(mongo, clock, second).takeBackTurns()).containsExactly("FOU-2026-0911");
        second.release(); // killed here, before its repost took the turn
        ProcessBoot third = new ProcessBoot(dataDir);
        try {
            assertThat(third.previous()).contains(second.id());
            StaffPosts posts = new StaffPosts(mongo, clock, third);
            assertThat(posts.takeBackTurns()).as("the second held nothing").isEmpty();
            assertThat(posts.takeFirstPostTurn("FOU-2026-0911", Duration.ofMinutes(5))).isEqualTo(StaffPosts.FirstPostTurn.AFTER_ANOTHER);
            assertThat(posts.takeFirstPostTurn("FOU-2026-0912", Duration.ofMinutes(5))).as("never held: no card to look for")
                    .isEqualTo(StaffPosts.FirstPostTurn.FIRST);

            posts.giveBackFirstPostTurn("FOU-2026-0912");
            assertThat(posts.takeFirstPostTurn("FOU-2026-0912", Duration.ofMinutes(5))).as("after a failed post Slack may have kept")
                    .isEqualTo(StaffPosts.FirstPostTurn.AFTER_ANOTHER);
            posts.markPosted("FOU-2026-0912", new se.foubot.tasks.StaffPost("C0STAFF", "1.2"), "shows");
            assertThat(posts.takeFirstPostTurn("FOU-2026-0912", Duration.ofMinutes(5))).isEqualTo(StaffPosts.FirstPostTurn.HELD);
        } finally {
            third.release();
        }
    }
}

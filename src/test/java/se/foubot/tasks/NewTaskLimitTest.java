package se.foubot.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import se.foubot.support.EmbeddedStoreFixture;
import se.foubot.support.MutableClock;
import se.foubot.support.OwnThreads;
import se.foubot.support.TestClockConfiguration;

/** The new-task limit decided in MongoDB: two replicas racing for the last places give out exactly the limit. */
class NewTaskLimitTest {

    @TempDir
    static Path dir;

    static EmbeddedStoreFixture store;
    static MongoClient second;

    @BeforeAll
    static void start() {
        store = new EmbeddedStoreFixture(dir);
        second = MongoClients.create(store.store().connectionString("test"));
    }

    @AfterAll
    static void stop() {
        second.close();
        store.close();
    }

    @Test
    void twoReplicasRacingGiveOneSenderExactlyTenNewTasksAnHourAndThePlacesComeBackAsTheHourSlides() throws Exception {
        MutableClock clock = new MutableClock(TestClockConfiguration.START);
        TaskLimitProperties ten = new TaskLimitProperties(10, Duration.ofHours(1));
        NewTaskLimit a = new NewTaskLimit(store.template(), clock, ten);
        NewTaskLimit b = new NewTaskLimit(new MongoTemplate(second, "test"), clock, ten);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> takes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            NewTaskLimit replica = i % 2 == 0 ? a : b;
            takes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    replica.take("email", "flood@stockholm.se", "test:" + java.util.UUID.randomUUID());
                    return true;
                } catch (NewTaskLimitReached limited) {
                    return false;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, OwnThreads.EACH));
        }
        go.countDown();
        assertThat(takes.stream().map(CompletableFuture::join).filter(ok -> ok)).hasSize(10);
        assertThat(a.atLimit()).singleElement().satisfies(s -> {
            assertThat(s.sender()).isEqualTo("flood@stockholm.se");
            assertThat(s.freeAgainAt()).isEqualTo(TestClockConfiguration.START.plus(Duration.ofHours(1)));
        });
        a.take("slack", "flood@stockholm.se", "test:" + java.util.UUID.randomUUID()); // another channel counts on its own

        clock.advance(Duration.ofMinutes(59));
        assertThatThrownBy(() -> b.take("email", "flood@stockholm.se", "test:" + java.util.UUID.randomUUID())).isInstanceOf(NewTaskLimitReached.class)
                .satisfies(e -> assertThat(((NewTaskLimitReached) e).limit()).isEqualTo(10));
        clock.advance(Duration.ofMinutes(2));
        b.take("email", "flood@stockholm.se", "test:" + java.util.UUID.randomUUID());
        assertThat(a.inWindow("email", "flood@stockholm.se")).isEqualTo(1);
        assertThat(a.atLimit()).isEmpty();
    }
}

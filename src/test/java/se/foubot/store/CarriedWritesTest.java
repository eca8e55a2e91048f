package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/**
 * A write sent with {@code j: false} through the real MongoDB driver is answered without waiting for a commit, and the
 * durable write after it takes it to disk: a copy of the file taken right after the durable write's answer holds both.
 */
class CarriedWritesTest {

    @TempDir
    Path dir;

    @Test
    void aCarriedWriteIsAnsweredWhileTheDiskIsBusyAndTheNextDurableWriteTakesItToDisk() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(3);
        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir.resolve("data"), 0);
                MongoClient client = MongoClients.create(store.connectionString("foubot"))) {
            MongoCollection<Document> counters = client.getDatabase("foubot").getCollection("counters");
            MongoCollection<Document> tasks = client.getDatabase("foubot").getCollection("tasks");
            counters.insertOne(new Document("_id", "warm"));

            // the disk is busy: a commit is in hand until released
            CountDownLatch diskBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> slowCommit = writers.submit(() -> store.whileCommitsWait(() -> {
                diskBusy.countDown();
                release.await();
                return null;
            }));
            assertThat(diskBusy.await(30, TimeUnit.SECONDS)).isTrue();

            Future<?> carried = writers.submit(() -> counters.withWriteConcern(CarriedWrites.CARRIED)
                    .insertOne(new Document("_id", "support-request-2026").append("seq", 1L)));
            carried.get(30, TimeUnit.SECONDS);
            Future<?> durable = writers.submit(() -> tasks.insertOne(new Document("_id", "FOU-2026-0001")));
            assertThat(counters.find(Filters.eq("_id", "support-request-2026")).first()).as("applied and readable at once").isNotNull();
            assertThat(durable.isDone()).as("a durable write waits for the disk").isFalse();

            release.countDown();
            slowCommit.get(30, TimeUnit.SECONDS);
            durable.get(30, TimeUnit.SECONDS);
            // the file as it is on disk now, before anything else is written
            Files.copy(store.file(), copy.resolve(store.file().getFileName()));
        } finally {
            writers.shutdownNow();
        }
        try (EmbeddedMongoStore reopened = EmbeddedMongoStore.start(copy, 0);
                MongoClient client = MongoClients.create(reopened.connectionString("foubot"))) {
            var db = client.getDatabase("foubot");
            assertThat(db.getCollection("tasks").find(Filters.eq("_id", "FOU-2026-0001")).first()).isNotNull();
            assertThat(db.getCollection("counters").find(Filters.eq("_id", "support-request-2026")).first())
                    .as("carried to disk by the durable write after it").isNotNull();
        }
    }

    @Test
    void onlyAnExplicitJournalFalseIsCarried() {
        assertThat(CarriedWrites.carried(new de.bwaldvogel.mongo.bson.Document("insert", "c"))).isFalse();
        assertThat(CarriedWrites.carried(new de.bwaldvogel.mongo.bson.Document("insert", "c").append("writeConcern",
                new de.bwaldvogel.mongo.bson.Document("w", "majority").append("j", true)))).isFalse();
        assertThat(CarriedWrites.carried(new de.bwaldvogel.mongo.bson.Document("insert", "c").append("writeConcern",
                new de.bwaldvogel.mongo.bson.Document("w", 1).append("j", false)))).isTrue();
    }
}

package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import se.foubot.support.EmbeddedStoreFixture;

/**
 * The embedded store in a process of its own ({@code fou-bot store}), written to by eight connections at once and
 * killed with SIGKILL in the middle: every insert and update it acknowledged is in the file afterwards, three kills in
 * a row on the same file.
 */
class AcknowledgedWritesSurviveAKillTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteIsThereAfterAKill() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> counted = ConcurrentHashMap.newKeySet();
        Random random = new Random();
        for (int round = 0; round < 3; round++) {
            Process store = startStore();
            int port = awaitPort(store);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=10000")) {
                MongoCollection<Document> requests = client.getDatabase("foubot").getCollection("requests");
                MongoCollection<Document> counters = client.getDatabase("foubot").getCollection("counters");
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService writers = Executors.newFixedThreadPool(8);
                String r = "r" + round;
                for (int w = 0; w < 8; w++) {
                    String writer = r + "-w" + w;
                    writers.execute(() -> {
                        for (int i = 0; running.get(); i++) {
                            String id = writer + "-" + i;
                            try {
                                requests.insertOne(new Document("_id", id).append("text", "förfrågan " + i));
                                acknowledged.add(id);
                                counters.updateOne(Filters.eq("_id", writer), Updates.addToSet("seen", id),
                                        new com.mongodb.client.model.UpdateOptions().upsert(true));
                                counted.add(id);
                            } catch (MongoException e) {
                                // on a busy machine a write can time out while the store lives: that write was not
                                // acknowledged, and the writer goes on; once the store is killed, it stops
                                if (!running.get() || !store.isAlive()) {
                                    return;
                                }
                            }
                        }
                    });
                }
                // killed at a different point each round, while all eight write
                int target = acknowledged.size() + 150 + random.nextInt(150);
                // the deadline only bounds a store that stopped answering; the target is what counts
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
                while (acknowledged.size() < target && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                store.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                running.set(false);
                writers.shutdown();
                assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
        }
        try (EmbeddedStoreFixture reopened = new EmbeddedStoreFixture(dir)) {
            Set<String> stored = new HashSet<>();
            reopened.template().getMongoDatabaseFactory().getMongoDatabase("foubot").getCollection("requests").find()
                    .forEach(d -> stored.add(d.getString("_id")));
            Set<String> seen = new HashSet<>();
            reopened.template().getMongoDatabaseFactory().getMongoDatabase("foubot").getCollection("counters").find()
                    .forEach(d -> seen.addAll(d.getList("seen", String.class)));
            assertThat(acknowledged).as("acknowledged inserts").hasSizeGreaterThanOrEqualTo(450);
            assertThat(stored).containsAll(acknowledged);
            assertThat(seen).containsAll(counted);
        }
    }

    private Process startStore() throws IOException {
        Files.deleteIfExists(dir.resolve(EmbeddedMongoStore.PORT_FILE_NAME));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "se.foubot.cli.Launcher", "store", "--port=0", "--data-dir=" + dir));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("store.log").toFile()).start();
    }

    private int awaitPort(Process store) throws Exception {
        Path portFile = dir.resolve(EmbeddedMongoStore.PORT_FILE_NAME);
        // generous, because a JVM starting on a loaded two-core machine can take a minute
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (store.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                String port = Files.readString(portFile).trim();
                if (!port.isEmpty()) {
                    return Integer.parseInt(port);
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the store process did not start");
    }
}

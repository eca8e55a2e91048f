package se.foubot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import se.foubot.store.EmbeddedMongoStore;
import se.foubot.store.StoreBackups;
import se.foubot.support.EmbeddedStoreFixture;

/**
 * {@code fou-bot store backup DIR} and {@code store restore DIR} as an operator runs them: a backup taken while
 * writes go on holds everything acknowledged before it began and nothing half-written; restore refuses while a store
 * runs on the data directory, puts the backup back afterwards, and keeps the file it replaced.
 */
class StoreBackupCommandTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int store(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return new StoreBackupCommand(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private int store(String... args) {
        return store(Map.of(), args);
    }

    @Test
    void aBackupDuringWritesRestoresToEverythingAcknowledgedBeforeIt() throws Exception {
        Path data = tmp.resolve("data");
        Path backup = tmp.resolve("backups/2027-03-10");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> beforeBackup;
        Set<String> inBackupAtRestore = new HashSet<>();
        try (EmbeddedMongoStore running = EmbeddedMongoStore.start(data, 0);
                MongoClient client = MongoClients.create(running.connectionString("foubot"))) {
            MongoCollection<Document> requests = client.getDatabase("foubot").getCollection("requests");
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 4; w++) {
                String writer = "w" + w;
                writers.execute(() -> {
                    for (int i = 0; writing.get(); i++) {
                        requests.insertOne(new Document("_id", writer + "-" + i).append("text", "förfrågan " + i));
                        acknowledged.add(writer + "-" + i);
                    }
                });
            }
            while (acknowledged.size() < 300) {
                Thread.sleep(10);
            }
            beforeBackup = Set.copyOf(acknowledged);

            assertThat(store("backup", backup.toString(), "--data-dir=" + data)).as(err.toString()).isZero();
            assertThat(out.toString()).contains("from the running store").contains("read through without error");

            // while the store runs, a restore is refused and changes nothing
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            String current = sha256Of(running.file());
            assertThat(store("restore", backup.toString(), "--data-dir=" + data)).isEqualTo(1);
            assertThat(err.toString()).contains("in use by another process");
            assertThat(sha256Of(running.file())).isEqualTo(current);
            assertThat(acknowledged).hasSizeGreaterThan(beforeBackup.size());
        }

        assertThat(store("restore", backup.toString(), "--data-dir=" + data)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("The file it replaced is kept as");
        try (EmbeddedMongoStore restored = EmbeddedMongoStore.start(data, 0);
                MongoClient client = MongoClients.create(restored.connectionString("foubot"))) {
            client.getDatabase("foubot").getCollection("requests").find().forEach(d -> inBackupAtRestore.add(d.getString("_id")));
        }
        assertThat(inBackupAtRestore).containsAll(beforeBackup);
        assertThat(acknowledged).containsAll(inBackupAtRestore);
        // each writer's documents in the backup are its first n: a consistent cut, nothing skipped
        for (int w = 0; w < 4; w++) {
            String writer = "w" + w;
            long n = inBackupAtRestore.stream().filter(id -> id.startsWith(writer + "-")).count();
            for (int i = 0; i < n; i++) {
                assertThat(inBackupAtRestore).contains(writer + "-" + i);
            }
        }
        try (var kept = Files.list(data)) {
            assertThat(kept.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("foubot.mv.before-restore-"));
        }
    }

    @Test
    void aStoreKeepsItsFileLockedAgainstOtherProcessesAfterABackupAndAScrub() throws Exception {
        Path data = tmp.resolve("locked");
        Path backup = tmp.resolve("backups/locked");
        try (EmbeddedMongoStore running = EmbeddedMongoStore.start(data, 0);
                MongoClient client = MongoClients.create(running.connectionString("foubot"))) {
            MongoCollection<Document> requests = client.getDatabase("foubot").getCollection("requests");
            requests.insertOne(new Document("_id", "före").append("text", "förfrågan"));
            // as an operator runs them: each command a process of its own, where only the store's OS-level lock
            // tells that the store runs
            assertThat(LauncherProcess.run("store", "backup", backup.toString(), "--data-dir=" + data)).startsWith("0:");
            requests.deleteOne(new Document("_id", "före"));
            running.scrub();

            // (nothing in this JVM may open the store file meanwhile: closing it would drop the lock under test)
            assertThat(LauncherProcess.run("store", "restore", backup.toString(), "--data-dir=" + data))
                    .startsWith("1:").contains("in use by another process");
            try (var files = Files.list(data)) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains("before-restore"));
            }
            assertThat(requests.countDocuments()).isZero();
        }
    }

    @Test
    void aBackupOfAStoppedStoreIsACopyOfItsFile() throws Exception {
        Path data = tmp.resolve("data");
        storeWithRequests(data, 200);
        Path backup = tmp.resolve("backup");

        assertThat(store("backup", backup.toString(), "--data-dir=" + data)).as(err.toString()).isZero();

        assertThat(out.toString()).contains("no bot running").contains("2 collections, 201 documents");
        assertThat(sha256Of(StoreBackups.storeFile(backup)))
                .isEqualTo(sha256Of(StoreBackups.storeFile(data)));
        // every request's words are in it: the directories the bot made are its user's alone
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(backup)))
                .isEqualTo("rwx------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
        assertThat(store("backup", backup.toString(), "--data-dir=" + data)).isEqualTo(1);
        assertThat(err.toString()).contains("already holds a backup");
    }

    @Test
    void aBackupChangedAfterwardsIsNotRestored() throws Exception {
        Path data = tmp.resolve("data");
        storeWithRequests(data, 200);
        Path backup = tmp.resolve("backup");
        assertThat(store("backup", backup.toString(), "--data-dir=" + data)).isZero();
        Path copy = StoreBackups.storeFile(backup);
        byte[] bytes = Files.readAllBytes(copy);
        bytes[bytes.length / 2] ^= 1;
        Files.write(copy, bytes);
        String current = sha256Of(StoreBackups.storeFile(data));

        assertThat(store("restore", backup.toString(), "--data-dir=" + data)).isEqualTo(1);

        assertThat(err.toString()).contains("does not match its note");
        assertThat(sha256Of(StoreBackups.storeFile(data))).isEqualTo(current);
    }

    @Test
    void withAnExternalMongoDbItPointsAtMongodump() {
        assertThat(store(Map.of("FOUBOT_MONGODB_URI", "mongodb://db1,db2/foubot?replicaSet=rs0"), "backup",
                tmp.resolve("b").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("mongodump");
    }

    /** A closed store with {@code n} request-like documents and a counter. */
    private static void storeWithRequests(Path dir, int n) {
        try (EmbeddedStoreFixture store = new EmbeddedStoreFixture(dir)) {
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                docs.add(new Document("_id", "FOU-2027-" + i).append("district", "Farsta").append("text",
                        "Vi behöver en uppföljningsmall för vårt nya arbetssätt, förfrågan nummer " + i));
            }
            store.template().getCollection("requests").insertMany(docs);
            store.template().getCollection("counters").insertOne(new Document("_id", "seq").append("n", n));
        }
    }

    private static String sha256Of(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

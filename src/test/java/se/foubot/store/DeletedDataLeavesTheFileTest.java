package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.privacy.RetentionJob;
import se.foubot.support.EmbeddedStoreFixture;

/**
 * A deletion through the driver removes the document from the collection at once, but its bytes stay in the store
 * file's free space until scrubbed; after a scrub they are gone from the file, and every live document still reads.
 * That holds for a file whose live data is larger than the process's memory too: the scrub rewrites the file's sparse
 * chunks a few megabytes at a time (rewriting them in one go ran out of memory on a file of gigabytes, and the store
 * then refused every command until a restart).
 */
class DeletedDataLeavesTheFileTest {

    private static final String LARGE_MARKER = "MARKER-gallras-bort-stor-9d2e";
    private static final int DOCUMENTS = 400;
    /** A quarter of a megabyte each: 100 MB of live data, for a process allowed 64 MB. */
    private static final int DOCUMENT_CHARS = 256 * 1024;

    @Test
    void aDeletedDocumentIsStillInTheFileUntilTheScrubAndGoneAfterIt(@TempDir Path dataDir) throws IOException {
        try (EmbeddedStoreFixture fixture = new EmbeddedStoreFixture(dataDir)) {
            var mongo = fixture.template();
            for (int i = 0; i < 500; i++) {
                mongo.insert(new Document("_id", "keep-" + i).append("text", "Förfrågan nummer " + i + " om uppföljning i Bromma"),
                        "support_tasks");
            }
            mongo.insert(new Document("_id", "gone").append("text", "MARKER-gallras-bort-7c1f"), "support_tasks");
            for (int i = 0; i < 500; i += 3) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is("keep-" + i)),
                        org.springframework.data.mongodb.core.query.Update.update("status", "DONE"), "support_tasks");
            }
            mongo.remove(Query.query(Criteria.where("_id").is("gone")), "support_tasks");
            assertThat(mongo.findById("gone", Document.class, "support_tasks")).isNull();
            assertThat(occurrences(fixture.store().file(), "MARKER-gallras-bort-7c1f"))
                    .as("without a scrub the deleted text is still in the file").isPositive();

            assertThat(fixture.store().scrub()).isPositive();

            assertThat(occurrences(fixture.store().file(), "MARKER-gallras-bort-7c1f")).isZero();
            assertThat(mongo.count(new Query(), "support_tasks")).isEqualTo(500);
            assertThat(mongo.findById("keep-499", Document.class, "support_tasks").getString("text")).endsWith("i Bromma");
            mongo.insert(new Document("_id", "after").append("text", "skrivet efter"), "support_tasks");
        }
        // the scrubbed file opens again, whole
        try (EmbeddedStoreFixture again = new EmbeddedStoreFixture(dataDir)) {
            assertThat(again.template().count(new Query(), "support_tasks")).isEqualTo(501);
            assertThat(occurrences(again.store().file(), "MARKER-gallras-bort-7c1f")).isZero();
        }
    }

    @Test
    void aScrubCutShortByTheProcessEndingIsDoneAtTheNextRetentionRunThoughThatRunDeletesNothing(@TempDir Path dataDir)
            throws IOException {
        try (EmbeddedStoreFixture fixture = new EmbeddedStoreFixture(dataDir)) {
            var mongo = fixture.template();
            for (int i = 0; i < 200; i++) {
                mongo.insert(new Document("_id", "keep-" + i).append("text", "Förfrågan nummer " + i), "support_tasks");
            }
            mongo.insert(new Document("_id", "gone").append("text", "MARKER-ej-skrubbad-3b8a"), "support_tasks");
            scrubberOf(fixture.store(), dataDir).beforeRetention(new RetentionJob.Starting());
            mongo.remove(Query.query(Criteria.where("_id").is("gone")), "support_tasks");
            // the process ends here, after the run's deletions and before its scrub
        }
        assertThat(occurrences(dataDir.resolve(EmbeddedMongoStore.FILE_NAME), "MARKER-ej-skrubbad-3b8a")).isPositive();
        try (EmbeddedStoreFixture again = new EmbeddedStoreFixture(dataDir)) {
            StoreScrubber scrubber = scrubberOf(again.store(), dataDir);
            scrubber.beforeRetention(new RetentionJob.Starting());
            scrubber.afterRetention(new RetentionJob.Ran(new RetentionJob.Report(Map.of("support_tasks", 0L))));

            assertThat(occurrences(again.store().file(), "MARKER-ej-skrubbad-3b8a")).isZero();
            assertThat(again.store().oweScrub()).as("owed no longer once scrubbed").isFalse();
            again.store().forgetScrub();
            assertThat(again.template().count(new Query(), "support_tasks")).isEqualTo(200);
        }
    }

    private static StoreScrubber scrubberOf(EmbeddedMongoStore store, Path dataDir) {
        StoreProperties embedded = new StoreProperties(null, dataDir, "test", 0, Duration.ofSeconds(1), Duration.ofSeconds(1));
        return new StoreScrubber(embedded, new StaticListableBeanFactory(Map.of("store", store)).getBeanProvider(EmbeddedMongoStore.class));
    }

    @Test
    void aStoreWithMoreLiveDataThanTheHeapIsScrubbedAndTakesWritesAfterwards(@TempDir Path dir) throws Exception {
        try (EmbeddedStoreFixture fixture = new EmbeddedStoreFixture(dir)) {
            var mongo = fixture.template();
            for (int batch = 0; batch < DOCUMENTS / 8; batch++) {
                List<Document> documents = new ArrayList<>();
                for (int i = batch * 8; i < batch * 8 + 8; i++) {
                    String text = "Uppföljning av insatser i Bromma, ärende " + i + " ";
                    documents.add(new Document("_id", "keep-" + i).append("text", text.repeat(DOCUMENT_CHARS / text.length())));
                }
                mongo.insert(documents, "support_tasks");
                if (batch == DOCUMENTS / 16) {
                    mongo.insert(new Document("_id", "gone").append("text", LARGE_MARKER), "support_tasks");
                }
            }
            mongo.remove(Query.query(Criteria.where("_id").is("gone")), "support_tasks");
        }
        assertThat(occurrences(dir.resolve(EmbeddedMongoStore.FILE_NAME), LARGE_MARKER))
                .as("without a scrub the deleted text is still in the file").isPositive();

        String output = scrubInAProcessWith64Megabytes(dir);

        assertThat(output).contains("written").containsPattern("overwritten=[1-9]");
        assertThat(occurrences(dir.resolve(EmbeddedMongoStore.FILE_NAME), LARGE_MARKER)).isZero();
        try (EmbeddedStoreFixture again = new EmbeddedStoreFixture(dir)) {
            var mongo = again.template();
            assertThat(mongo.count(new Query(), "support_tasks")).isEqualTo(DOCUMENTS + 1);
            assertThat(mongo.findById("keep-" + (DOCUMENTS - 1), Document.class, "support_tasks").getString("text"))
                    .startsWith("Uppföljning av insatser i Bromma, ärende " + (DOCUMENTS - 1));
        }
    }

    private static String scrubInAProcessWith64Megabytes(Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = dir.resolve("scrub.log");
        Process scrub = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                ScrubInASmallHeap.class.getName(), dir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // generous: a JVM on a loaded two-core machine
        boolean ended = scrub.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            scrub.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertThat(ended).as("the scrub ended; its output:%n%s", output).isTrue();
        assertThat(scrub.exitValue()).as("the scrubbing process's exit; its output:%n%s", output).isZero();
        return output;
    }

    private static int occurrences(Path file, String text) throws IOException {
        String all = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }
}

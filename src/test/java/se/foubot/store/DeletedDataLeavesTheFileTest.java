package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.support.EmbeddedStoreFixture;

/**
 * A deletion through the driver removes the document from the collection at once, but its bytes stay in the store
 * file's free space until scrubbed; after a scrub they are gone from the file, and every live document still reads.
 */
class DeletedDataLeavesTheFileTest {

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

    private static int occurrences(Path file, String text) throws IOException {
        String all = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = all.indexOf(text); i >= 0; i = all.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }
}

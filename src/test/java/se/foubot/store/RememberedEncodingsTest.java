package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * The embedded store writes a page's unchanged documents from the BSON it remembers instead of encoding them again
 * ({@link BsonDocumentType#remembering}); that is right only while a changed document is always a new object in
 * the map. Every kind of change the bot makes, many times over on the same pages, is read back from the file after a
 * restart exactly as the store answered before it.
 */
class RememberedEncodingsTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfChangeIsInTheFileAsTheStoreAnsweredItAfterPagesWereWrittenFromMemory() {
        Map<Object, org.bson.Document> answered = new HashMap<>();
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir, 0);
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<org.bson.Document> docs = client.getDatabase("test").getCollection("docs");
            List<org.bson.Document> first = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                first.add(new org.bson.Document("_id", "doc-" + i).append("n", i).append("text", "Uppföljning " + i)
                        .append("history", new ArrayList<>(List.of(new org.bson.Document("kind", "created")))));
            }
            docs.insertMany(first);
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < 200; i += 7) {
                    // each a durable write: its commit writes the page again, the other documents on it from memory
                    String id = "doc-" + ((i + round) % 200);
                    switch ((i / 7 + round) % 7) {
                        case 0 -> docs.updateOne(Filters.eq("_id", id), Updates.set("text", "ändrad " + round));
                        case 1 -> docs.updateOne(Filters.eq("_id", id), Updates.inc("n", 1000));
                        case 2 -> docs.updateOne(Filters.eq("_id", id), Updates.push("history",
                                new org.bson.Document("kind", "note").append("round", round)));
                        case 3 -> docs.updateOne(Filters.eq("_id", id), Updates.unset("text"));
                        case 4 -> docs.replaceOne(Filters.eq("_id", id), new org.bson.Document("_id", id).append("replaced", round));
                        case 5 -> docs.findOneAndUpdate(Filters.eq("_id", id), Updates.set("history.0.kind", "ändrad"),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                        default -> docs.updateMany(Filters.and(Filters.gte("n", 0), Filters.lt("n", 3)), Updates.inc("n", 1));
                    }
                }
                docs.updateOne(Filters.eq("_id", "new-" + round), Updates.set("made", round), new UpdateOptions().upsert(true));
                docs.replaceOne(Filters.eq("_id", "replaced-" + round), new org.bson.Document("made", round),
                        new ReplaceOptions().upsert(true));
                docs.findOneAndUpdate(Filters.eq("_id", "doc-" + (round * 13)), Updates.set("read", round));
                docs.deleteOne(Filters.eq("_id", "doc-" + (199 - round)));
            }
            docs.find().forEach(d -> answered.put(d.get("_id"), d));
        }
        assertThat(answered).hasSizeGreaterThan(200);

        try (EmbeddedMongoStore again = EmbeddedMongoStore.start(dir, 0);
                MongoClient client = MongoClients.create(again.connectionString("test"))) {
            Map<Object, org.bson.Document> inFile = new HashMap<>();
            client.getDatabase("test").getCollection("docs").find().forEach(d -> inFile.put(d.get("_id"), d));
            assertThat(inFile.keySet()).isEqualTo(answered.keySet());
            assertThat(answered.keySet().stream().filter(id -> !answered.get(id).equals(inFile.get(id))).sorted().toList())
                    .as("documents whose file copy is not what the store answered").isEmpty();
        }
    }

    @Test
    void aDocumentWrittenAgainIsWrittenFromMemoryWithTheSameBytes() {
        BsonDocumentType type = BsonDocumentType.remembering();
        de.bwaldvogel.mongo.bson.Document doc = new de.bwaldvogel.mongo.bson.Document("_id", "FOU-2026-0001")
                .append("summary", "Stöd med en utvärderingsplan");
        byte[] once = written(type, doc);
        assertThat(type.rememberedBytes()).isPositive();
        byte[] twice = written(type, doc);
        assertThat(twice).isEqualTo(once).isEqualTo(written(new BsonDocumentType(), doc));
        assertThat(type.read(ByteBuffer.wrap(twice))).isEqualTo(doc);
    }

    @Test
    void largeDocumentsAreNotRememberedAndTheMemoryStaysWithinItsBytes() {
        BsonDocumentType type = BsonDocumentType.remembering();
        written(type, new de.bwaldvogel.mongo.bson.Document("_id", "large").append("text",
                "x".repeat(BsonDocumentType.LARGEST_REMEMBERED + 1)));
        assertThat(type.rememberedBytes()).isZero();

        for (int i = 0; i < 3 * BsonDocumentType.REMEMBERED; i++) {
            written(type, new de.bwaldvogel.mongo.bson.Document("_id", "doc-" + i).append("text", "y".repeat(8_000)));
            assertThat(type.rememberedBytes()).isLessThanOrEqualTo(BsonDocumentType.REMEMBERED_BYTES);
        }
        assertThat(type.rememberedBytes()).isGreaterThan(BsonDocumentType.REMEMBERED_BYTES / 2);
    }

    private static byte[] written(BsonDocumentType type, de.bwaldvogel.mongo.bson.Document doc) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, doc);
        ByteBuffer bytes = buffer.getBuffer().flip();
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        return out;
    }
}

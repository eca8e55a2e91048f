package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * The embedded store no longer keeps a running total of each collection's size on every write (it cost two encodings
 * of the document per update); {@code collStats} counts it when asked. The figure must still be the documents' size
 * as BSON, counted here by the driver's own encoder, after inserts, updates, deletes and a restart.
 */
class DataSizeOnRequestTest {

    @TempDir
    Path dir;

    @Test
    void collStatsReportsTheDocumentsSizeAsTheDriverEncodesThemAfterWritesAndARestart() throws Exception {
        long expected;
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir, 0);
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<Document> mails = client.getDatabase("test").getCollection("mails");
            for (int i = 0; i < 60; i++) {
                mails.insertOne(new Document("_id", "mail-" + i).append("to", "anna" + i + "@stockholm.se")
                        .append("text", "Hej! Sista dag för ansökan om LUM-medel är den 15 mars. Välkommen att höra av dig. ".repeat(i % 4 + 1)));
            }
            mails.updateMany(Filters.regex("_id", "-1"), Updates.combine(Updates.set("status", "sent"), Updates.unset("to")));
            mails.updateOne(Filters.eq("_id", "mail-2"), Updates.set("text", "kort"));
            mails.deleteMany(Filters.regex("_id", "5$"));
            expected = sizeAsTheDriverEncodes(mails);
            assertThat(collectionSize(client)).isEqualTo(expected).isPositive();
        }
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir, 0);
                MongoClient client = MongoClients.create(store.connectionString("test"))) {
            assertThat(collectionSize(client)).as("after a restart").isEqualTo(expected);
        }
    }

    private static long sizeAsTheDriverEncodes(MongoCollection<Document> collection) {
        long total = 0;
        for (Document d : collection.find()) {
            total += new RawBsonDocument(d, new DocumentCodec()).getByteBuffer().remaining();
        }
        return total;
    }

    private static long collectionSize(MongoClient client) {
        return client.getDatabase("test").runCommand(new Document("collStats", "mails")).get("size", Number.class).longValue();
    }
}

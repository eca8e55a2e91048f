package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import se.foubot.support.OwnThreads;

/**
 * The embedded store never shows a reader half of an update: the stock H2 backend rewrites the stored document
 * in place while it may still be on its way to a reader, which let two concurrent answers of one person lose one.
 */
class IsolatedReadsTest {

    @TempDir
    Path dir;

    @Test
    void aReaderSeesEachDocumentWholeBeforeOrAfterAnUpdateNeverHalfOfIt() throws Exception {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dir, 0);
                MongoClient writerClient = MongoClients.create(store.connectionString("test"));
                MongoClient readerClient = MongoClients.create(store.connectionString("test"))) {
            MongoCollection<Document> writer = writerClient.getDatabase("test").getCollection("docs");
            MongoCollection<Document> reader = readerClient.getDatabase("test").getCollection("docs");
            writer.insertOne(version(0));
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> updates = CompletableFuture.runAsync(() -> {
                for (int v = 1; v <= 1500; v++) {
                    writer.replaceOne(Filters.eq("_id", "conversation"), version(v));
                }
                writing.set(false);
            }, OwnThreads.EACH);
            List<CompletableFuture<Set<String>>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(CompletableFuture.supplyAsync(() -> {
                    Set<String> torn = new HashSet<>();
                    while (writing.get()) {
                        Document d = reader.find(Filters.eq("_id", "conversation")).first();
                        Set<Object> values = new HashSet<>();
                        for (int f = 0; f < 20; f++) {
                            values.add(d.get("field" + f));
                        }
                        if (values.size() != 1) {
                            torn.add(d.toJson());
                        }
                    }
                    return torn;
                }, OwnThreads.EACH));
            }
            updates.join();
            for (CompletableFuture<Set<String>> r : readers) {
                assertThat(r.join()).as("documents read half-updated").isEmpty();
            }
            assertThat(reader.find().first().getInteger("field19")).isEqualTo(1500);
        }
    }

    private static Document version(int v) {
        Document d = new Document("_id", "conversation");
        for (int f = 0; f < 20; f++) {
            d.append("field" + f, v);
        }
        return d;
    }
}

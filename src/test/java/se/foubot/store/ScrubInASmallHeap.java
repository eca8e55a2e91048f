package se.foubot.store;

import java.nio.file.Path;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * A process of its own for {@link DeletedDataLeavesTheFileTest}: opens the store under the given directory, scrubs it, and
 * writes to it afterwards, so the test can give it less memory than the file holds. Prints what the scrub overwrote;
 * exits non-zero when the store no longer takes a write.
 */
final class ScrubInASmallHeap {

    public static void main(String[] args) {
        EmbeddedMongoStore store = EmbeddedMongoStore.start(Path.of(args[0]), 0);
        try (MongoClient client = MongoClients.create(store.connectionString("test") + "?serverSelectionTimeoutMS=20000")) {
            long overwritten = store.scrub();
            System.out.println("overwritten=" + overwritten);
            client.getDatabase("test").getCollection("support_tasks").insertOne(new Document("_id", "after-the-scrub"));
            System.out.println("written");
        } finally {
            store.close();
        }
    }
}

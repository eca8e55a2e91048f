package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import se.foubot.support.EmbeddedStoreFixture;

/**
 * An index made while the same collection is written (every feature ensures its indexes at start while the Slack
 * inbox already redoes what a killed process left): the stock wire server guarded a collection's writes and its list of
 * indexes with different locks, so a write walking the list while an index was added failed with a
 * ConcurrentModificationException — a CI run saw the inbox's update refused and a person's left messages stuck behind it.
 */
class IndexBuiltBesideWritesTest {

    @Test
    void writesGoOnWhileIndexesAreMadeAndEveryIndexHoldsEveryDocument(@TempDir Path dir) throws Exception {
        try (EmbeddedStoreFixture store = new EmbeddedStoreFixture(dir)) {
            writeWhileIndexesAreMade(store.template().getCollection("items"));
        }
    }

    private static void writeWhileIndexesAreMade(MongoCollection<Document> items) throws Exception {
        for (int i = 0; i < 200; i++) {
            items.insertOne(new Document("_id", "item-" + i).append("n", 0).append("slot", "item-" + i + "#free"));
        }
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            threads.add(new Thread(() -> {
                try {
                    go.await();
                    for (int round = 0; round < 300; round++) {
                        String id = "item-" + ((round * 7 + writer) % 200);
                        items.updateOne(Filters.eq("_id", id), Updates.combine(Updates.inc("n", 1),
                                Updates.set("u" + (round % 40), id + ":" + writer + ":" + round)));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        threads.add(new Thread(() -> {
            try {
                go.await();
                for (int i = 0; i < 40; i++) {
                    // unique ones: the wire server keeps only those, walked by every write
                    items.createIndex(Indexes.ascending("u" + i), new IndexOptions().name("u" + i).unique(true).sparse(true));
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }));
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures).as("no write and no index refused").isEmpty();
        assertThat(items.countDocuments(Filters.gt("n", 0))).isPositive();
        // each new index finds the documents written while it was made, by their value now
        for (Document d : items.find()) {
            for (int i = 0; i < 40; i++) {
                Object value = d.get("u" + i);
                if (value != null) {
                    assertThat(items.countDocuments(Filters.and(Filters.eq("_id", d.get("_id")), Filters.eq("u" + i, value))))
                            .as("%s u%d", d.get("_id"), i).isEqualTo(1);
                }
            }
        }
    }
}

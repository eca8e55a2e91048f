package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * A query naming a document's {@code _id} beside other fields (a compare-and-set on a version, "not posted yet") is
 * answered through the {@code _id} index instead of a scan of the collection, with the same answer: each query is
 * compared with the same query wrapped in {@code $and}, which the store answers by the stock scan, over the real
 * driver — finds, updates, find-and-modify and deletes, on a copy of the same documents each.
 */
class QueriesByIdAndMoreTest {

    @TempDir
    static Path dir;

    static EmbeddedMongoStore store;
    static MongoClient client;

    @BeforeAll
    static void start() {
        store = EmbeddedMongoStore.start(dir, 0);
        client = MongoClients.create(store.connectionString("test"));
    }

    @AfterAll
    static void stop() {
        client.close();
        store.close();
    }

    /** Two collections with the same documents: one asked the query, the other the same query inside $and. */
    private static List<MongoCollection<Document>> twins(String name, Random random, List<Object> ids) {
        List<MongoCollection<Document>> both = List.of(client.getDatabase("test").getCollection(name + "_byid"),
                client.getDatabase("test").getCollection(name + "_scan"));
        List<Document> docs = new ArrayList<>();
        for (Object id : ids) {
            Document d = new Document("_id", id).append("version", (long) random.nextInt(3));
            if (random.nextBoolean()) {
                d.append("staffPost", random.nextBoolean() ? null : new Document("ts", "1." + random.nextInt(9)));
            }
            if (random.nextBoolean()) {
                d.append("tags", List.of("a", random.nextBoolean() ? "b" : "c"));
            }
            docs.add(d);
        }
        both.forEach(c -> c.insertMany(docs.stream().map(d -> Document.parse(d.toJson())).toList()));
        return both;
    }

    private static Bson query(Random random, List<Object> ids) {
        Object id = random.nextInt(10) == 0 ? "absent-" + random.nextInt(5) : ids.get(random.nextInt(ids.size()));
        return switch (random.nextInt(5)) {
            case 0 -> Filters.and(Filters.eq("_id", id), Filters.eq("version", (long) random.nextInt(3)));
            case 1 -> Filters.and(Filters.eq("_id", id), Filters.eq("staffPost", null));
            case 2 -> Filters.and(Filters.eq("_id", id), Filters.exists("staffPost", false),
                    Filters.or(Filters.eq("version", 0L), Filters.gt("version", 1L)));
            case 3 -> Filters.and(Filters.eq("_id", id), Filters.eq("tags", "b"));
            default -> Filters.and(Filters.eq("_id", id), Filters.in("version", 1L, 2L), Filters.ne("tags", "c"));
        };
    }

    /** The same query as a scan: its only top-level key is $and, which no index handles. */
    private static Bson scanned(Bson query) {
        return new Document("$and", List.of(query.toBsonDocument()));
    }

    private static List<Document> all(MongoCollection<Document> c) {
        return c.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    @Test
    void aQueryByIdAndOtherFieldsAnswersAsTheScanDoesForStringAndObjectIds() {
        Random random = new Random(20261207);
        for (String kind : List.of("strings", "objectids")) {
            List<Object> ids = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ids.add(kind.equals("strings") ? "FOU-2026-" + i : new ObjectId());
            }
            List<MongoCollection<Document>> c = twins(kind, random, ids);
            for (int q = 0; q < 400; q++) {
                Bson query = query(random, ids);
                assertThat(c.get(0).find(query).into(new ArrayList<>())).as("find %s", query)
                        .isEqualTo(c.get(1).find(scanned(query)).into(new ArrayList<>()));
                assertThat(c.get(0).countDocuments(query)).isEqualTo(c.get(1).countDocuments(scanned(query)));
            }
        }
    }

    @Test
    void updatesFindAndModifyAndDeletesByIdAndOtherFieldsChangeWhatTheScanChanges() {
        Random random = new Random(7);
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add("conversation:" + i);
        }
        List<MongoCollection<Document>> c = twins("writes", random, ids);
        for (int q = 0; q < 600; q++) {
            Bson query = query(random, ids);
            switch (q % 4) {
                case 0 -> assertThat(c.get(0).updateOne(query, Updates.inc("version", 1L)).getModifiedCount())
                        .isEqualTo(c.get(1).updateOne(scanned(query), Updates.inc("version", 1L)).getModifiedCount());
                case 1 -> {
                    FindOneAndUpdateOptions after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
                    Bson set = Updates.combine(Updates.set("staffPost", new Document("ts", "9." + q)), Updates.inc("version", 1L));
                    assertThat(c.get(0).findOneAndUpdate(query, set, after)).isEqualTo(c.get(1).findOneAndUpdate(scanned(query), set, after));
                }
                case 2 -> assertThat(c.get(0).replaceOne(query, new Document("version", (long) q)).getMatchedCount())
                        .isEqualTo(c.get(1).replaceOne(scanned(query), new Document("version", (long) q)).getMatchedCount());
                default -> assertThat(c.get(0).deleteOne(query).getDeletedCount()).isEqualTo(c.get(1).deleteOne(scanned(query)).getDeletedCount());
            }
        }
        assertThat(all(c.get(0))).isEqualTo(all(c.get(1)));
    }
}

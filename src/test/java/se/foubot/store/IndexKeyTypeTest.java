package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * The unique indexes' key type orders, writes and reads keys exactly as H2's stock {@link ObjectDataType}, so index
 * files written by either open in the other: checked against the stock type itself, key by key and through real
 * MVStore files.
 */
class IndexKeyTypeTest {

    @TempDir
    Path dir;

    private final Random random = new Random(20261202);

    @Test
    void ordersEveryPairOfKeysAsTheStockTypeDoesAlsoWhenAskedAgain() {
        IndexKeyType fast = new IndexKeyType();
        ObjectDataType stock = new ObjectDataType();
        List<KeyValue> keys = randomKeys(400);
        for (int round = 0; round < 2; round++) {
            for (KeyValue a : keys) {
                for (KeyValue b : keys) {
                    assertThat(Integer.signum(fast.compare(a, b))).as("%s against %s", a, b)
                            .isEqualTo(Integer.signum(stock.compare(a, b)));
                }
            }
        }
    }

    @Test
    void ordersBytesAsTheStockComparisonDoesHighBytesAndPrefixesIncluded() {
        for (int i = 0; i < 200_000; i++) {
            byte[] a = new byte[random.nextInt(80)];
            random.nextBytes(a);
            byte[] b = a.clone();
            switch (random.nextInt(4)) {
                case 0 -> b = java.util.Arrays.copyOf(a, random.nextInt(a.length + 2)); // a prefix, or one longer
                case 1 -> {
                    if (b.length > 0) {
                        b[random.nextInt(b.length)] = (byte) random.nextInt(256); // one byte differs, either sign
                    }
                }
                case 2 -> random.nextBytes(b);
                default -> { // the same
                }
            }
            assertThat(IndexKeyType.compareBytes(a, b)).isEqualTo(ObjectDataType.compareNotNull(a, b));
        }
    }

    @Test
    void writesTheStockBytesAndReadsWhatTheStockTypeWrote() {
        IndexKeyType fast = new IndexKeyType();
        ObjectDataType stock = new ObjectDataType();
        for (KeyValue key : randomKeys(300)) {
            byte[] written = bytes(fast, key);
            assertThat(written).as("bytes of %s", key).isEqualTo(bytes(stock, key));
            KeyValue read = (KeyValue) fast.read(ByteBuffer.wrap(bytes(stock, key)));
            assertThat(read).isEqualTo(key);
            assertThat(fast.compare(read, key)).as("a key read back equals its original").isZero();
        }
        assertThat(fast.read(ByteBuffer.wrap(bytes(stock, "kein Schlüssel")))).as("other values pass through").isEqualTo("kein Schlüssel");
    }

    @Test
    void anIndexFileWrittenByEitherTypeIsFoundWholeAndInOrderByTheOther() {
        List<KeyValue> keys = randomKeys(3000);
        Path stockFile = dir.resolve("stock.mv");
        Path fastFile = dir.resolve("fast.mv");
        write(stockFile, new ObjectDataType(), keys);
        write(fastFile, new IndexKeyType(), keys);

        List<KeyValue> stockOrder = readBack(stockFile, new ObjectDataType(), keys);
        assertThat(readBack(stockFile, new IndexKeyType(), keys)).as("the stock file read with the new type").isEqualTo(stockOrder);
        assertThat(readBack(fastFile, new ObjectDataType(), keys)).as("the new file read with the stock type").isEqualTo(stockOrder);
        assertThat(readBack(fastFile, new IndexKeyType(), keys)).isEqualTo(stockOrder);
    }

    @Test
    void theEmbeddedStoresUniqueIndexesUseItAndStillRefuseADuplicate() {
        try (MVStore store = new MVStore.Builder().fileName(dir.resolve("store.mv").toString()).open()) {
            MongoServer server = new MongoServer(new IsolatedH2Backend(store));
            try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server.bind()))) {
                MongoCollection<org.bson.Document> tasks = client.getDatabase("foubot").getCollection("tasks");
                tasks.createIndex(Indexes.ascending("sourceKey"), new IndexOptions().unique(true).name("sourceKey_1"));
                for (int i = 0; i < 500; i++) {
                    tasks.insertOne(new org.bson.Document("_id", "FOU-2026-" + i).append("sourceKey", "slack:T1:C" + i));
                }
                assertThat(store.openMap("foubot.tasks._index_sourceKey_1").getKeyType()).isInstanceOf(IndexKeyType.class);
                assertThat(store.openMap("foubot.tasks._index__id_").getKeyType()).isInstanceOf(IndexKeyType.class);
                assertThatThrownBy(() -> tasks.insertOne(new org.bson.Document("_id", "FOU-2026-999").append("sourceKey", "slack:T1:C42")))
                        .isInstanceOf(MongoWriteException.class);
                assertThat(tasks.find(Filters.eq("sourceKey", "slack:T1:C417")).first().getString("_id")).isEqualTo("FOU-2026-417");
            } finally {
                server.shutdownNow();
            }
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private static void write(Path file, DataType<Object> keyType, List<KeyValue> keys) {
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).open()) {
            MVMap<Object, Object> map = store.openMap("index", new MVMap.Builder<>().keyType(keyType));
            for (int i = 0; i < keys.size(); i++) {
                map.putIfAbsent(keys.get(i), "position-" + i);
                if (i % 500 == 0) {
                    store.commit();
                }
            }
        }
    }

    /** Every key is found by lookup (binary search with the given type); returns the keys in the map's order. */
    private static List<KeyValue> readBack(Path file, DataType<Object> keyType, List<KeyValue> keys) {
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            MVMap<Object, Object> map = store.openMap("index", new MVMap.Builder<>().keyType(keyType));
            assertThat(map.sizeAsLong()).isEqualTo(keys.stream().distinct().count());
            for (KeyValue key : keys) {
                assertThat(map.get(key)).as("lookup of %s", key).isNotNull();
            }
            List<KeyValue> order = new ArrayList<>();
            map.keySet().forEach(k -> order.add((KeyValue) k));
            return order;
        }
    }

    private static byte[] bytes(DataType<Object> type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    /** Keys as the bot's unique indexes hold them: strings (Swedish ones too), numbers, ids, pairs, and null parts. */
    private List<KeyValue> randomKeys(int count) {
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int parts = 1 + random.nextInt(2);
            List<Object> values = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                values.add(randomValue());
            }
            keys.add(new KeyValue(values));
        }
        return keys;
    }

    private Object randomValue() {
        return switch (random.nextInt(7)) {
            case 0 -> "slack:T1:C" + random.nextInt(100_000);
            case 1 -> "FOU-2026-" + String.format("%04d", random.nextInt(10_000));
            case 2 -> "mail:<" + Long.toHexString(random.nextLong()) + "@stad.se> åäö";
            case 3 -> random.nextInt();
            case 4 -> random.nextLong();
            case 5 -> new ObjectId();
            default -> random.nextBoolean() ? random.nextDouble() : "reminder:LUM-2026:" + random.nextInt(2000) + "#sent";
        };
    }
}

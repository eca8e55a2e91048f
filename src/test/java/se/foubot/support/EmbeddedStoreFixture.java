package se.foubot.support;

import java.nio.file.Path;

import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import se.foubot.store.EmbeddedMongoStore;

/** The embedded store and a MongoTemplate over the real driver, for tests that need no Spring context. */
public final class EmbeddedStoreFixture implements AutoCloseable {

    private final EmbeddedMongoStore store;
    private final MongoClient client;
    private final MongoTemplate template;

    public EmbeddedStoreFixture(Path dataDir) {
        this.store = EmbeddedMongoStore.start(dataDir, 0);
        this.client = MongoClients.create(store.connectionString("test"));
        this.template = new MongoTemplate(client, "test");
    }

    public MongoTemplate template() {
        return template;
    }

    public EmbeddedMongoStore store() {
        return store;
    }

    @Override
    public void close() {
        client.close();
        store.close();
    }
}

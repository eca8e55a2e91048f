package se.foubot.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A data directory as a process killed with {@code kill -9} leaves it: its id in {@code process-boot} (its lock on the
 * file gone with it), and in the bot's own database what it held, written by {@code left} before the bot starts there.
 */
public final class KilledProcessDataDirectory {

    private KilledProcessDataDirectory() {
    }

    public static void prepare(Path dataDir, String killedId, Consumer<MongoTemplate> left) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("process-boot"), killedId);
        try (EmbeddedStoreFixture store = new EmbeddedStoreFixture(dataDir);
                MongoClient client = MongoClients.create(store.store().connectionString("foubot"))) {
            left.accept(new MongoTemplate(client, "foubot"));
        }
    }
}

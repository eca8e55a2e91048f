package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * A store file written before documents were BSON (the fixture: written by the embedded store of commit 58a8cd8,
 * documents in Java serialisation, as every bot before the upgrade left its file) opens after the upgrade, is read
 * whole, keeps its unique indexes, takes new writes, and reads the same after another restart, when old and new
 * documents share its pages.
 */
class StoreFileFromBeforeBsonTest {

    @TempDir
    Path dataDir;

    @Test
    void aFileWrittenWithJavaSerialisationIsReadWholeAndWrittenOnAfterTheUpgrade() throws Exception {
        try (InputStream fixture = new GZIPInputStream(getClass().getResourceAsStream("/store/foubot-java-serialised.mv.gz"))) {
            Files.copy(fixture, dataDir.resolve(EmbeddedMongoStore.FILE_NAME));
        }
        assertThat(StoreFileCheck.verify(dataDir.resolve(EmbeddedMongoStore.FILE_NAME)).documents())
                .as("the file check reads the old documents").isEqualTo(59 + 20 + 2);

        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dataDir, 0); MongoClient client = client(store)) {
            MongoDatabase db = client.getDatabase("foubot");
            assertWhatTheOldBotWrote(db);
            MongoCollection<Document> tasks = db.getCollection("tasks");
            assertThatThrownBy(() -> tasks.insertOne(new Document("_id", "FOU-2026-0099").append("sourceKey", "slack:T1:C3")))
                    .as("the unique index written before still holds").isInstanceOf(MongoWriteException.class);
            // new documents and changed old ones, written as BSON into pages that also hold old ones
            tasks.insertOne(new Document("_id", "FOU-2026-0100").append("sourceKey", "mail:mid:abc").append("summary", "Utvärdering av öppenvården")
                    .append("createdAt", Date.from(Instant.parse("2026-12-02T08:00:00Z"))).append("hours", 2.5));
            tasks.updateOne(Filters.eq("_id", "FOU-2026-0008"), Updates.set("status", "pågår"));
            db.getCollection("conversations").updateOne(Filters.eq("_id", new ObjectId("65f0c0ffee0000000000abcd")),
                    Updates.set("answers.antal", 13));
        }

        assertThat(StoreFileCheck.verify(dataDir.resolve(EmbeddedMongoStore.FILE_NAME)).documents()).isEqualTo(59 + 20 + 2 + 1);
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(dataDir, 0); MongoClient client = client(store)) {
            MongoDatabase db = client.getDatabase("foubot");
            MongoCollection<Document> tasks = db.getCollection("tasks");
            Document added = tasks.find(Filters.eq("_id", "FOU-2026-0100")).first();
            assertThat(added.getString("summary")).isEqualTo("Utvärdering av öppenvården");
            assertThat(added.getDate("createdAt")).isEqualTo(Date.from(Instant.parse("2026-12-02T08:00:00Z")));
            assertThat(added.getDouble("hours")).isEqualTo(2.5);
            assertThat(tasks.find(Filters.eq("_id", "FOU-2026-0008")).first().getString("status")).isEqualTo("pågår");
            assertThat(tasks.find(Filters.eq("sourceKey", "mail:mid:abc")).first()).as("found through the unique index").isNotNull();
            assertThat(db.getCollection("conversations").find(Filters.eq("_id", new ObjectId("65f0c0ffee0000000000abcd"))).first()
                    .get("answers", Document.class).getInteger("antal")).isEqualTo(13);
            assertThat(tasks.countDocuments()).isEqualTo(60);
        }
    }

    private static void assertWhatTheOldBotWrote(MongoDatabase db) {
        MongoCollection<Document> tasks = db.getCollection("tasks");
        assertThat(tasks.countDocuments()).isEqualTo(59);
        assertThat(tasks.find(Filters.eq("_id", "FOU-2026-0060")).first()).as("deleted before the upgrade").isNull();
        Document seven = tasks.find(Filters.eq("_id", "FOU-2026-0007")).first();
        assertThat(seven.getString("status")).isEqualTo("stängd");
        assertThat(seven.getString("category")).isEqualTo("utvärdering");
        assertThat(seven.getString("summary")).isEqualTo("Stöd att ta fram en uppföljningsmall för hemtjänstens insatser, ärende 7");
        assertThat(seven.getDate("createdAt")).isEqualTo(Date.from(Instant.parse("2026-03-10T12:00:00Z").plusSeconds(7 * 3600L)));
        assertThat(seven.getInteger("priority")).isEqualTo(1);
        assertThat(seven.getDouble("hours")).isEqualTo(10.5);
        assertThat(seven.getBoolean("open")).isTrue();
        assertThat(seven.getString("claimedBy")).isEqualTo("U07");
        assertThat(seven.getLong("revision")).isEqualTo(7L);
        assertThat(seven.getList("tags", String.class)).containsExactly("hemtjänst", "mall");
        assertThat(seven.getList("history", Document.class)).hasSize(2).last()
                .satisfies(h -> assertThat(h.getString("by")).isEqualTo("U07"));
        assertThat(tasks.find(Filters.eq("_id", "FOU-2026-0008")).first().containsKey("claimedBy")).isTrue();
        assertThat(tasks.find(Filters.eq("_id", "FOU-2026-0008")).first().get("claimedBy")).isNull();
        assertThat(tasks.find(Filters.eq("sourceKey", "slack:T1:C42")).first().getString("_id")).isEqualTo("FOU-2026-0042");

        Document reminder = db.getCollection("outbox").find(Filters.eq("slot", "reminder:LUM-2026:5#sent")).first();
        assertThat(reminder.getString("subject")).isEqualTo("Påminnelse: LUM-ansökan stänger 10 september");
        assertThat(reminder.get("headers", Document.class).getString("List-Unsubscribe")).isEqualTo("<https://fou.stad.se/u/5>");
        Document conversation = db.getCollection("conversations").find(Filters.eq("_id", new ObjectId("65f0c0ffee0000000000abcd")))
                .first();
        assertThat(conversation.get("answers", Document.class)).containsEntry("typ", "analys").containsEntry("antal", 12)
                .containsEntry("belopp", 250000L);
        assertThat(conversation.get("uuid", UUID.class)).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertThat(conversation.get("binary", Binary.class).getData()).containsExactly(1, 2, 3, 0xff);
        assertThat(db.getCollection("conversations").find(Filters.eq("person", "mail:#3f2a9c1b@stockholm.se")).first()
                .getObjectId("_id")).isNotNull();
        assertThat(db.listCollectionNames().into(new java.util.ArrayList<>())).containsAll(List.of("tasks", "outbox", "conversations"));
    }

    private static MongoClient client(EmbeddedMongoStore store) {
        return MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(store.connectionString("foubot")))
                .uuidRepresentation(UuidRepresentation.STANDARD).build());
    }
}

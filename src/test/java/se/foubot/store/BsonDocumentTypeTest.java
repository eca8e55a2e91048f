package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/** A document is written as BSON and read back equal; what was written the old way is read too. */
class BsonDocumentTypeTest {

    private final BsonDocumentType type = new BsonDocumentType();

    private static Document task() {
        Document doc = new Document("_id", new ObjectId()).append("summary", "Stöd med en utvärderingsplan för öppenvården")
                .append("createdAt", Instant.parse("2026-12-02T08:00:00Z")).append("priority", 2).append("revision", 7L)
                .append("hours", 2.5).append("open", true).append("claimedBy", null).append("id", UUID.randomUUID())
                .append("tags", List.of("hemtjänst", "mall"))
                .append("history", List.of(new Document("what", "skapad").append("at", Instant.parse("2026-12-01T08:00:00Z"))));
        return doc;
    }

    private ByteBuffer written(Object value, org.h2.mvstore.type.DataType<Object> with) {
        WriteBuffer buffer = new WriteBuffer();
        with.write(buffer, value);
        return buffer.getBuffer().flip();
    }

    @SuppressWarnings("unchecked")
    private org.h2.mvstore.type.DataType<Object> bson() {
        return (org.h2.mvstore.type.DataType<Object>) (org.h2.mvstore.type.DataType<?>) type;
    }

    @Test
    void aDocumentIsWrittenAsBsonAndReadBackEqual() {
        Document task = task();
        ByteBuffer bytes = written(task, bson());
        assertThat(bytes.get(0)).isEqualTo((byte) BsonDocumentType.BSON_TAG);
        assertThat(type.read(bytes)).isEqualTo(task);
        assertThat(bytes.remaining()).as("read to its end, no further").isZero();
    }

    @Test
    void aDocumentWrittenWithJavaSerialisationBeforeTheUpgradeIsRead() {
        Document task = task();
        ByteBuffer bytes = written(task, new ObjectDataType());
        assertThat(bytes.get(0)).isEqualTo((byte) BsonDocumentType.SERIALIZED_TAG);
        assertThat(type.read(bytes)).isEqualTo(task);
    }

    @Test
    void aValueBsonHasNoTypeForIsWrittenTheOldWayInsteadOfFailingTheCommit() {
        Document odd = new Document("_id", "x").append("when", new Date(0));
        ByteBuffer bytes = written(odd, bson());
        assertThat(bytes.get(0)).isEqualTo((byte) BsonDocumentType.SERIALIZED_TAG);
        assertThat(type.read(bytes)).isEqualTo(odd);
    }

    @Test
    void bytesThatAreNeitherAreRefusedAsADamagedFile() {
        assertThatThrownBy(() -> type.read(ByteBuffer.wrap(new byte[] {7, 0, 0, 0}))).isInstanceOf(MVStoreException.class)
                .hasMessageContaining("Unknown document tag");
        assertThatThrownBy(() -> type.read(ByteBuffer.wrap(new byte[] {BsonDocumentType.BSON_TAG, 100, 0, 0, 0, 0})))
                .isInstanceOf(MVStoreException.class).hasMessageContaining("out of bounds");
    }

    @Test
    void aBiggerDocumentCountsForMoreMemorySoPagesSplitByWhatTheyHold() {
        Document small = new Document("_id", "a");
        assertThat(type.getMemory(task())).isGreaterThan(type.getMemory(small) * 5);
    }
}

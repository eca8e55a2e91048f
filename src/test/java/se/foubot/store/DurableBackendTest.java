package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

/** Which commands wait for their commit: all but the ones known to only read. */
class DurableBackendTest {

    @Test
    void writesAndUnknownCommandsWaitForTheirCommit() {
        for (String command : List.of("insert", "update", "delete", "findAndModify", "findandmodify", "createIndexes", "drop",
                "dropDatabase", "renameCollection", "someCommandFromANewerDriver")) {
            assertThat(DurableBackend.mayWrite(command, new Document())).as(command).isTrue();
        }
        Document out = new Document("pipeline", List.of(new Document("$match", new Document()), new Document("$out", "copy")));
        assertThat(DurableBackend.mayWrite("aggregate", out)).isTrue();
    }

    @Test
    void readsAnswerAtOnce() {
        for (String command : List.of("find", "getMore", "count", "distinct", "listIndexes", "ping", "hello", "isMaster")) {
            assertThat(DurableBackend.mayWrite(command, new Document())).as(command).isFalse();
        }
        Document grouping = new Document("pipeline", List.of(new Document("$group", new Document("_id", "$district"))));
        assertThat(DurableBackend.mayWrite("aggregate", grouping)).isFalse();
    }
}

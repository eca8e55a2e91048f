package se.foubot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.Filters;

import se.foubot.support.TestClockConfiguration;

/**
 * A command the embedded store refuses is not written to the log whole: the wire server logged the command with its
 * documents at ERROR (found by a black-box tester: a 100,000-character name made one 100 KB line), and a bot's
 * command carries what people wrote.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "foubot.store.data-dir=target/test-data/${random.uuid}")
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class StoreCommandLogTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void aRefusedCommandIsAnsweredWithItsErrorAndItsDocumentsStayOutOfTheLog(CapturedOutput output) {
        var probe = mongo.getCollection("privacy_probe");
        probe.insertOne(new Document("_id", "p1").append("text", "vanlig text"));
        Document update = new Document("$set", new Document("text", "HEMLIG UPPGIFT 19121212-1212")).append("$nosuchoperator",
                new Document("x", 1));
        assertThatThrownBy(() -> probe.findOneAndUpdate(Filters.eq("_id", "p1"), update)).isInstanceOf(MongoCommandException.class);

        assertThat(probe.find(Filters.eq("_id", "p1")).first().getString("text")).as("nothing changed").isEqualTo("vanlig text");
        assertThat(output.getAll()).doesNotContain("HEMLIG UPPGIFT").doesNotContain("19121212-1212").doesNotContain("failed to handle");
    }
}

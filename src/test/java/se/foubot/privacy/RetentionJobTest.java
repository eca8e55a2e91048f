package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.TaskStatus;

@FouBotTest
class RetentionJobTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();

    @Autowired
    RetentionJob retention;

    @Autowired
    TaskService tasks;

    @Autowired
    ConversationEngine engine;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Test
    void oldConversationsGoClosedTasksAreAnonymisedAndTheAuditLogKeepsWhoDidWhat() {
        engine.handle(new ConversationKey("test", "gallring-1"), GUARD.check("stöd"));
        SupportTask task = tasks.create("retention-1", new Requester("email", "eva@stockholm.se", Map.of()),
                new SupportRequest("bromma", null, "Känslig fritext om en verksamhet", null, "analys", null, "eva@stockholm.se", "sv"),
                List.of());
        tasks.claim(task.reference(), "UANALYST1");
        tasks.setStatus(task.reference(), "UANALYST1", TaskStatus.DONE);
        SupportTask open = tasks.create("retention-2", new Requester("email", "bo@stockholm.se", Map.of()),
                new SupportRequest("farsta", null, "Pågående fritext", null, "analys", null, null, "sv"), List.of());

        clock.advance(Duration.ofDays(30));
        assertThat(retention.run().tasks()).as("nothing is due yet").isZero();

        clock.advance(Duration.ofDays(800));
        RetentionJob.Report report = retention.run();
        assertThat(report.conversations()).isGreaterThanOrEqualTo(1);
        assertThat(report.tasks()).isEqualTo(1);
        SupportTask anonymised = tasks.find(task.reference()).orElseThrow();
        assertThat(anonymised.request().concern()).isEqualTo("(gallrad)");
        assertThat(anonymised.requester().person()).isEqualTo("(gallrad)");
        assertThat(anonymised.request().district()).isEqualTo("bromma");
        assertThat(anonymised.status()).isEqualTo(TaskStatus.DONE);
        assertThat(tasks.find(open.reference()).orElseThrow().request().concern()).as("open tasks are kept").isEqualTo("Pågående fritext");
        assertThat(mongo.findById("test:gallring-1", Document.class, "conversations")).isNull();
        assertThat(mongo.getCollection("audit_log").find(new Document("task", task.reference())).into(new java.util.ArrayList<>()))
                .extracting(d -> d.getString("action") + ":" + d.getString("actor"))
                .contains("claimed:UANALYST1", "status:UANALYST1");
        assertThat(retention.run().tasks()).as("a second run changes nothing").isZero();
    }
}

package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
        assertThat(retention.run().in("support_tasks")).as("nothing is due yet").isZero();

        clock.advance(Duration.ofDays(800));
        RetentionJob.Report report = retention.run();
        assertThat(report.in("conversations")).isGreaterThanOrEqualTo(1);
        // other tests of this context close tasks too (a mail requester told of the end): this one's is among them
        assertThat(report.in("support_tasks")).isGreaterThanOrEqualTo(1);
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
        assertThat(retention.run().in("support_tasks")).as("a second run changes nothing").isZero();
    }

    @Test
    void sentMailLosesItsTextAndStoppedSubscribersAndOldForumRegistrationsGo() {
        Instant start = clock.instant();
        mongo.insert(new Document("_id", "sent-1").append("status", "sent").append("subject", "Re: Stöd").append("text", "Hej Eva")
                .append("to", "eva@stockholm.se").append("sentAt", java.util.Date.from(start)).append("createdAt",
                        java.util.Date.from(start)), "outbox");
        mongo.insert(new Document("_id", "email:gone@stockholm.se").append("active", false).append("token", "t-gone")
                .append("unsubscribedAt", java.util.Date.from(start)), "grant_subscribers");
        mongo.insert(new Document("_id", "email:stays@stockholm.se").append("active", true).append("token", "t-stays"), "grant_subscribers");
        mongo.insert(new Document("_id", "email:gone@stockholm.se").append("active", false)
                .append("unsubscribedAt", java.util.Date.from(start)), "forum_news_subscribers");
        mongo.insert(new Document("_id", "email:stays@stockholm.se").append("active", true), "forum_news_subscribers");
        mongo.insert(new Document("_id", "forum-old").append("title", "Gammalt forum").append("end", java.util.Date.from(start)),
                "forum_meetings");
        mongo.insert(new Document("_id", "forum-old|email:eva@stockholm.se").append("meetingId", "forum-old"),
                "forum_registrations");

        clock.advance(Duration.ofDays(31));
        RetentionJob.Report month = retention.run();
        assertThat(month.in("outbox")).as("other tests of this context sent mail too").isGreaterThanOrEqualTo(1);
        Document sent = mongo.findById("sent-1", Document.class, "outbox");
        assertThat(sent).doesNotContainKeys("text", "subject").containsKey("textRemovedAt");
        assertThat(mongo.findById("email:gone@stockholm.se", Document.class, "grant_subscribers")).isNull();
        assertThat(mongo.findById("email:stays@stockholm.se", Document.class, "grant_subscribers")).isNotNull();
        assertThat(mongo.findById("email:gone@stockholm.se", Document.class, "forum_news_subscribers")).isNull();
        assertThat(mongo.findById("email:stays@stockholm.se", Document.class, "forum_news_subscribers")).isNotNull();
        assertThat(mongo.findById("forum-old|email:eva@stockholm.se", Document.class, "forum_registrations")).isNotNull();

        clock.advance(Duration.ofDays(400));
        retention.run();
        assertThat(mongo.findById("forum-old|email:eva@stockholm.se", Document.class, "forum_registrations")).isNull();
        assertThat(mongo.findById("forum-old", Document.class, "forum_meetings")).isNull();
        assertThat(mongo.findById("sent-1", Document.class, "outbox")).isNull();
    }

    @Test
    void aConversationSetAsideAsUnreadableGoesAfterTheConversationsPeriod() {
        ConversationKey key = new ConversationKey("test", "gallring-unreadable");
        mongo.getCollection("conversations").insertOne(new Document("_id", key.id()).append("answers", 5).append("version", "x"));
        assertThat(engine.handle(key, GUARD.check("hej")).text()).startsWith("Jag kunde inte läsa vår tidigare konversation");
        Document copy = new Document("conversation", key.id());
        assertThat(mongo.getCollection("conversations_set_aside").countDocuments(copy)).isEqualTo(1);

        clock.advance(Duration.ofDays(89));
        retention.run();
        assertThat(mongo.getCollection("conversations_set_aside").countDocuments(copy)).as("kept within the period").isEqualTo(1);
        clock.advance(Duration.ofDays(2));
        assertThat(retention.run().in("conversations_set_aside")).isGreaterThanOrEqualTo(1);
        assertThat(mongo.getCollection("conversations_set_aside").countDocuments(copy)).isZero();
    }

    @Test
    void aDocumentWhoseDateWasBrokenByHandGoesOnePeriodAfterTheJobFoundIt() {
        Instant found = clock.instant();
        mongo.getCollection("conversations_set_aside").insertOne(new Document("_id", "hand-1").append("conversation", "test:hand")
                .append("setAsideAt", "igår"));
        mongo.getCollection("conversations").insertOne(new Document("_id", "test:hand-undated").append("rev", "test:hand-undated#1"));
        mongo.getCollection("outbox").insertOne(new Document("_id", "hand-sent").append("status", "sent").append("slot", "hand-sent").append("createdAt", 12));
        mongo.getCollection("outbox").insertOne(new Document("_id", "hand-queued").append("status", "pending").append("slot", "hand-queued"));
        mongo.getCollection("forum_meetings").insertOne(new Document("_id", "hand-meeting").append("end", "15:00"));

        retention.run();
        assertThat(mongo.findById("hand-1", Document.class, "conversations_set_aside").get("setAsideAt"))
                .as("counted from the run that found it").isEqualTo(java.util.Date.from(found));
        assertThat(mongo.findById("test:hand-undated", Document.class, "conversations").get("updatedAt"))
                .isEqualTo(java.util.Date.from(found));
        assertThat(mongo.findById("hand-sent", Document.class, "outbox").get("createdAt")).isEqualTo(java.util.Date.from(found));
        assertThat(mongo.findById("hand-queued", Document.class, "outbox")).as("a mail not yet sent is not the rule's")
                .doesNotContainKey("createdAt");
        assertThat(mongo.findById("hand-meeting", Document.class, "forum_meetings")).as("a meeting's end is its own, seen by people")
                .containsEntry("end", "15:00");

        clock.advance(Duration.ofDays(89));
        retention.run();
        assertThat(mongo.findById("hand-1", Document.class, "conversations_set_aside")).as("kept within the period").isNotNull();
        clock.advance(Duration.ofDays(2));
        retention.run();
        assertThat(mongo.findById("hand-1", Document.class, "conversations_set_aside")).isNull();
        assertThat(mongo.findById("test:hand-undated", Document.class, "conversations")).isNull();
        assertThat(mongo.findById("hand-queued", Document.class, "outbox")).isNotNull();
        mongo.getCollection("outbox").deleteOne(new Document("_id", "hand-queued"));
        mongo.getCollection("forum_meetings").deleteOne(new Document("_id", "hand-meeting"));
    }

    @Test
    void aClosedTaskOrSentMailWhoseDateWasRemovedByHandIsAnonymisedOnePeriodAfterTheJobFoundIt() {
        SupportTask task = tasks.create("retention-undated", new Requester("email", "ulla@stockholm.se", Map.of()),
                new SupportRequest("bromma", null, "Känslig fritext utan datum", null, "analys", null, null, "sv"), List.of());
        tasks.claim(task.reference(), "UANALYST1");
        tasks.setStatus(task.reference(), "UANALYST1", TaskStatus.DONE);
        mongo.getCollection("support_tasks").updateOne(new Document("_id", task.reference()), new Document("$unset", new Document("closedAt", "")));
        // helper 113: a list holding a date to come, and a date to come, kept it for ever too
        List<String> toCome = new java.util.ArrayList<>();
        for (Object closedAt : List.of(List.of(java.util.Date.from(Instant.parse("2098-01-01T00:00:00Z"))),
                java.util.Date.from(Instant.parse("2099-01-01T00:00:00Z")))) {
            SupportTask other = tasks.create("retention-to-come-" + toCome.size(), new Requester("email", "ulla@stockholm.se", Map.of()),
                    new SupportRequest("bromma", null, "Känslig fritext med datum som inte kan stämma", null, "analys", null, null, "sv"),
                    List.of());
            tasks.claim(other.reference(), "UANALYST1");
            tasks.setStatus(other.reference(), "UANALYST1", TaskStatus.DONE);
            mongo.getCollection("support_tasks").updateOne(new Document("_id", other.reference()),
                    new Document("$set", new Document("closedAt", closedAt)));
            toCome.add(other.reference());
        }
        mongo.getCollection("outbox").insertOne(new Document("_id", "hand-sent-undated").append("status", "sent")
                .append("slot", "hand-sent-undated").append("subject", "Re: Stöd").append("text", "Hej Ulla").append("sentAt", "i går")
                .append("createdAt", java.util.Date.from(clock.instant())));

        retention.run();
        assertThat(mongo.findById(task.reference(), Document.class, "support_tasks")).as("a date people read is not rewritten")
                .doesNotContainKey("closedAt").containsKey(RetentionRule.UNDATED_SINCE);
        assertThat(mongo.findById("hand-sent-undated", Document.class, "outbox")).containsEntry("sentAt", "i går").containsKey("text");

        mongo.getCollection("support_tasks").updateOne(new Document("_id", task.reference()),
                new Document("$set", new Document(RetentionRule.UNDATED_SINCE, "i förrgår")));

        clock.advance(Duration.ofDays(29));
        retention.run();
        assertThat(mongo.findById("hand-sent-undated", Document.class, "outbox")).as("kept within the period").containsKey("text");
        assertThat(mongo.findById(task.reference(), Document.class, "support_tasks").get(RetentionRule.UNDATED_SINCE))
                .as("a note broken by hand is noted again").isInstanceOf(java.util.Date.class);
        mongo.getCollection("support_tasks").updateOne(new Document("_id", task.reference()), new Document("$set",
                new Document(RetentionRule.UNDATED_SINCE, java.util.Date.from(Instant.parse("2999-01-01T00:00:00Z")))));
        clock.advance(Duration.ofDays(2));
        retention.run();
        assertThat(mongo.findById("hand-sent-undated", Document.class, "outbox")).doesNotContainKeys("text", "subject")
                .containsKey("textRemovedAt");
        assertThat(mongo.findById(task.reference(), Document.class, "support_tasks").get(RetentionRule.UNDATED_SINCE))
                .as("a note of a time to come is not trusted (helper 112)").isEqualTo(java.util.Date.from(clock.instant()));

        clock.advance(Duration.ofDays(731));
        retention.run();
        SupportTask anonymised = tasks.find(task.reference()).orElseThrow();
        assertThat(anonymised.request().concern()).isEqualTo("(gallrad)");
        assertThat(anonymised.requester().person()).isEqualTo("(gallrad)");
        assertThat(anonymised.status()).isEqualTo(TaskStatus.DONE);
        for (String reference : toCome) {
            assertThat(mongo.findById(reference, Document.class, "support_tasks").get("request", Document.class))
                    .containsEntry("concern", "(gallrad)");
        }
    }

    @Test
    void everyFeatureDeclaresItsCollectionsAndTheJobNamesNone() {
        assertThat(retention.coveredCollections()).contains("conversations", "support_tasks", "audit_log", "counters",
                "mail_inbox", "mail_quarantine", "email_requests", "outbox", "slack_outbox", "slack_events", "forum_meetings",
                "forum_registrations", "forum_news_subscribers", "grant_subscribers", "grant_reminder_log", "dead_letters", "leases", "task_limits",
                "web_sign_in_links", "conversations_set_aside");
        assertThat(retention.rules()).allSatisfy(r -> assertThat(r.what()).isNotBlank());
    }
}

package se.foubot.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import se.foubot.FouBotApplication;
import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.privacy.OutsideTextGuard;

/**
 * The turn that confirms a request waits for the disk once: the conversation's new state, written last, is its one
 * durable write, and its commit carries every write before it there — the conversation's claim before the outcome
 * runs, the new-task limit, the reference counter, the task (once per confirmation) and its audit line. So when the
 * person is told the reference, the task is on disk. Counted on the commands the real driver sends.
 */
class ConfirmationWritesTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");

    /** A write command as the store receives it: its collection, and whether it waits for the disk. */
    record Write(String command, String collection, boolean carried) {
    }

    @TempDir
    Path dataDir;

    @Test
    void aConfirmationWaitsForTheDiskOnceWithTheConversationsWriteLastCarryingTheTaskAndTheRest() {
        List<Write> writes = new CopyOnWriteArrayList<>();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (WRITES.contains(event.getCommandName())) {
                    BsonDocument command = event.getCommand();
                    BsonDocument concern = command.getDocument("writeConcern", new BsonDocument());
                    boolean carried = concern.containsKey("j") && !concern.getBoolean("j").getValue();
                    writes.add(new Write(event.getCommandName(), command.get(event.getCommandName()).asString().getValue(), carried));
                }
            }
        };
        SpringApplication app = FouBotApplication.commandLineApplication();
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("countWrites",
                (MongoClientSettingsBuilderCustomizer) builder -> builder.addCommandListener(listener)));
        try (ConfigurableApplicationContext bot = app.run("--foubot.store.data-dir=" + dataDir)) {
            ConversationEngine engine = bot.getBean(ConversationEngine.class);
            ConversationKey per = new ConversationKey("terminal", "per");
            for (String answer : new String[] {"stöd", "farsta", "controller", "Stöd med en utvärderingsplan.", "nej",
                    "utvärdering", "hoppa över", "per@stockholm.se"}) {
                engine.handle(per, GUARD.check(answer));
            }
            writes.clear();

            assertThat(engine.handle(per, GUARD.check("ja")).text()).contains("FOU-");

            assertThat(writes.stream().filter(w -> !w.carried()).map(Write::collection))
                    .as("durable writes of the confirming turn: %s", writes)
                    .containsExactly("conversations");
            assertThat(writes.get(writes.size() - 1)).as("the last write of the turn: %s", writes)
                    .isEqualTo(new Write("update", "conversations", false));
            // the conversation's claim before the outcome runs (which a message taken at the same moment on another
            // replica must lose, or win first) is carried too
            assertThat(writes.stream().filter(Write::carried).map(Write::collection))
                    .as("carried by the conversation's write: %s", writes)
                    .containsExactly("conversations", NewTaskLimit.COLLECTION, ReferenceGenerator.COLLECTION, "support_tasks",
                            AuditLog.COLLECTION);
            // what was carried is there, and counts
            MongoTemplate mongo = bot.getBean(MongoTemplate.class);
            assertThat(bot.getBean(NewTaskLimit.class).inWindow("terminal", "per")).isEqualTo(1);
            assertThat(mongo.findAll(SupportTask.class)).singleElement()
                    .satisfies(t -> assertThat(t.reference()).matches("FOU-\\d{4}-0001"));
        }
    }
}

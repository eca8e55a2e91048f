package se.foubot.conversation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.springframework.data.mongodb.core.MongoTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The conversation engine over the test flows in {@code flows/aside} (a person's errand of three questions, a question
 * only the bot starts), on a real store, its outcomes given as {@code actions} (e.g. {@link RecordNotes}).
 */
final class AsideFlowsEngine {

    static final FlowCatalog CATALOG = FlowCatalog.load(FlowSource.fromDirectory(Path.of("src/test/resources/flows/aside")),
            Set.of("record-notes"));
    static final FlowInterpreter INTERPRETER = new FlowInterpreter(CATALOG, Duration.ofDays(7), ZoneId.of("Europe/Stockholm"));

    private AsideFlowsEngine() {
    }

    static ConversationEngine over(ConversationStore store, Clock clock, List<OutcomeAction> actions) {
        return new ConversationEngine(store, CATALOG, INTERPRETER, new OutcomeRegistry(actions), clock, 3, new SimpleMeterRegistry());
    }

    static ConversationEngine over(MongoTemplate mongo, Clock clock, List<OutcomeAction> actions) {
        return over(store(mongo, clock, actions), clock, actions);
    }

    /** The store, telling {@code actions} of the runs in a conversation it sets aside as unreadable. */
    static ConversationStore store(MongoTemplate mongo, Clock clock, List<OutcomeAction> actions) {
        return new ConversationStore(mongo, new RecentLanguages(), clock, new UnansweredTeller(CATALOG, new OutcomeRegistry(actions), clock));
    }
}

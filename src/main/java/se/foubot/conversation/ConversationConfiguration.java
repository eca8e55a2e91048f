package se.foubot.conversation;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

    @Bean
    OutcomeRegistry outcomeRegistry(List<OutcomeAction> actions) {
        return new OutcomeRegistry(actions);
    }

    /** The flow files, read once; the catalog, the sorting rules and the sender rules all come from here. */
    @Bean
    FlowSource flowSource(ConversationProperties properties) {
        return FlowSource.locate(properties.flowsDir());
    }

    @Bean
    FlowCatalog flowCatalog(FlowSource source, OutcomeRegistry outcomes) {
        return FlowCatalog.load(source, outcomes.names());
    }

    @Bean
    UnansweredTeller unansweredTeller(FlowCatalog catalog, OutcomeRegistry outcomes, Clock clock) {
        return new UnansweredTeller(catalog, outcomes, clock);
    }

    @Bean
    ConversationEngine conversationEngine(ConversationStore store, FlowCatalog catalog,
            OutcomeRegistry outcomes, ConversationProperties properties,
            Clock clock, ZoneId zone, MeterRegistry meters, List<ChoiceGuesser> guessers, OwnWords ownWords) {
        FlowInterpreter interpreter = new FlowInterpreter(catalog, properties.idleTimeout(), zone, guessers, ownWords);
        return new ConversationEngine(store, catalog, interpreter, outcomes, clock, properties.turnAttempts(), meters);
    }
}

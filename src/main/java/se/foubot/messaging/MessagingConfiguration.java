package se.foubot.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.foubot.conversation.FlowSource;
import se.foubot.language.TextAnalysis;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    /** Read and checked once at start-up, like the flows. */
    @Bean
    CommandPhrasings commandPhrasings(FlowSource flows, TextAnalysis analysis) {
        return CommandPhrasings.load(flows, analysis);
    }
}

package se.foubot.tasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.foubot.conversation.FlowSource;
import se.foubot.language.TextAnalysis;

@Configuration(proxyBeanMethods = false)
class TaskConfiguration {

    /** The sorting rules read with the bot's one text analysis, shared with the knowledge base. */
    @Bean
    CategorySorter categorySorter(FlowSource flows, TextAnalysis analysis) {
        return CategorySorter.load(flows, analysis);
    }
}

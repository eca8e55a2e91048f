package se.foubot.knowledgegaps;

import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.foubot.conversation.ChoiceOption;
import se.foubot.conversation.FlowCatalog;
import se.foubot.conversation.FlowSource;
import se.foubot.language.TextAnalysis;
import se.foubot.tasks.CategorySorter;

@Configuration(proxyBeanMethods = false)
class KnowledgeGapConfiguration {

    /** The inventory's lists and its theme rules, read with the bot's one text analysis. */
    @Bean
    GapLists gapLists(org.springframework.beans.factory.ObjectProvider<FlowCatalog> catalog, FlowSource flows, TextAnalysis analysis) {
        return new GapLists(catalog::getObject, CategorySorter.load(flows, analysis, "knowledge-gap-themes.yaml"));
    }

    @Bean
    DistrictContacts districtContacts(FlowSource flows, FlowCatalog catalog) {
        return DistrictContacts.load(flows, catalog.list("districts").map(l -> l.options().stream().map(ChoiceOption::id)
                .collect(Collectors.toSet())).orElse(java.util.Set.of()));
    }
}

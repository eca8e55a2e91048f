package se.foubot.knowledge;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.foubot.conversation.FlowSource;
import se.foubot.grants.GrantCalendar;
import se.foubot.language.TextAnalysis;

@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

    /** Read and checked once at start-up, like the flows; dates and amounts are filled in from the grant calendar when asked. */
    @Bean
    KnowledgeBase knowledgeBase(FlowSource flows, TextAnalysis analysis, GrantCalendar calendar, Clock clock, ZoneId zone) {
        return KnowledgeBase.load(flows, analysis, calendar, clock, zone);
    }
}

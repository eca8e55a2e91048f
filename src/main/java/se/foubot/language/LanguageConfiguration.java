package se.foubot.language;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.foubot.conversation.FlowSource;

@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

    /** Read once at start-up from the flow source; a broken language file stops the bot with file, line and reason. */
    @Bean
    TextAnalysis textAnalysis(FlowSource flows) {
        return TextAnalysis.load(flows);
    }
}

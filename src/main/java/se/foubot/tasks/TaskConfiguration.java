package se.foubot.tasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.foubot.conversation.FlowSource;

@Configuration(proxyBeanMethods = false)
class TaskConfiguration {

    @Bean
    CategorySorter categorySorter(FlowSource flows) {
        return CategorySorter.load(flows);
    }
}

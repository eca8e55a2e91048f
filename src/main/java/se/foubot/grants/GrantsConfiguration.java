package se.foubot.grants;

import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.foubot.conversation.FlowSource;
import se.foubot.time.WorkingDays;

@Configuration(proxyBeanMethods = false)
class GrantsConfiguration {

    /** Read once at start-up; a broken calendar stops the bot with file, line and reason. */
    @Bean
    GrantCalendar grantCalendar(FlowSource flows) {
        return GrantCalendarLoader.load(flows);
    }

    @Bean
    ReminderPlanner reminderPlanner(GrantCalendar calendar, GrantsProperties properties, WorkingDays workingDays, ZoneId zone) {
        return new ReminderPlanner(calendar, properties, workingDays, zone);
    }
}

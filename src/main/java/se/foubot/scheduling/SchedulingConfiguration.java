package se.foubot.scheduling;

import java.time.Clock;

import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The bot's periodic jobs ({@code @Scheduled}) run only in the bot, never in a command-line mode. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBackgroundWork
class SchedulingConfiguration {

    @Bean
    ScheduledJobFailures scheduledJobFailures(Clock clock) {
        return new ScheduledJobFailures(clock);
    }

    /** A failed run is logged by {@link ScheduledJobFailures}, on whichever scheduler Spring Boot makes. */
    @Bean
    ThreadPoolTaskSchedulerCustomizer jobFailuresOnThePoolScheduler(ScheduledJobFailures failures) {
        return scheduler -> scheduler.setErrorHandler(failures);
    }

    @Bean
    SimpleAsyncTaskSchedulerCustomizer jobFailuresOnTheVirtualThreadScheduler(ScheduledJobFailures failures) {
        return scheduler -> scheduler.setErrorHandler(failures);
    }
}

package se.foubot.scheduling;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The bot's periodic jobs ({@code @Scheduled}) run only in the bot, never in a command-line mode. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBackgroundWork
class SchedulingConfiguration {
}

package se.foubot.support;

import java.util.Optional;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import se.foubot.messaging.Command;

/**
 * A mail command handler with a bug that one mail's words set off ({@link #TRIGGER}): it stands in for whatever may
 * throw while a mail is processed. Import it into a test's context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BuggyCommand {

    public static final String TRIGGER = "trasig rad som kraschar";

    @Bean
    Command throwsOnTrigger() {
        return m -> {
            if (m.text().contains(TRIGGER)) {
                throw new IllegalStateException("a bug set off by " + m.key());
            }
            return Optional.empty();
        };
    }
}

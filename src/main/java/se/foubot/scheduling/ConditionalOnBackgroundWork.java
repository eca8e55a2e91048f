package se.foubot.scheduling;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * A bean that runs on its own (a timer, a server, a mailbox reader): made in the bot, left out in the command-line
 * modes, which set {@code foubot.scheduling.enabled=false} so that a command started beside a running bot takes no
 * port and no work from it.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "foubot.scheduling.enabled", havingValue = "true", matchIfMissing = true)
public @interface ConditionalOnBackgroundWork {
}

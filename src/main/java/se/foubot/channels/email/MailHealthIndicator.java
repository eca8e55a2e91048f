package se.foubot.channels.email;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import se.foubot.scheduling.ConditionalOnBackgroundWork;

/**
 * Mail's part of {@code /actuator/health}: DOWN while the mailbox cannot be read; details say whether the
 * server is embedded, how many mails wait in the outbox and how long the oldest has waited.
 */
@Component("mailHealthIndicator")
@ConditionalOnBackgroundWork
class MailHealthIndicator extends AbstractHealthIndicator {

    private final MailProperties properties;
    private final MailboxReader reader;
    private final Outbox outbox;
    private final Clock clock;

    MailHealthIndicator(MailProperties properties, MailboxReader reader, Outbox outbox, Clock clock) {
        super("Mail health check failed");
        this.properties = properties;
        this.reader = reader;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("server", properties.embedded() ? "embedded" : "external");
        String error = reader.lastError();
        if (error == null) {
            builder.up();
        } else {
            builder.down().withDetail("mailbox", error);
        }
        try {
            builder.withDetail("outboxWaiting", outbox.count(Outbox.PENDING));
            outbox.oldestPending().ifPresent(oldest -> builder.withDetail("outboxOldestWaitingSeconds",
                    Duration.between(oldest, clock.instant()).toSeconds()));
        } catch (RuntimeException e) {
            builder.withDetail("outbox", "unknown: the store cannot be reached");
        }
    }
}

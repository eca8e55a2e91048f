package se.foubot.deadletter;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Dead letters in {@code /actuator/health}: how many are parked and the newest. Always UP — a parked mail is
 * something for the staff to look at, not a reason to take the bot out of service.
 */
@Component("deadLettersHealthIndicator")
class DeadLetterHealthIndicator extends AbstractHealthIndicator {

    private final DeadLetters deadLetters;

    DeadLetterHealthIndicator(DeadLetters deadLetters) {
        super("Dead-letter health check failed");
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        try {
            builder.withDetail("parked", deadLetters.parkedCount());
            deadLetters.parked(1).stream().findFirst().ifPresent(d -> builder.withDetail("newest",
                    d.kind() + " " + d.rule() + " " + d.parkedAt()));
        } catch (RuntimeException e) {
            builder.withDetail("parked", "unknown: the store cannot be reached");
        }
    }
}

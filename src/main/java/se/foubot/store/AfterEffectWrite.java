package se.foubot.store;

import java.time.Duration;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataAccessException;

/**
 * The write that records something already done outside the bot (a mail handed to SMTP, a Slack message
 * posted). If MongoDB is away for a moment just then, giving up would make the bot do it a second time, so this
 * write is retried through an outage of up to a minute, well inside the lease that keeps other workers off the
 * item meanwhile.
 */
public final class AfterEffectWrite {

    private final RetryTemplate retry;

    public AfterEffectWrite() {
        this(Duration.ofSeconds(60));
    }

    AfterEffectWrite(Duration patience) {
        this.retry = new RetryTemplate(RetryPolicy.builder().includes(DataAccessException.class).maxRetries(Long.MAX_VALUE)
                .delay(Duration.ofMillis(250)).multiplier(2).maxDelay(Duration.ofSeconds(5)).timeout(patience).build());
    }

    public void run(Runnable write) {
        try {
            retry.execute(() -> {
                write.run();
                return null;
            });
        } catch (RetryException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}

package se.foubot.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ErrorHandler;

import se.foubot.deadletter.DeadLetters;
import se.foubot.privacy.LogText;

/**
 * How a periodic job's failure is logged. A job runs again by itself, so a store, mail server or Slack that is away
 * (or a disk that is full) fails it every few seconds: that is one line a minute for each kind of failure, not a stack
 * trace every run (416 stack lines in 45 s while the store was unreachable). A failure that is no outage is logged
 * with its stack the first time, as a bug would be, and then also once a minute while it goes on.
 */
final class ScheduledJobFailures implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobFailures.class);
    static final Duration QUIET = Duration.ofMinutes(1);

    private final Clock clock;
    /** When each kind of failure was last logged, by its class and where it was thrown. */
    private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();

    ScheduledJobFailures(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void handleError(Throwable thrown) {
        // a job that waits on work of its own threads (the outbox's connections) gets their failure wrapped
        Throwable failure = unwrapped(thrown);
        String kind = kindOf(failure);
        Instant now = clock.instant();
        Instant before = lastLogged.get(kind);
        boolean again = before != null;
        if (again && now.isBefore(before.plus(QUIET))) {
            log.debug("event=scheduled_job_failed_again rule={}", failure.getClass().getSimpleName());
            return;
        }
        lastLogged.put(kind, now);
        if (DeadLetters.isOutage(failure)) {
            // the message names what is away (a host and port, a timeout), never what people wrote
            log.warn("event=scheduled_job_deferred job={} rule={} reason=\"{}\" (tried again at the job's next run; said once a minute)",
                    jobOf(thrown), failure.getClass().getSimpleName(),
                    shortened(LogText.clean(String.valueOf(mostSpecific(failure).getMessage()))));
        } else if (again) {
            log.error("event=scheduled_job_failed job={} rule={} (again; the stack was logged before; said once a minute)",
                    jobOf(thrown), failure.getClass().getSimpleName());
        } else {
            log.error("event=scheduled_job_failed job={} rule={}", jobOf(thrown), failure.getClass().getSimpleName(), failure);
        }
    }

    /** The driver describes the whole cluster it could not reach; the first part says what is away. */
    private static String shortened(String reason) {
        return reason.length() <= 200 ? reason : reason.substring(0, 200) + "…";
    }

    private static String kindOf(Throwable failure) {
        StackTraceElement[] at = failure.getStackTrace();
        return failure.getClass().getName() + "@" + (at.length == 0 ? "" : at[0].toString());
    }

    /**
     * The job that failed: the outermost of the bot's own frames on the scheduler's thread (the scheduled method, e.g.
     * {@code MailConfiguration$OutboxSchedule.tick}), so an operator knows which work waits.
     */
    private static String jobOf(Throwable thrown) {
        StackTraceElement[] at = thrown.getStackTrace();
        for (int i = at.length - 1; i >= 0; i--) {
            String name = at[i].getClassName();
            if (name.startsWith("se.foubot.")) {
                return name.substring(name.lastIndexOf('.') + 1) + "." + at[i].getMethodName();
            }
        }
        return "unknown";
    }

    private static Throwable unwrapped(Throwable thrown) {
        Throwable t = thrown;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static Throwable mostSpecific(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}

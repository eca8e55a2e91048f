package se.foubot.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

import se.foubot.privacy.LogText;

/**
 * Keeps Quartz's in-memory plan in step with MongoDB: at start-up (after a catch-up run for what was missed while
 * the bot was down), every {@code replan-interval} and whenever a source's data changes, each source's due
 * instants for the coming {@code horizon} become one-shot triggers. Quartz holds no state of its own worth
 * keeping: the plan is always rebuilt from MongoDB, and the sources' once-only keys make a run on two replicas
 * or a run twice harmless.
 */
@Component
public class ReminderScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);
    private static final String GROUP = "reminders";

    private final Scheduler quartz;
    private final Map<String, ReminderSource> sources;
    private final Clock clock;
    private final SchedulingProperties properties;
    private final MeterRegistry meters;

    ReminderScheduler(Scheduler quartz, List<ReminderSource> sources, Clock clock, SchedulingProperties properties,
            MeterRegistry meters) {
        this.quartz = quartz;
        this.sources = sources.stream().collect(Collectors.toMap(ReminderSource::name, Function.identity()));
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!properties.enabled()) {
            return;
        }
        for (String name : sources.keySet()) {
            run(name);
        }
        replanAll();
        try {
            // the safety net: a periodic replan, which also runs the sources, catches anything a trigger missed
            JobDetail job = JobBuilder.newJob(SendDueRemindersJob.class).withIdentity("replan", "housekeeping")
                    .usingJobData(SendDueRemindersJob.SOURCE, "*").storeDurably().build();
            Trigger every = TriggerBuilder.newTrigger().withIdentity("replan", "housekeeping").forJob(job)
                    .startAt(Date.from(Instant.now().plus(properties.replanInterval())))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(properties.replanInterval().toMillis()).repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            quartz.scheduleJob(job, java.util.Set.of(every), true);
        } catch (SchedulerException e) {
            log.warn("event=reminder_replan_not_scheduled reason=\"{}\"", LogText.clean(e.getMessage()));
        }
    }

    /** Runs a source now ("*": replan everything and run every source). Failures wait for the next trigger. */
    public void run(String name) {
        if ("*".equals(name)) {
            sources.keySet().forEach(this::runOne);
            replanAll();
            return;
        }
        runOne(name);
    }

    private void runOne(String name) {
        ReminderSource source = sources.get(name);
        if (source == null) {
            return;
        }
        try {
            int queued = source.sendDue();
            if (queued > 0) {
                meters.counter("foubot.reminders.sent", "source", name).increment(queued);
                log.info("event=reminders_queued source={} count={}", name, queued);
            }
        } catch (DataAccessException e) {
            log.warn("event=reminders_deferred source={} reason=\"{}\"", name, LogText.clean(e.getMostSpecificCause().getMessage()));
        } catch (RuntimeException e) {
            // one source's data that cannot be read must not stop the start or the other sources (helper 111)
            log.error("event=reminders_failed source={} error={} reason=\"{}\"", name, e.getClass().getSimpleName(),
                    LogText.clean(String.valueOf(e.getMessage())));
        }
    }

    public void replanAll() {
        sources.keySet().forEach(this::replan);
    }

    /** Replaces the source's triggers with one per due instant in the coming horizon. */
    public void replan(String name) {
        ReminderSource source = sources.get(name);
        if (source == null || !properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        try {
            List<Instant> due = source.dueInstants(now, now.plus(properties.horizon()));
            JobKey key = JobKey.jobKey(name, GROUP);
            quartz.deleteJob(key);
            JobDetail job = JobBuilder.newJob(SendDueRemindersJob.class).withIdentity(key)
                    .usingJobData(SendDueRemindersJob.SOURCE, name).storeDurably().build();
            java.util.Set<Trigger> triggers = new java.util.HashSet<>();
            for (Instant at : due.stream().distinct().toList()) {
                triggers.add(TriggerBuilder.newTrigger().withIdentity(name + "@" + at.toEpochMilli(), GROUP).forJob(job)
                        .startAt(Date.from(at))
                        // a trigger missed while the JVM was busy fires at once; the source skips what is stale
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                        .build());
            }
            quartz.scheduleJob(job, triggers, true);
            log.info("event=reminders_planned source={} triggers={} horizon={}", name, triggers.size(), properties.horizon());
        } catch (SchedulerException e) {
            log.warn("event=reminders_not_planned source={} reason=\"{}\"", name, LogText.clean(e.getMessage()));
        } catch (DataAccessException e) {
            log.warn("event=reminders_not_planned source={} reason=\"{}\"", name, LogText.clean(e.getMostSpecificCause().getMessage()));
        } catch (RuntimeException e) {
            log.error("event=reminders_not_planned source={} error={} reason=\"{}\"", name, e.getClass().getSimpleName(),
                    LogText.clean(String.valueOf(e.getMessage())));
        }
    }
}

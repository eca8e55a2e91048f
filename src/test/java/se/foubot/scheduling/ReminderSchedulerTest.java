package se.foubot.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/**
 * The reminder plan in a real (standby) Quartz scheduler: one trigger per distinct due instant within the horizon,
 * replaced on every replan; a run sends what is due and counts it; with background work off nothing is planned.
 */
class ReminderSchedulerTest {

    private final MutableClock clock = new MutableClock(TestClockConfiguration.START);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Scheduler quartz;

    /** A source whose due instants are given by the test; it counts how often it was told to send. */
    private static final class Deadlines implements ReminderSource {
        final List<Instant> due = new ArrayList<>();
        final AtomicInteger sends = new AtomicInteger();

        @Override
        public String name() {
            return "deadlines";
        }

        @Override
        public List<Instant> dueInstants(Instant from, Instant to) {
            return due.stream().filter(at -> !at.isBefore(from) && at.isBefore(to)).toList();
        }

        @Override
        public int sendDue() {
            sends.incrementAndGet();
            return 3;
        }
    }

    @BeforeEach
    void quartz() throws Exception {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "reminder-scheduler-test-" + System.nanoTime());
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        quartz = new StdSchedulerFactory(p).getScheduler();
    }

    @AfterEach
    void stop() throws Exception {
        quartz.shutdown();
    }

    private ReminderScheduler scheduler(Deadlines source, boolean enabled) {
        return new ReminderScheduler(quartz, List.of(source), clock,
                new SchedulingProperties(enabled, Duration.ofDays(7), Duration.ofHours(1)), meters);
    }

    private List<? extends Trigger> planned() throws Exception {
        return quartz.getTriggersOfJob(JobKey.jobKey("deadlines", "reminders"));
    }

    @Test
    void eachDueInstantWithinTheHorizonBecomesOneTrigger() throws Exception {
        Deadlines source = new Deadlines();
        Instant now = clock.instant();
        source.due.addAll(List.of(now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(2)), now.plus(Duration.ofDays(3)),
                now.plus(Duration.ofDays(30))));

        scheduler(source, true).replan("deadlines");

        assertThat(planned()).extracting(t -> t.getStartTime().toInstant())
                .containsExactlyInAnyOrder(now.plus(Duration.ofHours(2)), now.plus(Duration.ofDays(3)));
    }

    @Test
    void aReplanReplacesTheEarlierPlan() throws Exception {
        Deadlines source = new Deadlines();
        Instant now = clock.instant();
        source.due.add(now.plus(Duration.ofDays(1)));
        ReminderScheduler scheduler = scheduler(source, true);
        scheduler.replan("deadlines");

        source.due.clear();
        source.due.add(now.plus(Duration.ofDays(2)));
        scheduler.replan("deadlines");

        assertThat(planned()).extracting(t -> t.getStartTime().toInstant()).containsExactly(now.plus(Duration.ofDays(2)));
    }

    @Test
    void aRunOfEverySourceSendsWhatIsDueAndCountsIt() {
        Deadlines source = new Deadlines();

        scheduler(source, true).run("*");

        assertThat(source.sends).hasValue(1);
        assertThat(meters.counter("foubot.reminders.sent", "source", "deadlines").count()).isEqualTo(3.0);
    }

    /** Helper 111: a forum meeting whose end was written as "15:00" failed the source, and with it the bot's start. */
    @Test
    void aSourceWhoseDataCannotBeReadStopsNeitherTheStartNorTheOtherSources() throws Exception {
        Deadlines source = new Deadlines();
        source.due.add(clock.instant().plus(Duration.ofHours(1)));
        ReminderSource broken = new ReminderSource() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Instant> dueInstants(Instant from, Instant to) {
                throw new IllegalStateException("cannot convert String to Instant");
            }

            @Override
            public int sendDue() {
                throw new IllegalStateException("cannot convert String to Instant");
            }
        };
        ReminderScheduler scheduler = new ReminderScheduler(quartz, List.of(broken, source), clock,
                new SchedulingProperties(true, Duration.ofDays(7), Duration.ofHours(1)), meters);

        scheduler.start();

        assertThat(source.sends).hasValue(1);
        assertThat(planned()).hasSize(1);
    }

    @Test
    void withBackgroundWorkOffNothingIsPlanned() throws Exception {
        Deadlines source = new Deadlines();
        source.due.add(clock.instant().plus(Duration.ofHours(1)));

        scheduler(source, false).replan("deadlines");

        assertThat(planned()).isEmpty();
    }
}

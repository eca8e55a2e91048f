package se.foubot.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Quartz's entry: asks one {@link ReminderSource} to queue what is due. Never two at once for the same job. */
@DisallowConcurrentExecution
public class SendDueRemindersJob implements Job {

    static final String SOURCE = "source";

    private final ReminderScheduler scheduler;

    public SendDueRemindersJob(ReminderScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void execute(JobExecutionContext context) {
        scheduler.run(context.getMergedJobDataMap().getString(SOURCE));
    }
}

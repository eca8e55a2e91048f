package se.foubot.knowledgegaps;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.scheduling.ReminderScheduler;

/**
 * Plans a round's reminders when it opens and drops them when it closes, as the forum does for its meetings: the
 * periodic replan is only the safety net, and a reminder due before it runs would otherwise wait for a restart.
 * (A class of its own because the scheduler already depends on {@link KnowledgeGapReminders}.)
 */
@Component
class KnowledgeGapReminderPlan {

    private final ReminderScheduler scheduler;

    KnowledgeGapReminderPlan(ReminderScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @EventListener
    void on(KnowledgeGapService.RoundOpened opened) {
        scheduler.replan(KnowledgeGapReminders.NAME);
    }

    @EventListener
    void on(KnowledgeGapService.RoundClosed closed) {
        scheduler.replan(KnowledgeGapReminders.NAME);
    }
}

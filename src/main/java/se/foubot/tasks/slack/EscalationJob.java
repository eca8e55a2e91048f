package se.foubot.tasks.slack;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackApi;
import se.foubot.channels.slack.SlackProperties;
import se.foubot.channels.slack.SlackText;
import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;
import se.foubot.privacy.LogText;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;
import se.foubot.time.WorkingDays;

/**
 * Raises a task again in the staff channel, mentioning the coordinator, when nobody has claimed it for the
 * configured number of working days. Once per task, whichever replica gets there first.
 */
@Component
@ConditionalOnSlack
public class EscalationJob {

    private static final Logger log = LoggerFactory.getLogger(EscalationJob.class);

    private final TaskService tasks;
    private final WorkingDays workingDays;
    private final SlackApi api;
    private final SlackProperties properties;
    private final Clock clock;
    private final ZoneId zone;
    private final Texts texts;

    EscalationJob(TaskService tasks, WorkingDays workingDays, SlackApi api, SlackProperties properties, Clock clock,
            ZoneId zone, Texts texts) {
        this.texts = texts;
        this.tasks = tasks;
        this.workingDays = workingDays;
        this.api = api;
        this.properties = properties;
        this.clock = clock;
        this.zone = zone;
    }

    @Scheduled(fixedDelayString = "${foubot.slack.escalation-check-interval}", initialDelayString = "PT1M")
    public void check() {
        if (!SlackProperties.has(properties.staffChannel())) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        for (SupportTask task : tasks.unclaimed()) {
            LocalDate created = LocalDate.ofInstant(task.createdAt(), zone);
            if (task.escalatedAt() == null && workingDays.between(created, today) >= properties.escalationWorkingDays()
                    && tasks.markEscalated(task.reference())) {
                String text = mention() + texts.get(Language.SV, "tasks.escalation", "reference", task.reference(), "days",
                        properties.escalationWorkingDays());
                try {
                    api.post(properties.staffChannel(), null, text, null);
                    log.info("event=task_escalated task={}", task.reference());
                } catch (SlackApi.SlackCallFailed e) {
                    log.warn("event=task_escalation_failed task={} reason=\"{}\"", task.reference(), LogText.clean(e.getMessage()));
                }
            }
        }
    }

    private String mention() {
        String who = properties.coordinator();
        return SlackProperties.has(who) ? SlackText.mention(who) + " " : "";
    }
}

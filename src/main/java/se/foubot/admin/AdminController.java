package se.foubot.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.foubot.channels.email.MailInbox;
import se.foubot.tasks.NewTaskLimit;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.TaskStatus;

/** The admin API (JSON, bearer FOUBOT_ADMIN_TOKEN): tasks and the mail quarantine. No free text from requests. */
@RestController
class AdminController {

    /** A task as the admin API shows it. */
    record TaskView(String reference, String district, String category, boolean needsTriage, String priority, String status,
            String channel, String assignee, Instant createdAt, Instant claimedAt, Instant closedAt, LocalDate neededBy) {

        static TaskView of(SupportTask t) {
            return new TaskView(t.reference(), t.request().district(), t.category(), t.needsTriage(), t.priority().name(),
                    t.status().name(), t.requester().channel(), t.assignee(), t.createdAt(), t.claimedAt(), t.closedAt(),
                    t.request().neededBy());
        }
    }

    /** A quarantined mail: who, what subject, why. */
    record QuarantinedMail(String key, String from, String subject, String reason, Instant receivedAt) {
    }

    /** The new-task limit and who is at it now. */
    record Limits(int newTasksPerSender, java.time.Duration window, List<NewTaskLimit.AtLimit> atLimit) {
    }

    private final TaskService tasks;
    private final MailInbox inbox;
    private final NewTaskLimit limit;

    AdminController(TaskService tasks, MailInbox inbox, NewTaskLimit limit) {
        this.tasks = tasks;
        this.inbox = inbox;
        this.limit = limit;
    }

    @GetMapping("/api/limits")
    Limits limits() {
        return new Limits(limit.settings().newPerSender(), limit.settings().window(), limit.atLimit());
    }

    @GetMapping("/api/tasks")
    List<TaskView> tasks(@RequestParam(required = false) String status) {
        TaskStatus wanted = null;
        if (status != null) {
            try {
                wanted = TaskStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                return List.of();
            }
        }
        return tasks.newest(wanted, 1000).stream().map(TaskView::of).toList();
    }

    @GetMapping("/api/mail/quarantine")
    List<QuarantinedMail> quarantine(@RequestParam(defaultValue = "200") int limit) {
        return inbox.quarantine(Math.max(1, Math.min(limit, 1000))).stream().map(d -> new QuarantinedMail(d.getString("_id"),
                d.getString("from"), d.getString("subject"), d.getString("reason"),
                d.getDate("receivedAt") == null ? null : d.getDate("receivedAt").toInstant())).toList();
    }
}

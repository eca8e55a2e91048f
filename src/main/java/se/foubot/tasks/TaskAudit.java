package se.foubot.tasks;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The tasks' lines in the {@link AuditLog}: who created, claimed, released, re-categorised or changed the status of
 * which task, and when. Keyed by task and event time, so a repeated event is one line.
 */
@Component
class TaskAudit {

    private static final Set<String> AUDITED = Set.of("created", "claimed", "released", "status", "category");

    private final AuditLog log;

    TaskAudit(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(TaskChanged change) {
        TaskEvent e = change.event();
        if (e == null || !AUDITED.contains(e.kind())) {
            return;
        }
        String detail = switch (e.kind()) {
            case "status" -> change.task().status().name();
            case "category" -> change.task().category();
            default -> null;
        };
        Map<String, Object> details = new HashMap<>();
        details.put("task", change.task().reference());
        details.put("detail", detail);
        String id = change.task().reference() + "#" + e.kind() + "#" + e.at().toEpochMilli();
        if (change.carried()) {
            log.recordCarried(id, e.at(), e.actor(), e.kind(), details);
        } else {
            log.record(id, e.at(), e.actor(), e.kind(), details);
        }
    }
}

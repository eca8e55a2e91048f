package se.foubot.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A confirmed request as work for the analysts: sorted into a category, prioritised, claimed, and
 * followed to done.
 *
 * @param reference     human-friendly id, e.g. FOU-2026-0042
 * @param sourceKey     the conversation run that created it; unique, so a retried confirmation creates nothing twice
 * @param needsTriage   the sorting was not sure; an analyst should set the category
 * @param staffPost     the staff-channel message; null until it has been posted
 * @param staffPostStale the staff-channel message shows an older state and must be updated
 * @param attachments   names of attachments that came with the request (not stored)
 */
@Document("support_tasks")
public record SupportTask(
        @Id String reference,
        String sourceKey,
        Requester requester,
        SupportRequest request,
        String category,
        double categoryScore,
        boolean needsTriage,
        Priority priority,
        TaskStatus status,
        String assignee,
        Instant claimedAt,
        Instant closedAt,
        StaffPost staffPost,
        boolean staffPostStale,
        Instant escalatedAt,
        List<TaskEvent> history,
        List<String> attachments,
        Instant createdAt,
        Instant updatedAt) {

    /** What stands in a free-text field, and for the requester, once retention has anonymised the task. */
    public static final String ANONYMISED = "(gallrad)";

    /** Whether retention has anonymised it: its text and requester are gone, so nothing more is done with it. */
    public boolean anonymised() {
        return requester != null && ANONYMISED.equals(requester.person());
    }

    public SupportTask {
        history = history == null ? List.of() : List.copyOf(history);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public SupportTask withHistory(TaskEvent event) {
        List<TaskEvent> h = new ArrayList<>(history);
        h.add(event);
        return new SupportTask(reference, sourceKey, requester, request, category, categoryScore, needsTriage, priority,
                status, assignee, claimedAt, closedAt, staffPost, staffPostStale, escalatedAt, h, attachments, createdAt,
                updatedAt);
    }
}

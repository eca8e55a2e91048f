package se.foubot.tasks;

import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.store.ReadableDocuments;

/**
 * The tasks a query finds, each read on its own: one changed by hand so that it cannot be read (a `closedAt` written
 * as a list, a number or a document) is left out and logged ({@code event=task_unreadable}) instead of failing every
 * list it is in — a person's status, the staff channel's repost round, the figures (helper 112).
 */
public final class ReadableTasks {

    private ReadableTasks() {
    }

    public static List<SupportTask> find(MongoTemplate mongo, Query query) {
        return ReadableDocuments.find(mongo, query, SupportTask.class, mongo.getCollectionName(SupportTask.class), "task_unreadable",
                ReadableTasks::whole);
    }

    /**
     * What every change and every card needs of a task: the mapping reads a requester without its person or its address
     * (which only anonymising removes), or a history written as text, and the change then failed after its write
     * (helpers 115, 116).
     */
    private static boolean whole(org.bson.Document stored, SupportTask task) {
        Object history = stored.get("history");
        return task.reference() != null && task.status() != null && task.createdAt() != null && task.request() != null
                && task.requester() != null && task.requester().channel() != null && task.requester().person() != null
                && !task.requester().person().isBlank() && (task.requester().address() != null || task.anonymised())
                && (history == null || history instanceof List);
    }
}

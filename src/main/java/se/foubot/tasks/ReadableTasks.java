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
        return ReadableDocuments.find(mongo, query, SupportTask.class, mongo.getCollectionName(SupportTask.class), "task_unreadable");
    }
}

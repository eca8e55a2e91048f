package se.foubot.tasks;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.messaging.Contacts;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.OutsideTextGuard;

/**
 * A person's own words handed to the analysts as a task of kind question, whichever feature they wrote to: a question
 * the knowledge base could not answer, a reply to the knowledge-gap inventory's outcome.
 */
@Component
public class QuestionTasks {

    private final TaskService tasks;
    private final Contacts contacts;
    private final OutsideTextGuard guard;

    QuestionTasks(TaskService tasks, Contacts contacts, OutsideTextGuard guard) {
        this.tasks = tasks;
        this.contacts = contacts;
        this.guard = guard;
    }

    /**
     * The task for {@code words}, made once per {@code sourceKey} (the same key again is the task made before).
     *
     * @throws NewTaskLimitReached when the person has made as many tasks as the limit allows
     */
    public SupportTask handOver(String sourceKey, Recipient from, String words, Language language) {
        return handOver(sourceKey, from, words, null, language);
    }

    /**
     * As {@link #handOver(String, Recipient, String, Language)}, for {@code district} (a district's id, or null): the
     * district the words were written for, when the feature knows it, so that the analysts' card shows it.
     */
    public SupportTask handOver(String sourceKey, Recipient from, String words, String district, Language language) {
        SupportRequest request = SupportRequest.question(guard.check(words).textOr(""), district, contacts.email(from).orElse(null),
                language.code());
        return tasks.create(sourceKey, new Requester(from.channel(), from.address(), Map.of()), request, List.of());
    }
}

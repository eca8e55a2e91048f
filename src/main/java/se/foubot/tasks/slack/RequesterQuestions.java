package se.foubot.tasks.slack;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackReplies;
import se.foubot.messaging.Reply;
import se.foubot.channels.slack.SlackText;
import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.privacy.GuardedText;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.TaskStatus;

/**
 * An analyst's question to a requester: recorded on the task, put to the requester in their own
 * conversation (the engine's task-question flow), whose answer is recorded on the task and shown in the
 * staff thread.
 */
@Component
@ConditionalOnSlack
class RequesterQuestions {

    private static final Logger log = LoggerFactory.getLogger(RequesterQuestions.class);
    /** Locks by requester (a hash's stripe): see {@link #ask}. */
    private static final int STRIPES = 64;

    private final Object[] requesterLocks = new Object[STRIPES];

    private final TaskService tasks;
    private final ConversationEngine engine;
    private final SlackReplies replies;

    RequesterQuestions(TaskService tasks, ConversationEngine engine, SlackReplies replies) {
        this.tasks = tasks;
        this.engine = engine;
        this.replies = replies;
        java.util.Arrays.setAll(requesterLocks, i -> new Object());
    }

    /** @return false when there is no task {@code reference}, or nobody has taken it (nothing was asked) */
    boolean ask(String reference, String analyst, GuardedText question) {
        // an anonymised task has no requester to ask, and its history takes no new text (helper 115)
        SupportTask task = tasks.find(reference).filter(t -> t.status() != TaskStatus.NEW && !t.anonymised()).orElse(null);
        if (task == null) {
            return false;
        }
        if (!SlackText.CHANNEL.equals(task.requester().channel())) {
            return tasks.question(reference, analyst, question).isPresent();
        }
        // the requester's conversation first: an earlier question this one replaces is said to be unanswered in the
        // thread before this one is said to be asked, not after it
        ConversationKey requester = new ConversationKey(SlackText.CHANNEL, task.requester().person());
        se.foubot.conversation.BotReply reply;
        // two analysts asking one requester at once (on this replica): one question's start and line, then the
        // other's, so that no question is said to be unanswered in a thread before it is said to be asked
        synchronized (requesterLocks[Math.floorMod(requester.id().hashCode(), STRIPES)]) {
            reply = engine.start(requester, "task-question", Map.of("reference", reference, "question", question.textOr(""),
                    "analyst", SlackText.mentionInReply(analyst)), task.requester().address());
            if (tasks.question(reference, analyst, question).isEmpty()) {
                // given back to nobody between the look and the line (a moment): the question is asked all the same
                log.warn("event=task_question_unrecorded task={} reason=\"the task had no holder when the question was recorded\"",
                        reference);
            }
        }
        Map<String, String> address = task.requester().address();
        replies.post(address.getOrDefault(SlackText.ADDRESS_CHANNEL, task.requester().person()),
                address.get(SlackText.ADDRESS_THREAD), Reply.of(reply), task.requester().person());
        return true;
    }
}

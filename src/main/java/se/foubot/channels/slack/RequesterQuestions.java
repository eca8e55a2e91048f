package se.foubot.channels.slack;

import java.util.Map;

import org.springframework.stereotype.Component;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.privacy.GuardedText;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * An analyst's question to a requester: recorded on the task, put to the requester in their own
 * conversation (the engine's task-question flow), whose answer is recorded on the task and shown in the
 * staff thread.
 */
@Component
@ConditionalOnSlack
class RequesterQuestions {

    private final TaskService tasks;
    private final ConversationEngine engine;
    private final SlackApi api;

    RequesterQuestions(TaskService tasks, ConversationEngine engine, SlackApi api) {
        this.tasks = tasks;
        this.engine = engine;
        this.api = api;
    }

    void ask(String reference, String analyst, GuardedText question) {
        SupportTask task = tasks.question(reference, analyst, question).orElse(null);
        if (task == null || !SlackConversations.CHANNEL.equals(task.requester().channel())) {
            return;
        }
        ConversationKey requester = SlackConversations.key(task.requester().person());
        var reply = engine.start(requester, "task-question", Map.of("reference", reference, "question", question.textOr(""),
                "analyst", "<@" + analyst + ">"), task.requester().address());
        Map<String, String> address = task.requester().address();
        api.post(address.getOrDefault(SlackConversations.ADDRESS_CHANNEL, task.requester().person()),
                address.get(SlackConversations.ADDRESS_THREAD), reply.text(), ReplyBlocks.of(reply));
    }
}

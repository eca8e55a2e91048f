package se.foubot.tasks.slack;

import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.springframework.stereotype.Component;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackNotices;
import se.foubot.channels.slack.SlackText;
import se.foubot.tasks.RequesterChannel;
import se.foubot.tasks.SupportTask;

/** A requester who asked in Slack is told where they asked (their DM, or the thread of their mention). */
@Component
@ConditionalOnSlack
class SlackRequesterChannel implements RequesterChannel {

    private final SlackNotices notices;
    private final ExecutorService workers;

    SlackRequesterChannel(SlackNotices notices, ExecutorService slackWorkers) {
        this.notices = notices;
        this.workers = slackWorkers;
    }

    @Override
    public String channel() {
        return SlackText.CHANNEL;
    }

    @Override
    public String analyst(String actorId) {
        return SlackText.mention(actorId);
    }

    @Override
    public void tell(SupportTask task, String key, String subject, String text) {
        Map<String, String> address = task.requester().address();
        // through the Slack outbox: a Slack that is away, or the process killed before the post, leaves it queued
        notices.queuePost(key, address.getOrDefault(SlackText.ADDRESS_CHANNEL, task.requester().person()),
                address.get(SlackText.ADDRESS_THREAD), text, workers);
    }
}

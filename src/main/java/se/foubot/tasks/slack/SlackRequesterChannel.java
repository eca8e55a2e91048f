package se.foubot.tasks.slack;

import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackApi;
import se.foubot.channels.slack.SlackText;
import se.foubot.privacy.LogText;
import se.foubot.tasks.RequesterChannel;
import se.foubot.tasks.SupportTask;

/** A requester who asked in Slack is told where they asked (their DM, or the thread of their mention). */
@Component
@ConditionalOnSlack
class SlackRequesterChannel implements RequesterChannel {

    private static final Logger log = LoggerFactory.getLogger(SlackRequesterChannel.class);

    private final SlackApi api;
    private final ExecutorService workers;

    SlackRequesterChannel(SlackApi api, ExecutorService slackWorkers) {
        this.api = api;
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
        workers.execute(() -> {
            Map<String, String> address = task.requester().address();
            try {
                api.post(address.getOrDefault(SlackText.ADDRESS_CHANNEL, task.requester().person()),
                        address.get(SlackText.ADDRESS_THREAD), text, null);
            } catch (SlackApi.SlackCallFailed e) {
                log.warn("event=requester_notice_failed task={} reason=\"{}\"", task.reference(), LogText.clean(e.getMessage()));
            }
        });
    }
}

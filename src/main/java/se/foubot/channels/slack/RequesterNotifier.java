package se.foubot.channels.slack;

import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskChanged;
import se.foubot.tasks.TaskStatus;

/** Tells a requester who asked in Slack what happens to their request, where they asked (DM or thread). */
@Component
@ConditionalOnSlack
class RequesterNotifier {

    private static final Logger log = LoggerFactory.getLogger(RequesterNotifier.class);

    private final SlackApi api;
    private final ExecutorService workers;

    RequesterNotifier(SlackApi api, ExecutorService slackWorkers) {
        this.api = api;
        this.workers = slackWorkers;
    }

    @EventListener
    void onTaskChanged(TaskChanged changed) {
        SupportTask task = changed.task();
        if (!SlackConversations.CHANNEL.equals(task.requester().channel())) {
            return;
        }
        String text = message(task, changed.event().kind());
        if (text == null) {
            return;
        }
        workers.execute(() -> {
            Map<String, String> address = task.requester().address();
            String channel = address.getOrDefault(SlackConversations.ADDRESS_CHANNEL, task.requester().person());
            try {
                api.post(channel, address.get(SlackConversations.ADDRESS_THREAD), text, null);
            } catch (SlackApi.SlackCallFailed e) {
                log.warn("event=requester_notice_failed task={} reason=\"{}\"", task.reference(), e.getMessage());
            }
        });
    }

    static String message(SupportTask t, String kind) {
        Language l = "en".equals(t.request().language()) ? Language.EN : Language.SV;
        String ref = t.reference();
        return switch (kind) {
            case "claimed" -> SlackConversations.say(l,
                    "Din förfrågan " + ref + " har tagits av <@" + t.assignee() + ">, FoU-utredare, som hör av sig till dig.",
                    "Your request " + ref + " has been taken by <@" + t.assignee() + ">, an FoU analyst, who will contact you.");
            case "status" -> t.status() == TaskStatus.DONE
                    ? SlackConversations.say(l, "Din förfrågan " + ref + " är klar. Tack för att du vände dig till FoU!",
                            "Your request " + ref + " is done. Thank you for turning to FoU!")
                    : SlackConversations.say(l, "Din förfrågan " + ref + " har fått status: " + t.status().label().sv() + ".",
                            "Your request " + ref + " now has the status: " + t.status().label().en() + ".");
            default -> null;
        };
    }
}

package se.foubot.tasks;

import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;

import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;

/**
 * Tells a requester what happens to their request — claimed, a new status, done, an analyst's question (mail; in
 * Slack the question is a conversation of its own) — in their language, written once for every channel.
 */
@Component
class RequesterNotices {

    private final List<RequesterChannel> channels;
    private final Texts texts;
    private final ConversationEngine conversations;

    RequesterNotices(List<RequesterChannel> channels, Texts texts, ConversationEngine conversations) {
        this.channels = List.copyOf(channels);
        this.texts = texts;
        this.conversations = conversations;
    }

    @EventListener
    void onTaskChanged(TaskChanged changed) {
        SupportTask t = changed.task();
        Optional<RequesterChannel> channel = channels.stream().filter(c -> c.channel().equals(t.requester().channel())).findFirst();
        if (channel.isEmpty()) {
            return;
        }
        TaskEvent e = changed.event();
        String notice = switch (e.kind()) {
            case "claimed" -> "tasks.notice.claimed";
            case "status" -> t.status() == TaskStatus.DONE ? "tasks.notice.done" : "tasks.notice.status";
            case "question" -> t.requester().channel().equals("email") ? "tasks.notice.question" : null;
            default -> null;
        };
        if (notice == null) {
            // most changes (a task created, a note) tell the requester nothing: their conversation is not read for them
            return;
        }
        // the language the person speaks with the bot now ("english" after the request was made), else the request's
        Language l = conversations.knownLanguage(new ConversationKey(t.requester().channel(), t.requester().person()))
                .orElse(t.request().spokenLanguage());
        String text = switch (notice) {
            case "tasks.notice.claimed" -> texts.get(l, notice, "reference", t.reference(), "analyst", analyst(channel.get(), t, l));
            case "tasks.notice.status" -> texts.get(l, notice, "reference", t.reference(), "status", t.status().label().in(l));
            case "tasks.notice.question" -> texts.get(l, notice, "reference", t.reference(), "question", e.detail());
            default -> texts.get(l, notice, "reference", t.reference());
        };
        String subject = texts.get(l, e.kind().equals("question") ? "tasks.notice.subject.question" : "tasks.notice.subject");
        // once per change: two changes of one kind within a millisecond differ by their place in the history
        channel.get().tell(t, "notice:" + t.reference() + ":" + e.kind() + ":" + e.at().toEpochMilli() + ":" + t.history().size(), subject, text);
    }

    private String analyst(RequesterChannel channel, SupportTask t, Language l) {
        String named = channel.analyst(t.assignee());
        return named == null ? texts.get(l, "tasks.notice.analyst.unnamed") : texts.get(l, "tasks.notice.analyst.named", "name", named);
    }
}

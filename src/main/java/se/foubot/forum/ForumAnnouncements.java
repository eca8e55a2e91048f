package se.foubot.forum;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.deadletter.DeadLetters;
import se.foubot.forum.ForumService.MeetingChanged;
import se.foubot.messaging.Notice;
import se.foubot.messaging.Notifier;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Texts;

/**
 * A newly planned meeting is announced once: in the Slack channel the coordinator chose
 * ({@code foubot.forum.announce-channel}) and to each person who asked for forum news ("bevakning forum"). Each
 * announcement is keyed by meeting and recipient in the notice outbox, so a replica that announces again (a retry,
 * a second replica handling the same event) queues nothing twice.
 */
@Component
class ForumAnnouncements {

    private static final Logger log = LoggerFactory.getLogger(ForumAnnouncements.class);

    private final ForumNews news;
    private final Notifier notifier;
    private final ForumProperties properties;
    private final Texts texts;
    private final ForumTexts forumTexts;
    private final DeadLetters deadLetters;

    ForumAnnouncements(ForumNews news, Notifier notifier, ForumProperties properties, Texts texts, ForumTexts forumTexts,
            DeadLetters deadLetters) {
        this.news = news;
        this.notifier = notifier;
        this.properties = properties;
        this.texts = texts;
        this.forumTexts = forumTexts;
        this.deadLetters = deadLetters;
    }

    @EventListener
    void on(MeetingChanged change) {
        if (change.kind() == MeetingChanged.Kind.CREATED) {
            deadLetters.retryThenPark("forum-announcement", change.meeting().id(), () -> announce(change.meeting()));
        }
    }

    /** Queues the meeting's announcements; those queued before (by this or another replica) are not queued again. */
    void announce(Meeting m) {
        int queued = 0;
        String channel = properties.announceChannel();
        if (channel != null && !channel.isBlank()) {
            String text = texts.get(Language.SV, "forum.announce.channel", "title", m.title(), "meeting", forumTexts.describe(m, Language.SV),
                    "id", m.id());
            queued += notifier.send(key(m, "slack-channel:" + channel.strip()), Recipient.slack(channel.strip()),
                    Notice.of(texts.get(Language.SV, "forum.announce.subject", "title", m.title()), text)) ? 1 : 0;
        }
        for (ForumNewsSubscriber s : news.active()) {
            Language l = "en".equals(s.language()) ? Language.EN : Language.SV;
            String text = texts.get(l, "forum.announce.text", "meeting", forumTexts.describe(m, l), "id", m.id())
                    + "\n\n" + texts.get(l, "forum.announce.stop");
            if (s.recipient().isEmail()) {
                // a letter, greeted and signed as the bot's other letters are (helper 122: it began with the news, unsigned)
                text = texts.letter(l, text);
            }
            // a reply to the mail is about this meeting: "anmäl" registers for it
            queued += notifier.send(key(m, s.id()), s.recipient(), Notice.of(texts.get(l, "forum.announce.subject", "title", m.title()),
                    text).withThread("forum:" + m.id())) ? 1 : 0;
        }
        log.info("event=forum_meeting_announced meeting={} queued={}", m.id(), queued);
    }

    private static String key(Meeting m, String to) {
        return "forum-announcement:" + m.id() + ":" + to;
    }
}

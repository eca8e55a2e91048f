package se.foubot.channels.slack;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import se.foubot.conversation.ConversationKey;
import se.foubot.messaging.MessageRouter;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Reply;
import se.foubot.messaging.Texts;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.LogText;

/**
 * District staff talking to the bot in Slack: a DM, a mention or {@code /fou} goes to the router (a command of the
 * table, or the person's one Slack conversation), and the reply is rendered where they wrote.
 */
@Component
@ConditionalOnSlack
class SlackChat {

    private static final Logger log = LoggerFactory.getLogger(SlackChat.class);
    /** What marks the notice that files are not read, after the key of the message they came with. */
    static final String FILES_NOTICE = "#files";

    private final MessageRouter router;
    private final SlackApi api;
    private final SlackReplies replies;
    private final Texts texts;

    SlackChat(MessageRouter router, SlackApi api, SlackReplies replies, Texts texts) {
        this.router = router;
        this.api = api;
        this.replies = replies;
        this.texts = texts;
    }

    /**
     * The message a turn answers: its key (the work's, marked on the answer) and whether the work is being done
     * {@code again}, when its answer may already be shown. {@link #UNMARKED}: answered without a key, the store down.
     */
    record Asked(String key, boolean again) {
        static final Asked UNMARKED = new Asked(null, false);

        static Asked by(SlackInbox.Work work) {
            return new Asked(work.key(), work.again());
        }
    }

    /**
     * A message from {@code user}; the answer goes to {@code channel}, in {@code threadTs} when given. Done again under
     * the same key (after a crash), the conversation's turn is not taken twice and the same answer is posted.
     */
    void onMessage(String user, GuardedText text, String channel, String threadTs, Asked asked) {
        onAnswer(user, text, channel, threadTs, asked, null);
    }

    /**
     * A click on one of the bot's answer buttons: as {@link #onMessage}, {@code answering} the question the button was
     * offered for, read from its block's id ({@link ReplyBlocks#question}).
     */
    void onAnswer(String user, GuardedText text, String channel, String threadTs, Asked asked, String answering) {
        answer(user, channel, threadTs, asked,
                () -> router.route(key(user), Recipient.slack(user), text, origin(channel, threadTs), asked.key(), answering));
    }

    /**
     * A post, perhaps with files: files are never fetched, read or kept, and the person is told so; words written with
     * them are answered as any message.
     */
    void onPost(String user, GuardedText text, boolean files, String channel, String threadTs, Asked asked) {
        // the notice is marked as the message's too, so that the work done again does not tell the person twice
        String notice = asked.key() == null ? null : asked.key() + FILES_NOTICE;
        if (files && !(asked.again() && notice != null && alreadyShown(user, channel, threadTs, asked.key(), notice))) {
            api.post(channel, threadTs, texts.get(router.knownLanguage(key(user)).orElse(se.foubot.conversation.Language.SV),
                    "slack.files-not-read"), null, notice);
        }
        if (files && text.isBlank() && !text.identityNumberRemoved()) {
            return;
        }
        onMessage(user, text, channel, threadTs, asked);
    }

    /** {@code /fou [text]}: answered in the person's direct messages with the bot; {@code asked} as above. */
    void onCommand(String user, GuardedText text, Asked asked) {
        if (text.isBlank() && !text.identityNumberRemoved()) {
            answer(user, user, null, asked, () -> router.resume(key(user)));
            return;
        }
        answer(user, user, null, asked, () -> {
            Reply reply = router.routeCommand(key(user), Recipient.slack(user), text, origin(user, null), asked.key());
            // the list is read where it was asked for: after /fou, each command is typed after /fou too
            return reply.card() instanceof se.foubot.messaging.HelpCard help ? reply.withCard(help.typedAfter("/fou ")) : reply;
        });
    }

    private interface Turn {
        Reply take();
    }

    /**
     * Takes the turn and posts its reply, marked as the answer to the message asked. A reply that may have been posted
     * before — the conversation gave it this message already, or the work is done again after a crash or after a post
     * that failed or went unanswered — is not posted again when the direct message already shows it.
     */
    private void answer(String user, String channel, String threadTs, Asked asked, Turn turn) {
        // done again, and the DM shows its answer: the turn was taken before (an answer is posted last), so it is not
        // taken again — a command's click is remembered by no conversation, and run again it started its flow once more
        // under the person's later answers (helper 121)
        boolean looked = asked.again() && asked.key() != null;
        if (looked && alreadyShown(user, channel, threadTs, asked.key())) {
            return;
        }
        Reply reply;
        try {
            reply = turn.take();
        } catch (DataAccessException e) {
            log.warn("event=slack_turn_failed user={} reason=\"{}\"", user, LogText.clean(e.getMostSpecificCause().getMessage()));
            api.post(channel, threadTs, texts.get(se.foubot.conversation.Language.SV, "slack.store-down"), null);
            throw e;
        }
        boolean perhapsShown = reply.repeated() && !looked && asked.key() != null;
        if (reply.isNone() || perhapsShown && alreadyShown(user, channel, threadTs, asked.key())) {
            return;
        }
        replies.post(channel, threadTs, reply, user, asked.key());
    }

    /** Whether the DM shows the bot's answer to {@code messageId}: {@link #alreadyShown(String, String, String, String, String)}. */
    private boolean alreadyShown(String user, String channel, String threadTs, String messageId) {
        return alreadyShown(user, channel, threadTs, messageId, messageId);
    }

    /**
     * Whether the DM shows the bot's post marked {@code mark}, posted after the message {@code messageId}. When Slack
     * refuses to say, it is taken as not shown; when Slack is away, the failure is thrown, so that the work waits and
     * looks again. An answer posted to the person ({@code channel} their user id: a command's) is looked for in their DM
     * with the bot.
     */
    private boolean alreadyShown(String user, String channel, String threadTs, String messageId, String mark) {
        if (channel == null || threadTs != null || !(channel.startsWith("D") || channel.equals(user))) {
            return false; // a channel's history or a thread needs scopes the bot does not ask for
        }
        try {
            String dm = channel.equals(user) ? api.directMessageWith(user) : channel;
            boolean shown = dm != null && api.answeredIn(dm, mark, SlackApi.since(messageId));
            if (shown) {
                log.info("event=slack_answer_already_shown key={}", LogText.clean(mark));
            }
            return shown;
        } catch (SlackApi.SlackCallFailed e) {
            if (e.slackAway()) {
                throw e; // Slack away: the work is done again after a pause, and looks again first
            }
            return false; // refused (a scope the workspace did not grant): twice rather than never
        }
    }

    private static Map<String, String> origin(String channel, String threadTs) {
        Map<String, String> origin = new HashMap<>();
        origin.put(SlackText.ADDRESS_CHANNEL, channel);
        if (threadTs != null) {
            origin.put(SlackText.ADDRESS_THREAD, threadTs);
        }
        return origin;
    }

    static ConversationKey key(String user) {
        return new ConversationKey(SlackText.CHANNEL, user);
    }
}

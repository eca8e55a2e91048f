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
     * A message from {@code user}; the answer goes to {@code channel}, in {@code threadTs} when given. Done again under
     * the same {@code messageId} (after a crash), the conversation's turn is not taken twice and the same answer is posted.
     */
    void onMessage(String user, GuardedText text, String channel, String threadTs, String messageId) {
        onAnswer(user, text, channel, threadTs, messageId, null);
    }

    /**
     * A click on one of the bot's answer buttons: as {@link #onMessage}, {@code answering} the question the button was
     * offered for, read from its block's id ({@link ReplyBlocks#question}).
     */
    void onAnswer(String user, GuardedText text, String channel, String threadTs, String messageId, String answering) {
        answer(user, channel, threadTs,
                () -> router.route(key(user), Recipient.slack(user), text, origin(channel, threadTs), messageId, answering));
    }

    /**
     * A post, perhaps with files: files are never fetched, read or kept, and the person is told so; words written with
     * them are answered as any message.
     */
    void onPost(String user, GuardedText text, boolean files, String channel, String threadTs, String messageId) {
        if (files) {
            api.post(channel, threadTs, texts.get(router.knownLanguage(key(user)).orElse(se.foubot.conversation.Language.SV),
                    "slack.files-not-read"), null);
            if (text.isBlank() && !text.identityNumberRemoved()) {
                return;
            }
        }
        onMessage(user, text, channel, threadTs, messageId);
    }

    /** {@code /fou [text]}: answered in the person's direct messages with the bot; {@code messageId} as above. */
    void onCommand(String user, GuardedText text, String messageId) {
        if (text.isBlank() && !text.identityNumberRemoved()) {
            answer(user, user, null, () -> router.resume(key(user)));
            return;
        }
        answer(user, user, null, () -> {
            Reply reply = router.routeCommand(key(user), Recipient.slack(user), text, origin(user, null), messageId);
            // the list is read where it was asked for: after /fou, each command is typed after /fou too
            return reply.card() instanceof se.foubot.messaging.HelpCard help ? reply.withCard(help.typedAfter("/fou ")) : reply;
        });
    }

    private interface Turn {
        Reply take();
    }

    private void answer(String user, String channel, String threadTs, Turn turn) {
        Reply reply;
        try {
            reply = turn.take();
        } catch (DataAccessException e) {
            log.warn("event=slack_turn_failed user={} reason=\"{}\"", user, LogText.clean(e.getMostSpecificCause().getMessage()));
            api.post(channel, threadTs, texts.get(se.foubot.conversation.Language.SV, "slack.store-down"), null);
            throw e;
        }
        if (!reply.isNone()) {
            replies.post(channel, threadTs, reply, user);
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

package se.foubot.channels.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;

/**
 * Step 4: acks, with no work, bots' posts (the bot's own too), edits, deletions and other changes to posts, channel
 * chatter not meant for the bot, and a post that names no channel. Whatever Slack sends, the answer is 200: a 404 only makes Slack retry and, in the end,
 * switch the app's events off.
 */
class IgnoreWhatNeedsNoAnswer implements Middleware {

    private final EventEnvelopes envelopes;

    IgnoreWhatNeedsNoAnswer(EventEnvelopes envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req instanceof EventRequest event && needsNoAnswer(envelopes.of(event))) {
            return Response.ok();
        }
        return chain.next(req);
    }

    static boolean needsNoAnswer(EventEnvelope e) {
        if (e.botId() != null) {
            return true;
        }
        if (e.isPost() && e.channel() == null) {
            return true; // a post from nowhere (Slack always names the channel): nothing to answer it in
        }
        // in channels the bot answers when mentioned (app_mention); of plain messages only direct ones, and of those the
        // ones a person wrote (a file shared with a few words, a thread reply also sent to the conversation)
        return "message".equals(e.type()) && (!"im".equals(e.channelType()) || (e.subtype() != null && !PERSONS_POSTS.contains(e.subtype())));
    }

    /** Message subtypes a person writes in a DM (the others are changes to posts or notices from Slack itself). */
    static final java.util.Set<String> PERSONS_POSTS = java.util.Set.of("file_share", "thread_broadcast");
}

package se.foubot.channels.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;

/** Step 2: acks, with no work, bots' posts (the bot's own too), edits and deletions, and channel chatter not meant for the bot. */
class IgnoreWhatNeedsNoAnswer implements Middleware {

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req instanceof EventRequest event && needsNoAnswer(EventEnvelope.of(event))) {
            return Response.ok();
        }
        return chain.next(req);
    }

    static boolean needsNoAnswer(EventEnvelope e) {
        if (e.botId() != null) {
            return true;
        }
        // in channels the bot answers when mentioned (app_mention); of plain messages only direct ones
        return "message".equals(e.type()) && (e.subtype() != null || !"im".equals(e.channelType()));
    }
}

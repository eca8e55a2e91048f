package se.foubot.channels.slack;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.response.Response;

import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * Step 5, events: a post's words (as the guard left them) are recorded once in {@code slack_inbox} under the post —
 * durable before acknowledged; a repeated delivery stops here — then acked, and the inbox hands the work to a worker.
 * A post holding a personal identity number is not kept: it is refused once, after the ack; so is App Home, which has
 * nothing to keep.
 */
class RecordOnceThenAck implements Middleware {

    static final String MESSAGE = "message";
    /** The post came with files: the person is told they are neither read nor kept. */
    static final String FILES = "files";

    private static final Logger log = LoggerFactory.getLogger(RecordOnceThenAck.class);

    private final SlackInbox inbox;
    private final OnceAfterAck once;
    private final OutsideTextGuard guard;
    private final SlackChat chat;
    private final AppHome home;
    private final EventEnvelopes envelopes;

    RecordOnceThenAck(SlackInbox inbox, OnceAfterAck once, OutsideTextGuard guard, SlackChat chat, AppHome home,
            EventEnvelopes envelopes) {
        this.envelopes = envelopes;
        this.inbox = inbox;
        this.once = once;
        this.guard = guard;
        this.chat = chat;
        this.home = home;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (!(req instanceof EventRequest event)) {
            return chain.next(req);
        }
        EventEnvelope e = envelopes.of(event);
        if (e.isPost()) {
            // Slack's markup to plain text at the edge: the bot's own mention dropped first, then the rest read as a person does
            GuardedText text = guard.check(SlackText.plain("app_mention".equals(e.type()) ? SlackText.withoutMentions(e.text()) : e.text()));
            record(e, text);
        } else if ("app_home_opened".equals(e.type()) && "home".equals(e.tab())) {
            once.run(e, () -> home.publish(e.user()));
        }
        return Response.ok();
    }

    private void record(EventEnvelope e, GuardedText text) {
        String thread = e.answerThread();
        Runnable answer = () -> chat.onPost(e.user(), text, e.files(), e.channel(), thread, SlackChat.Asked.UNMARKED);
        if (text.identityNumberRemoved()) {
            once.run(e, answer);
            return;
        }
        Map<String, String> params = new HashMap<>();
        params.put("text", text.textOr(""));
        // what Slack left out (a post without a user, as some integrations send) is left out here too
        putIfThere(params, "user", e.user());
        putIfThere(params, "channel", e.channel());
        putIfThere(params, "thread", thread);
        if (e.files()) {
            params.put(FILES, "true");
        }
        try {
            inbox.receive(e.workKey(), e.eventId(), MESSAGE, params);
        } catch (DataAccessException storeDown) {
            // nothing can be recorded: answered after the ack, which tells the person the bot has trouble
            log.warn("event=slack_inbox_unavailable event_id={}", e.eventId());
            once.run(e, answer);
        }
    }

    private static void putIfThere(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}

package se.foubot.channels.slack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.Language;
import se.foubot.deadletter.DeadLetters;
import se.foubot.deadletter.ServiceAway;
import se.foubot.messaging.MessageRouter;
import se.foubot.messaging.Texts;

/**
 * Work a click, command or form leaves for after its ack (Slack wants an answer within 3 seconds). A feature says
 * once, at start-up, what a kind of work means ({@link #on}); its handler records each piece before acking
 * ({@link #record}): durable before acknowledged, done on a Slack worker at once, or again after a crash, a bounded
 * number of times, then parked as a dead letter and the person told politely. Slack failing to take the reply once
 * the work is done is not the work's fault and is not tried again (it would do the work twice).
 */
@Component
@ConditionalOnSlack
public class SlackWork {

    static final String EVENT = "slack-event";
    static final String ACTION = "slack-action";

    private static final Logger log = LoggerFactory.getLogger(SlackWork.class);
    /** A trigger or view id as Slack writes them ("13345224609.738474920.8088930838d88f008e0", "V0123ABC"), with room. */
    private static final java.util.regex.Pattern TRIGGER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final SlackWorkers workers;
    private final DeadLetters deadLetters;
    private final SlackApi api;
    private final Texts texts;
    private final MessageRouter router;

    private final SlackInbox inbox;

    SlackWork(SlackWorkers slackWorkers, DeadLetters deadLetters, SlackApi api, Texts texts, MessageRouter router,
            SlackInbox inbox) {
        this.router = router;
        this.inbox = inbox;
        this.workers = slackWorkers;
        this.deadLetters = deadLetters;
        this.api = api;
        this.texts = texts;
    }

    /**
     * What a kind of recorded work means; called once per kind at start-up. The parameters are those given to
     * {@link #record}; "user" is always among them.
     */
    public void on(String kind, Consumer<Map<String, String>> work) {
        inbox.on(kind, ACTION, replyFailureLogged(w -> work.accept(w.params())));
    }

    /**
     * As {@link #on}, for work whose one answer goes to the person's DM: the work is given its key, to mark that answer
     * with ({@link SlackApi#post(String, String, String, List, String)}), as a conversation's answer is marked. Done
     * again (after a crash, or a failed attempt) while the DM already shows the answer, the work was done before — its
     * answer is posted last — and is not done again: a register click done again answered "Du är redan anmäld … –
     * inget mer behövs" under "Du är anmäld …". When Slack is away the look waits, as the work would; when Slack
     * refuses to say, the work is done (an answer twice rather than never).
     */
    public void onAnswered(String kind, java.util.function.BiConsumer<Map<String, String>, String> work) {
        inbox.on(kind, ACTION, replyFailureLogged(w -> {
            if (w.again() && answerShown(w.get("user"), w.key())) {
                return;
            }
            work.accept(w.params(), w.key());
        }));
    }

    /** Whether {@code user}'s DM with the bot shows the answer marked {@code key} (read from the newest back). */
    private boolean answerShown(String user, String key) {
        try {
            String dm = user == null ? null : api.directMessageWith(user);
            boolean shown = dm != null && api.answeredIn(dm, key, null);
            if (shown) {
                log.info("event=slack_answer_already_shown key={}", se.foubot.privacy.LogText.clean(key));
            }
            return shown;
        } catch (SlackApi.SlackCallFailed e) {
            if (e.slackAway()) {
                throw new ServiceAway("Slack did not show the DM: " + e.getMessage(), e);
            }
            return false;
        }
    }

    /**
     * Records a piece of work of {@code kind} for {@code user} before the ack; when MongoDB cannot record it, it is
     * done after the ack all the same ({@code withoutStore}), and its own failure tells the person where it can.
     */
    public void record(String kind, String user, Map<String, String> params, Runnable withoutStore) {
        recordOnce(null, kind, user, params, withoutStore);
    }

    /**
     * As {@link #record}, done once for the invocation Slack sent: each click and each slash command comes with a
     * trigger id of its own, so the same body again (a replay, a proxy's retry) is done once for the person. An id
     * that does not look like Slack's is not used as a key (it would go into the store and the answer's metadata):
     * such work is done every time it arrives.
     */
    public void recordInvocation(String triggerId, String kind, String user, Map<String, String> params, Runnable withoutStore) {
        // with the person's id: an invocation is one person's, whoever else sends the same id
        String slackId = slackId(triggerId);
        recordOnce(slackId == null ? null : user + ":" + slackId, kind, user, params, withoutStore);
    }

    /**
     * As {@link #record}, done once for the submitted form: Slack gives each opened modal a view id of its own and
     * sends its submission once, so a second copy (a replay, a proxy's retry, a forged one under another person's
     * id) does nothing more. An id that does not look like Slack's is not used as a key.
     */
    public void recordSubmission(String viewId, String kind, String user, Map<String, String> params, Runnable withoutStore) {
        recordOnce(slackId(viewId), kind, user, params, withoutStore);
    }

    /** The id if it looks like one of Slack's, else null. */
    private static String slackId(String id) {
        return id != null && TRIGGER_ID.matcher(id).matches() ? id : null;
    }

    /**
     * As {@link #record}, done once for {@code once} (e.g. a modal's view id: Slack sends a submission once, so a
     * second copy is a replay, or a proxy's retry), however often it arrives; null or blank: every time.
     */
    private void recordOnce(String once, String kind, String user, Map<String, String> params, Runnable withoutStore) {
        Map<String, String> all = new HashMap<>();
        params.forEach((k, v) -> {
            if (v != null) {
                all.put(k, v);
            }
        });
        all.put("user", user);
        try {
            inbox.receive(once == null || once.isBlank() ? "action:" + UUID.randomUUID() : "action:" + kind + ":" + once, kind, all);
        } catch (DataAccessException storeDown) {
            afterAck(user, withoutStore);
        }
    }

    /**
     * Slack failing to take the reply once the work is done is not the work's fault, and trying again would do the work
     * twice: it is logged, not retried.
     */
    Consumer<SlackInbox.Work> replyFailureLogged(Consumer<SlackInbox.Work> work) {
        return w -> {
            try {
                work.accept(w);
            } catch (SlackApi.SlackCallFailed e) {
                log.warn("event=slack_reply_failed kind={} key={}", w.kind(), w.key());
            }
        };
    }

    /**
     * For work that comes out the same when done again (a message or a command, keyed by its message: the turn is not
     * taken twice and the same answer is given): when Slack did not take the reply for a while (server errors, rate
     * limits, no connection), the work is done again later, so the reply is posted once Slack takes it; a refusal
     * (channel_not_found) is logged as before.
     */
    Consumer<SlackInbox.Work> replyLaterWhenSlackIsAway(Consumer<SlackInbox.Work> work) {
        return w -> {
            try {
                work.accept(w);
            } catch (SlackApi.SlackCallFailed e) {
                if (e.slackAway()) {
                    throw new ServiceAway("Slack did not take the reply: " + e.getMessage(), e);
                }
                log.warn("event=slack_reply_failed kind={} key={}", w.kind(), w.key());
            }
        };
    }

    /** Runs {@code work} for {@code user} after the ack, not recorded; they hear of it in their DM if it cannot be done. */
    public void afterAck(String user, Runnable work) {
        boolean taken = workers.offer(() -> {
            try {
                if (attempts(ACTION, user + ":" + UUID.randomUUID(), work) == DeadLetters.Outcome.PARKED) {
                    sorry(user, null, user);
                }
            } catch (RuntimeException e) {
                log.warn("event=slack_action_failed rule={}", e.getClass().getSimpleName());
            }
        });
        if (!taken) {
            // not recorded, and every worker busy: shed and counted rather than holding up the ack
            log.warn("event=slack_action_shed user={}", user);
        }
    }

    /** Bounded attempts at one piece of work (a store outage counts none: it is thrown). */
    DeadLetters.Outcome attempts(String kind, String key, Runnable work) {
        return deadLetters.retryThenPark(kind, key, () -> {
            try {
                work.run();
            } catch (SlackApi.SlackCallFailed e) {
                log.warn("event=slack_reply_failed kind={} key={}", kind, key);
            }
        });
    }

    /** The polite answer after the attempts ran out; the staff channel hears of it through the dead letter. */
    void sorry(String channel, String thread, String user) {
        if (channel == null) {
            return;
        }
        try {
            Language language = user == null ? Language.SV : router.language(new ConversationKey(SlackText.CHANNEL, user));
            api.post(channel, thread, texts.get(language, "slack.sorry"), null);
        } catch (RuntimeException e) {
            log.warn("event=slack_sorry_failed error={}", e.getClass().getSimpleName());
        }
    }
}

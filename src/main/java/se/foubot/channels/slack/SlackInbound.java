package se.foubot.channels.slack;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageBotEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.MessageEvent;

import se.foubot.deadletter.DeadLetters;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * Everything that comes in from Slack, as a chain of small steps: Bolt verifies the signature and drops the
 * bot's own events; then each handler drops other bots, acks at once and hands the work to a worker thread,
 * which drops repeated deliveries (MongoDB decides) before doing it.
 */
@Component
@ConditionalOnSlack
class SlackInbound {

    private static final Logger log = LoggerFactory.getLogger(SlackInbound.class);

    private final SlackEventDeduplicator dedupe;
    private final ExecutorService workers;
    private final SlackConversations conversations;
    private final TaskActions taskActions;
    private final AppHome home;
    private final SlackForum forum;
    private final OutsideTextGuard guard;
    private final DeadLetters deadLetters;
    private final SlackApi api;

    SlackInbound(App app, SlackEventDeduplicator dedupe, ExecutorService slackWorkers, SlackConversations conversations,
            TaskActions taskActions, AppHome home, SlackForum forum, OutsideTextGuard guard, DeadLetters deadLetters, SlackApi api) {
        this.guard = guard;
        this.deadLetters = deadLetters;
        this.api = api;
        this.forum = forum;
        this.dedupe = dedupe;
        this.workers = slackWorkers;
        this.conversations = conversations;
        this.taskActions = taskActions;
        this.home = home;
        register(app);
    }

    private void register(App app) {
        app.event(MessageEvent.class, (req, ctx) -> {
            MessageEvent e = req.getEvent();
            // direct messages only; in channels the bot answers when mentioned (app_mention)
            if (e.getBotId() != null || e.getSubtype() != null || !"im".equals(e.getChannelType())) {
                return ctx.ack();
            }
            GuardedText text = guard.check(e.getText());
            once(SlackEventDeduplicator.messageKeys(req.getEventId(), e.getChannel(), e.getTs()), req.getEventId(),
                    new Where(e.getChannel(), e.getThreadTs()), () -> conversations.onMessage(e.getUser(), text, e.getChannel(), e.getThreadTs()));
            return ctx.ack();
        });
        app.event(AppMentionEvent.class, (req, ctx) -> {
            AppMentionEvent e = req.getEvent();
            if (e.getBotId() != null) {
                return ctx.ack();
            }
            // in a channel the answer starts a thread; in a direct message it comes as the DM's own answer would
            boolean direct = e.getChannel() != null && e.getChannel().startsWith("D");
            String thread = e.getThreadTs() != null || direct ? e.getThreadTs() : e.getTs();
            GuardedText text = guard.check(SlackText.withoutMentions(e.getText()));
            once(SlackEventDeduplicator.messageKeys(req.getEventId(), e.getChannel(), e.getTs()), req.getEventId(),
                    new Where(e.getChannel(), thread), () -> conversations.onMessage(e.getUser(), text, e.getChannel(), thread));
            return ctx.ack();
        });
        app.event(AppHomeOpenedEvent.class, (req, ctx) -> {
            if ("home".equals(req.getEvent().getTab())) {
                String user = req.getEvent().getUser();
                once(SlackEventDeduplicator.messageKeys(req.getEventId(), null, null), req.getEventId(), null,
                        () -> home.publish(user));
            }
            return ctx.ack();
        });
        // edits, deletions and bot posts in the DM need no answer
        app.event(MessageChangedEvent.class, (req, ctx) -> ctx.ack());
        app.event(MessageDeletedEvent.class, (req, ctx) -> ctx.ack());
        app.event(MessageBotEvent.class, (req, ctx) -> ctx.ack());

        app.command("/fou", (req, ctx) -> {
            String user = req.getPayload().getUserId();
            GuardedText guarded = guard.check(req.getPayload().getText());
            if (guarded.identityNumberRemoved()) {
                // refused in the person's DM, like any message holding a number; nothing of it is kept
                work(user, () -> conversations.onCommand(user, guarded));
                return ctx.ack(IN_YOUR_DMS);
            }
            String text = guarded.textOr("").strip();
            String lower = text.toLowerCase();
            if (lower.equals("forum") || lower.startsWith("forum ")) {
                String args = text.substring("forum".length()).strip();
                String argsLower = args.toLowerCase();
                if (argsLower.equals("ny") || argsLower.equals("new")) {
                    // a trigger id expires after 3 s: open the modal before acking
                    forum.openPlan(user, req.getPayload().getTriggerId(), null);
                    return ctx.ack();
                }
                if (argsLower.startsWith("ändra ") || argsLower.startsWith("andra ") || argsLower.startsWith("edit ")) {
                    String id = args.substring(args.indexOf(' ') + 1).strip();
                    var meeting = forum.meeting(id).orElse(null);
                    if (meeting == null) {
                        return ctx.ack("Inget planerat möte heter ”" + id + "”. (No planned meeting with that id.)");
                    }
                    forum.openPlan(user, req.getPayload().getTriggerId(), meeting);
                    return ctx.ack();
                }
                work(user, () -> forum.command(user, args));
                return ctx.ack(IN_YOUR_DMS);
            }
            work(user, () -> conversations.onCommand(user, guarded));
            return ctx.ack(IN_YOUR_DMS);
        });

        app.blockAction(Pattern.compile("^" + ReplyBlocks.ANSWER_ACTION_PREFIX + "\\d+$"), (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            GuardedText value = guard.check(p.getActions().get(0).getValue());
            String channel = p.getContainer().getChannelId();
            String thread = p.getContainer().getThreadTs();
            work(p.getUser().getId(), () -> conversations.onMessage(p.getUser().getId(), value, channel, thread));
            return ctx.ack();
        });
        app.blockAction(TaskMessage.CLAIM, (req, ctx) -> onTask(req, ctx, (user, channel, value) -> taskActions.claim(user, channel, value)));
        app.blockAction(TaskMessage.RELEASE, (req, ctx) -> onTask(req, ctx, (user, channel, value) -> taskActions.release(user, channel, value)));
        app.blockAction(TaskMessage.STATUS, (req, ctx) -> onTask(req, ctx, (user, channel, value) -> taskActions.setStatus(user, channel, value)));
        app.blockAction(TaskMessage.CATEGORY, (req, ctx) -> onTask(req, ctx, (user, channel, value) -> taskActions.setCategory(user, channel, value)));
        app.blockAction(TaskMessage.ASK, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            String trigger = p.getTriggerId();
            // a trigger id expires after 3 s: open the modal before acking
            taskActions.openQuestion(p.getUser().getId(), p.getContainer().getChannelId(), p.getActions().get(0).getValue(), trigger);
            return ctx.ack();
        });
        app.blockAction(SlackForum.REGISTER, (req, ctx) -> {
            String user = req.getPayload().getUser().getId();
            String meeting = req.getPayload().getActions().get(0).getValue();
            work(user, () -> forum.register(user, meeting, null));
            return ctx.ack();
        });
        app.blockAction(SlackForum.UNREGISTER, (req, ctx) -> {
            String user = req.getPayload().getUser().getId();
            String meeting = req.getPayload().getActions().get(0).getValue();
            work(user, () -> forum.unregister(user, meeting));
            return ctx.ack();
        });
        app.blockAction(SlackForum.PROPOSE, (req, ctx) -> {
            forum.openProposal(req.getPayload().getTriggerId(), req.getPayload().getActions().get(0).getValue());
            return ctx.ack();
        });
        app.viewSubmission(SlackForum.PROPOSAL_CALLBACK, (req, ctx) -> {
            var view = req.getPayload().getView();
            String user = req.getPayload().getUser().getId();
            var proposal = forum.proposal(view.getState());
            if (proposal.isEmpty()) {
                return ctx.ack(r -> r.responseAction("errors").errors(java.util.Map.of("text", SlackForum.IDENTITY_NUMBER_REFUSED)));
            }
            work(user, () -> forum.register(user, view.getPrivateMetadata(), proposal.get()));
            return ctx.ack();
        });
        app.viewSubmission(SlackForum.PLAN_CALLBACK, (req, ctx) -> {
            var view = req.getPayload().getView();
            // checked while Slack waits, so a refusal shows next to the form with its reason
            java.util.Map<String, String> errors = forum.submitPlan(req.getPayload().getUser().getId(), view.getPrivateMetadata(),
                    view.getState());
            return errors.isEmpty() ? ctx.ack() : ctx.ack(r -> r.responseAction("errors").errors(errors));
        });
        app.viewSubmission(TaskActions.ASK_CALLBACK, (req, ctx) -> {
            var view = req.getPayload().getView();
            GuardedText question = guard.check(view.getState().getValues().get(TaskActions.ASK_BLOCK).get(TaskActions.ASK_INPUT).getValue());
            if (question.identityNumberRemoved()) {
                return ctx.ack(r -> r.responseAction("errors").errors(java.util.Map.of(TaskActions.ASK_BLOCK,
                        SlackForum.IDENTITY_NUMBER_REFUSED)));
            }
            String user = req.getPayload().getUser().getId();
            work(user, () -> taskActions.askRequester(user, view.getPrivateMetadata(), question));
            return ctx.ack();
        });
    }

    private static final String IN_YOUR_DMS = "Jag svarar dig i ett direktmeddelande. (I'll answer you in a direct message.)";

    private interface TaskAction {
        void run(String user, String channel, String value);
    }

    private Response onTask(BlockActionRequest req, ActionContext ctx, TaskAction action) {
        BlockActionPayload p = req.getPayload();
        BlockActionPayload.Action a = p.getActions().get(0);
        String value = a.getSelectedOption() != null ? a.getSelectedOption().getValue() : a.getValue();
        String user = p.getUser().getId();
        String channel = p.getContainer().getChannelId();
        work(user, () -> action.run(user, channel, value));
        return ctx.ack();
    }

    /** Where a person is answered: a channel (a DM, or the user id for their DM with the bot) and a thread or null. */
    private record Where(String channel, String thread) {
    }

    /**
     * Runs the work for an event once, whatever Slack redelivers: a bounded number of attempts, then it is parked as
     * a dead letter (staff told, {@code GET /api/dead-letters}) and the person gets a polite answer. A store outage
     * counts no attempt: the event is marked failed, so a redelivery processes it. The once-only check runs on the
     * worker, after the ack: the ack is the same either way, and Slack's 3-second budget is better spent not
     * waiting for MongoDB.
     */
    private void once(List<String> keys, String eventId, Where sorryTo, Runnable work) {
        workers.execute(() -> {
            try {
                if (!keys.isEmpty() && !firstTime(keys, eventId)) {
                    log.debug("event=slack_event_duplicate event_id={}", eventId);
                    return;
                }
                DeadLetters.Outcome outcome = attempts(EVENT, eventId != null ? eventId : String.join(",", keys), work);
                dedupe.done(keys);
                if (outcome == DeadLetters.Outcome.PARKED) {
                    sorry(sorryTo);
                }
            } catch (RuntimeException e) {
                log.warn("event=slack_event_failed event_id={} error={}", eventId, e.getClass().getSimpleName());
                markFailed(keys);
            }
        });
    }

    static final String EVENT = "slack-event";
    static final String ACTION = "slack-action";

    /**
     * Bounded attempts at one piece of work. Slack failing to take the reply once the work is done is not the work's
     * fault, and trying again would do the work twice (a second turn of the conversation): it is logged, not retried.
     */
    private DeadLetters.Outcome attempts(String kind, String key, Runnable work) {
        return deadLetters.retryThenPark(kind, key, () -> {
            try {
                work.run();
            } catch (SlackApi.SlackCallFailed e) {
                log.warn("event=slack_reply_failed kind={} key={}", kind, key);
            }
        });
    }

    /** The polite answer after the attempts ran out; the staff channel hears of it through the dead letter. */
    private void sorry(Where where) {
        if (where == null || where.channel() == null) {
            return;
        }
        try {
            api.post(where.channel(), where.thread(), SORRY, null);
        } catch (RuntimeException e) {
            log.warn("event=slack_sorry_failed error={}", e.getClass().getSimpleName());
        }
    }

    static final String SORRY = "Förlåt, det du skickade gick inte att behandla. FoU-enheten har fått veta det och tittar på det, "
            + "så du behöver inte skicka det igen. (Sorry, what you sent could not be handled. The FoU unit has been told and "
            + "is looking into it; no need to send it again.)";

    /** When MongoDB cannot say, the event is handled: the person then hears that the bot has trouble, not silence. */
    private boolean firstTime(List<String> keys, String eventId) {
        try {
            return dedupe.claim(keys, eventId);
        } catch (DataAccessException e) {
            log.warn("event=slack_dedupe_unavailable event_id={} error={}", eventId, e.getMostSpecificCause().getClass().getSimpleName());
            return true;
        }
    }

    private void markFailed(List<String> keys) {
        try {
            dedupe.failed(keys);
        } catch (DataAccessException e) {
            log.debug("event=slack_dedupe_mark_failed keys={}", keys);
        }
    }

    /** A click, command or form whose work runs after the ack: bounded attempts, then parked and the person told. */
    private void work(String user, Runnable work) {
        workers.execute(() -> {
            try {
                if (attempts(ACTION, user + ":" + UUID.randomUUID(), work) == DeadLetters.Outcome.PARKED) {
                    sorry(new Where(user, null));
                }
            } catch (RuntimeException e) {
                log.warn("event=slack_action_failed rule={}", e.getClass().getSimpleName());
            }
        });
    }
}

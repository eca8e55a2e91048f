package se.foubot.channels.slack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import se.foubot.forum.Registration;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * Everything that comes in from Slack, as a chain of small steps: Bolt verifies the signature and drops the
 * bot's own events; then each handler drops other bots, records the work in the {@link SlackInbox} (durable before
 * acknowledged: a repeated delivery of the same post finds it recorded and is dropped), acks, and the work is done on a
 * worker thread — or, when the process dies first, again after a restart. Work that keeps failing is parked as a dead
 * letter and the person answered politely.
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
    private final SlackInbox inbox;

    SlackInbound(App app, SlackEventDeduplicator dedupe, ExecutorService slackWorkers, SlackConversations conversations,
            TaskActions taskActions, AppHome home, SlackForum forum, OutsideTextGuard guard, DeadLetters deadLetters, SlackApi api,
            SlackInbox inbox) {
        this.inbox = inbox;
        this.guard = guard;
        this.deadLetters = deadLetters;
        this.api = api;
        this.forum = forum;
        this.dedupe = dedupe;
        this.workers = slackWorkers;
        this.conversations = conversations;
        this.taskActions = taskActions;
        this.home = home;
        whatWorkMeans();
        register(app);
    }

    /** The kinds of acknowledged work the inbox does (at once, or again after a crash). */
    private void whatWorkMeans() {
        inbox.on(MESSAGE, EVENT, replyFailureLogged(w -> conversations.onMessage(w.get("user"), guard.check(w.get("text")),
                w.get("channel"), w.get("thread"), w.key())));
        inbox.on(COMMAND, ACTION, replyFailureLogged(w -> conversations.onCommand(w.get("user"), guard.check(w.get("text")), w.key())));
        inbox.on(FORUM_COMMAND, ACTION, replyFailureLogged(w -> forum.command(w.get("user"), w.get("args"))));
        inbox.on(FORUM_REGISTER, ACTION, replyFailureLogged(w -> forum.register(w.get("user"), w.get("meeting"),
                w.get("proposalKind") == null ? null
                        : new Registration.AgendaProposal(w.get("proposalKind"), guard.check(w.get("proposalText")).text()))));
        inbox.on(FORUM_UNREGISTER, ACTION, replyFailureLogged(w -> forum.unregister(w.get("user"), w.get("meeting"))));
        inbox.on(TaskMessage.CLAIM, ACTION, replyFailureLogged(w -> taskActions.claim(w.get("user"), w.get("channel"), w.get("value"))));
        inbox.on(TaskMessage.RELEASE, ACTION, replyFailureLogged(w -> taskActions.release(w.get("user"), w.get("channel"), w.get("value"))));
        inbox.on(TaskMessage.STATUS, ACTION, replyFailureLogged(w -> taskActions.setStatus(w.get("user"), w.get("channel"), w.get("value"))));
        inbox.on(TaskMessage.CATEGORY, ACTION, replyFailureLogged(w -> taskActions.setCategory(w.get("user"), w.get("channel"), w.get("value"))));
        inbox.on(ASK_REQUESTER, ACTION, replyFailureLogged(w -> taskActions.askRequester(w.get("user"), w.get("task"),
                guard.check(w.get("question")))));
        // work parked after its attempts: the person hears so, where they wrote (or in their DM)
        inbox.whenParked(w -> sorry(new Where(w.get("channel") != null && MESSAGE.equals(w.kind()) ? w.get("channel") : w.get("user"),
                MESSAGE.equals(w.kind()) ? w.get("thread") : null)));
    }

    /**
     * Slack failing to take the reply once the work is done is not the work's fault, and trying again would do the work
     * twice: it is logged, not retried.
     */
    private java.util.function.Consumer<SlackInbox.Work> replyFailureLogged(java.util.function.Consumer<SlackInbox.Work> work) {
        return w -> {
            try {
                work.accept(w);
            } catch (SlackApi.SlackCallFailed e) {
                log.warn("event=slack_reply_failed kind={} key={}", w.kind(), w.key());
            }
        };
    }

    private void register(App app) {
        app.event(MessageEvent.class, (req, ctx) -> {
            MessageEvent e = req.getEvent();
            // direct messages only; in channels the bot answers when mentioned (app_mention)
            if (e.getBotId() != null || e.getSubtype() != null || !"im".equals(e.getChannelType())) {
                return ctx.ack();
            }
            GuardedText text = guard.check(e.getText());
            message(req.getEventId(), e.getUser(), text, e.getChannel(), e.getTs(), e.getThreadTs());
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
            message(req.getEventId(), e.getUser(), text, e.getChannel(), e.getTs(), thread);
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
                durably(FORUM_COMMAND, user, params("user", user, "args", args), () -> forum.command(user, args));
                return ctx.ack(IN_YOUR_DMS);
            }
            durably(COMMAND, user, params("user", user, "text", text), () -> conversations.onCommand(user, guarded));
            return ctx.ack(IN_YOUR_DMS);
        });

        app.blockAction(Pattern.compile("^" + ReplyBlocks.ANSWER_ACTION_PREFIX + "\\d+$"), (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            GuardedText value = guard.check(p.getActions().get(0).getValue());
            String channel = p.getContainer().getChannelId();
            String thread = p.getContainer().getThreadTs();
            String user = p.getUser().getId();
            if (value.identityNumberRemoved()) {
                work(user, () -> conversations.onMessage(user, value, channel, thread));
            } else {
                durably(MESSAGE, user, params("user", user, "text", value.textOr(""), "channel", channel, "thread", thread),
                        () -> conversations.onMessage(user, value, channel, thread));
            }
            return ctx.ack();
        });
        app.blockAction(TaskMessage.CLAIM, (req, ctx) -> onTask(req, ctx, TaskMessage.CLAIM, (user, channel, value) -> taskActions.claim(user, channel, value)));
        app.blockAction(TaskMessage.RELEASE, (req, ctx) -> onTask(req, ctx, TaskMessage.RELEASE, (user, channel, value) -> taskActions.release(user, channel, value)));
        app.blockAction(TaskMessage.STATUS, (req, ctx) -> onTask(req, ctx, TaskMessage.STATUS, (user, channel, value) -> taskActions.setStatus(user, channel, value)));
        app.blockAction(TaskMessage.CATEGORY, (req, ctx) -> onTask(req, ctx, TaskMessage.CATEGORY, (user, channel, value) -> taskActions.setCategory(user, channel, value)));
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
            durably(FORUM_REGISTER, user, params("user", user, "meeting", meeting), () -> forum.register(user, meeting, null));
            return ctx.ack();
        });
        app.blockAction(SlackForum.UNREGISTER, (req, ctx) -> {
            String user = req.getPayload().getUser().getId();
            String meeting = req.getPayload().getActions().get(0).getValue();
            durably(FORUM_UNREGISTER, user, params("user", user, "meeting", meeting), () -> forum.unregister(user, meeting));
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
            Registration.AgendaProposal agenda = proposal.get();
            durably(FORUM_REGISTER, user, params("user", user, "meeting", view.getPrivateMetadata(), "proposalKind", agenda.kind(),
                    "proposalText", agenda.text()), () -> forum.register(user, view.getPrivateMetadata(), agenda));
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
            durably(ASK_REQUESTER, user, params("user", user, "task", view.getPrivateMetadata(), "question", question.textOr("")),
                    () -> taskActions.askRequester(user, view.getPrivateMetadata(), question));
            return ctx.ack();
        });
    }

    private static final String IN_YOUR_DMS = "Jag svarar dig i ett direktmeddelande. (I'll answer you in a direct message.)";

    private interface TaskAction {
        void run(String user, String channel, String value);
    }

    private Response onTask(BlockActionRequest req, ActionContext ctx, String kind, TaskAction action) {
        BlockActionPayload p = req.getPayload();
        BlockActionPayload.Action a = p.getActions().get(0);
        String value = a.getSelectedOption() != null ? a.getSelectedOption().getValue() : a.getValue();
        String user = p.getUser().getId();
        String channel = p.getContainer().getChannelId();
        durably(kind, user, params("user", user, "channel", channel, "value", value), () -> action.run(user, channel, value));
        return ctx.ack();
    }

    /**
     * A message to answer: recorded in the inbox under the post (channel + ts; its event id is unique as well), so that
     * neither a retry nor the same post under another event id is answered twice, then answered. One holding a
     * personal identity number is not kept: it is only refused, once per delivery (deduplicated by its keys).
     */
    private void message(String eventId, String user, GuardedText text, String channel, String ts, String thread) {
        List<String> keys = SlackEventDeduplicator.messageKeys(eventId, channel, ts);
        Runnable answer = () -> conversations.onMessage(user, text, channel, thread);
        if (text.identityNumberRemoved()) {
            once(keys, eventId, new Where(channel, thread), answer);
            return;
        }
        String key = channel != null && ts != null ? "post:" + channel + ":" + ts : "event:" + eventId;
        try {
            inbox.receive(key, eventId, MESSAGE, params("user", user, "text", text.textOr(""), "channel", channel, "thread", thread));
        } catch (DataAccessException storeDown) {
            // nothing can be recorded: answered the old way, which tells the person the bot has trouble
            once(keys, eventId, new Where(channel, thread), answer);
        }
    }

    /**
     * Work acknowledged to Slack (a click, a command, a form), recorded in the inbox before the ack and done from there.
     * Slack does not send an interaction again, so each gets a key of its own. When MongoDB cannot record it, it is done
     * the old way (its own failure then tells the person, where it can).
     */
    private void durably(String kind, String user, Map<String, String> params, Runnable withoutStore) {
        try {
            inbox.receive("action:" + UUID.randomUUID(), kind, params);
        } catch (DataAccessException storeDown) {
            work(user, withoutStore);
        }
    }

    /** Name-value pairs; a null value is left out. */
    private static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                params.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return params;
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

    private static final String MESSAGE = "message";
    private static final String COMMAND = "command";
    private static final String FORUM_COMMAND = "forum-command";
    private static final String FORUM_REGISTER = "forum-register";
    private static final String FORUM_UNREGISTER = "forum-unregister";
    private static final String ASK_REQUESTER = "ask-requester";

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

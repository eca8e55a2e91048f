package se.foubot.channels.slack;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;

import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.Language;
import se.foubot.conversation.RecentLanguages;
import se.foubot.messaging.Texts;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * Everything that comes in from Slack passes one chain of small steps, Bolt middleware in Bolt's own way:
 * {@link RefuseUnverified} (only what the door verified) → {@link RefuseMalformedIds} (ids that are Slack's, since
 * they become keys and log fields) → {@link IgnoreWhatNeedsNoAnswer} (bots, edits, channel
 * chatter) → {@link RecordOnceThenAck} (an event's work recorded once, durable before the ack; done by the
 * {@link SlackInbox} on a worker). Clicks, commands and forms reach their handlers, which record their work the same
 * way through {@link SlackWork} before acking. The handlers here are the channel's own: the answer buttons and
 * {@code /fou} go to {@link SlackChat}. The features register their own buttons, forms, {@code /fou} words and work
 * with the same Bolt app from their {@code slack} packages.
 */
@Component
@ConditionalOnSlack
class SlackInbound {

    private static final String COMMAND = "command";
    /** A click's work: the question its button was offered for (see {@link ReplyBlocks#question}). */
    private static final String ANSWERING = "answering";

    private final SlackChat chat;
    private final OutsideTextGuard guard;
    private final SlackWork work;
    private final List<SlackSlashCommand> slashCommands;
    private final Texts texts;
    private final RecentLanguages languages;

    SlackInbound(App app, DoorMark door, SlackInbox inbox, OnceAfterAck once, SlackChat chat, AppHome home, OutsideTextGuard guard,
            SlackWork work, List<SlackSlashCommand> slashCommands, Texts texts, RecentLanguages languages, java.time.Clock clock,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.languages = languages;
        this.chat = chat;
        this.guard = guard;
        this.work = work;
        this.slashCommands = List.copyOf(slashCommands);
        this.texts = texts;
        EventEnvelopes envelopes = new EventEnvelopes();
        app.use(new RefuseUnverified(door));
        app.use(new RefuseMalformedIds(envelopes, clock));
        app.use(new RefuseOtherWorkspaces(envelopes, texts, clock, meters));
        app.use(new IgnoreWhatNeedsNoAnswer(envelopes));
        app.use(new RecordOnceThenAck(inbox, once, guard, chat, home, envelopes));
        whatWorkMeans(inbox);
        register(app);
    }

    /** The channel's own kinds of recorded work (the features add theirs through {@link SlackWork#on}). */
    private void whatWorkMeans(SlackInbox inbox) {
        inbox.on(RecordOnceThenAck.MESSAGE, SlackWork.EVENT, work.replyLaterWhenSlackIsAway(w -> {
            if (w.get(ANSWERING) != null) {
                chat.onAnswer(w.get("user"), guard.check(w.get("text")), w.get("channel"), w.get("thread"), SlackChat.Asked.by(w),
                        w.get(ANSWERING));
            } else {
                chat.onPost(w.get("user"), guard.check(w.get("text")), w.get(RecordOnceThenAck.FILES) != null, w.get("channel"),
                        w.get("thread"), SlackChat.Asked.by(w));
            }
        }));
        inbox.on(COMMAND, SlackWork.ACTION, work.replyLaterWhenSlackIsAway(
                w -> chat.onCommand(w.get("user"), guard.check(w.get("text")), SlackChat.Asked.by(w))));
        // work parked after its attempts: the person hears so, where they wrote (or in their DM)
        inbox.whenParked(w -> {
            boolean message = RecordOnceThenAck.MESSAGE.equals(w.kind());
            work.sorry(message && w.get("channel") != null ? w.get("channel") : w.get("user"), message ? w.get("thread") : null,
                    w.get("user"));
        });
    }

    private void register(App app) {
        app.command("/fou", (req, ctx) -> {
            String user = req.getPayload().getUserId();
            GuardedText text = guard.check(req.getPayload().getText());
            // read as a DM is, from Slack's markup ("R&amp;D" is the "R&D" typed): what is said back is what was typed
            GuardedText typed = guard.check(SlackText.plain(req.getPayload().getText()));
            // in the language this replica last saw the person use: the store is not read before Slack is answered
            String inYourDms = texts.get(languages.of(new ConversationKey(SlackText.CHANNEL, user)).orElse(Language.SV), "slack.in-your-dms");
            if (text.identityNumberRemoved() || typed.identityNumberRemoved()) {
                // refused in the person's DM, like any message holding a number; nothing of it is kept (either reading
                // holding one: the markup's entities could hide it from the other)
                GuardedText refused = text.identityNumberRemoved() ? text : typed;
                work.afterAck(user, () -> chat.onCommand(user, refused, SlackChat.Asked.UNMARKED));
                return ctx.ack(inYourDms);
            }
            for (SlackSlashCommand command : slashCommands) {
                Optional<Response> taken = command.handle(user, text.textOr("").strip(), req.getPayload().getTriggerId(), ctx);
                if (taken.isPresent()) {
                    return taken.get();
                }
            }
            work.recordInvocation(req.getPayload().getTriggerId(), COMMAND, user, Map.of("text", typed.textOr("").strip()),
                    () -> chat.onCommand(user, typed, SlackChat.Asked.UNMARKED));
            return ctx.ack(inYourDms);
        });
        app.blockAction(Pattern.compile("^" + ReplyBlocks.ANSWER_ACTION_PREFIX + "\\d+$"), (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            GuardedText value = guard.check(p.getActions().get(0).getValue());
            String answering = ReplyBlocks.question(p.getActions().get(0).getBlockId());
            String user = p.getUser().getId();
            // an answer button is in a message, whose channel Slack names; without one the answer goes to the person's DM
            String channel = p.getContainer() != null && p.getContainer().getChannelId() != null ? p.getContainer().getChannelId() : user;
            String thread = p.getContainer() != null ? p.getContainer().getThreadTs() : null;
            if (value.identityNumberRemoved()) {
                work.afterAck(user, () -> chat.onAnswer(user, value, channel, thread, SlackChat.Asked.UNMARKED, answering));
            } else {
                java.util.Map<String, String> params = new java.util.HashMap<>();
                params.put("text", value.textOr(""));
                params.put("channel", channel);
                if (thread != null) {
                    params.put("thread", thread);
                }
                params.put(ANSWERING, answering);
                work.recordInvocation(p.getTriggerId(), RecordOnceThenAck.MESSAGE, user, params,
                        () -> chat.onAnswer(user, value, channel, thread, SlackChat.Asked.UNMARKED, answering));
            }
            return ctx.ack();
        });
    }
}

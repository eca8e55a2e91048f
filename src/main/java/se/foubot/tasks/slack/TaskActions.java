package se.foubot.tasks.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackApi;
import se.foubot.channels.slack.SlackText;
import se.foubot.channels.slack.SlackWork;
import se.foubot.channels.slack.StaffDirectory;
import se.foubot.conversation.ChoiceOption;
import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.LogText;
import se.foubot.tasks.ReferenceGenerator;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskCategories;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.TaskStatus;

/**
 * What analysts do with a task from its staff-channel message — claim, release, set status or category, ask the
 * requester — registered with the Slack app as buttons, menus and a form. Only staff may; others are told so.
 */
@Component
@ConditionalOnSlack
class TaskActions {

    private static final Logger log = LoggerFactory.getLogger(TaskActions.class);

    static final String ASK_CALLBACK = "ask-requester";
    static final String ASK_BLOCK = "question";
    static final String ASK_INPUT = "text";
    /** The longest question the modal takes. */
    private static final int QUESTION_MAX = 2000;
    private static final String ASK_REQUESTER = "ask-requester";

    private final TaskService tasks;
    private final TaskCategories categories;
    private final StaffDirectory staff;
    private final SlackApi api;
    private final RequesterQuestions questions;
    private final SlackWork work;
    private final OutsideTextGuard guard;
    private final Texts texts;

    TaskActions(App app, TaskService tasks, TaskCategories categories, StaffDirectory staff, SlackApi api,
            RequesterQuestions questions, SlackWork work, OutsideTextGuard guard, Texts texts) {
        this.tasks = tasks;
        this.categories = categories;
        this.staff = staff;
        this.api = api;
        this.questions = questions;
        this.work = work;
        this.guard = guard;
        this.texts = texts;
        register(app);
    }

    private void register(App app) {
        action(app, TaskMessage.CLAIM, this::claim);
        action(app, TaskMessage.RELEASE, this::release);
        action(app, TaskMessage.STATUS, this::setStatus);
        action(app, TaskMessage.CATEGORY, this::setCategory);
        work.on(ASK_REQUESTER, p -> askRequester(p.get("user"), p.get("task"), guard.check(p.get("question"))));
        app.blockAction(TaskMessage.ASK, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            // a trigger id expires after 3 s: open the modal before acking
            openQuestion(p.getUser().getId(), p.getContainer().getChannelId(), p.getActions().get(0).getValue(), p.getTriggerId());
            return ctx.ack();
        });
        app.viewSubmission(ASK_CALLBACK, (req, ctx) -> {
            var view = req.getPayload().getView();
            if (!ReferenceGenerator.hasTheForm(view.getPrivateMetadata())) {
                // the bot opened this modal with a task's reference; another one is a forged submission
                logRefusal(ASK_CALLBACK, req.getPayload().getUser().getId());
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(ASK_BLOCK, text("tasks.action.unknown-choice"))));
            }
            GuardedText question = guard.check(view.getState().getValues().get(ASK_BLOCK).get(ASK_INPUT).getValue());
            if (question.identityNumberRemoved()) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(ASK_BLOCK,
                        texts.get(Language.SV, "slack.identity-number-refused"))));
            }
            if (nothingToRead(question.textOr(""))) {
                // Slack's client holds the field's own limits; a question of only spaces passes them
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(ASK_BLOCK, text("tasks.ask.empty"))));
            }
            if (question.textOr("").codePointCount(0, question.textOr("").length()) > QUESTION_MAX) {
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(ASK_BLOCK,
                        text("tasks.ask.length", "max",
                        se.foubot.messaging.Texts.count(QUESTION_MAX, Language.SV)))));
            }
            String user = req.getPayload().getUser().getId();
            // one question per modal: a second copy of the same submission (a replay, a proxy's retry) asks nothing
            work.recordSubmission(view.getId(), ASK_REQUESTER, user, Map.of("task", view.getPrivateMetadata(), "question", question.textOr("")),
                    () -> askRequester(user, view.getPrivateMetadata(), question));
            return ctx.ack();
        });
    }

    private interface Action {
        void run(String user, String channel, String value);
    }

    /** A button or menu choice: recorded, acked, done after (again after a crash: every action here is idempotent). */
    private void action(App app, String kind, Action action) {
        work.on(kind, p -> action.run(p.get("user"), p.get("channel"), p.get("value")));
        app.blockAction(kind, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            BlockActionPayload.Action a = p.getActions().get(0);
            String chosen = a.getSelectedOption() != null ? a.getSelectedOption().getValue() : a.getValue();
            // no value at all is refused like any value the card does not offer
            String value = chosen == null ? "" : chosen;
            String user = p.getUser().getId();
            // every card is a message in a channel; a click without one (forged) is answered in the person's DM
            String channel = p.getContainer() != null && p.getContainer().getChannelId() != null ? p.getContainer().getChannelId()
                    : user;
            work.recordInvocation(p.getTriggerId(), kind, user, Map.of("channel", channel, "value", value),
                    () -> action.run(user, channel, value));
            return ctx.ack();
        });
    }

    /** @return false (and the user told) when the user is not staff */
    private boolean allowed(String user, String channel) {
        if (staff.isStaff(user)) {
            return true;
        }
        api.ephemeral(channel, user, text("tasks.action.staff-only"));
        return false;
    }

    void claim(String user, String channel, String reference) {
        if (!allowed(user, channel) || !aReference(user, channel, TaskMessage.CLAIM, reference)) {
            return;
        }
        TaskService.ClaimResult result = tasks.claim(reference, user);
        if (result instanceof TaskService.AlreadyClaimed already) {
            SupportTask t = already.task();
            api.ephemeral(channel, user, t.assignee() == null
                    ? text("tasks.action.cannot-claim", "reference", reference, "status", t.status().label().sv())
                    : t.assignee().equals(user) ? texts.get(Language.SV, "tasks.claim.yours", "reference", reference)
                    : texts.get(Language.SV, "tasks.claim.taken", "reference", reference, "analyst", SlackText.mention(t.assignee())));
        } else if (result instanceof TaskService.NoSuchTask) {
            api.ephemeral(channel, user, text("tasks.action.no-such-task", "reference", reference));
        }
    }

    void release(String user, String channel, String reference) {
        if (allowed(user, channel) && aReference(user, channel, TaskMessage.RELEASE, reference)
                && tasks.release(reference, user).isEmpty()) {
            api.ephemeral(channel, user, tasks.find(reference).map(t -> t.anonymised()
                    ? text("tasks.action.anonymised", "reference", reference) : text("tasks.action.not-claimed", "reference", reference))
                    .orElseGet(() -> text("tasks.action.no-such-task", "reference", reference)));
        }
    }

    /** @param value "REFERENCE|STATUS", a status the card's menu offers */
    void setStatus(String user, String channel, String value) {
        if (!allowed(user, channel)) {
            return;
        }
        String[] parts = value.split("\\|", 2);
        TaskStatus status = parts.length == 2
                ? TaskMessage.SETTABLE_STATUSES.stream().filter(s -> s.name().equals(parts[1])).findFirst().orElse(null) : null;
        if (status == null || !ReferenceGenerator.hasTheForm(parts[0])) {
            refuseUnknownChoice(user, channel, TaskMessage.STATUS);
        } else if (tasks.setStatus(parts[0], user, status).isEmpty()) {
            // why nothing changed, read after the change was refused
            api.ephemeral(channel, user, tasks.find(parts[0]).map(t -> t.anonymised()
                    ? text("tasks.action.anonymised", "reference", parts[0])
                    : t.assignee() == null ? text("tasks.action.claim-first", "reference", parts[0])
                    : text("tasks.action.status-already", "reference", parts[0], "status", t.status().label().sv()))
                    .orElseGet(() -> text("tasks.action.no-such-task", "reference", parts[0])));
        }
    }

    /** @param value "REFERENCE|CATEGORY", a category the card's menu offers */
    void setCategory(String user, String channel, String value) {
        if (!allowed(user, channel)) {
            return;
        }
        String[] parts = value.split("\\|", 2);
        ChoiceOption category = parts.length == 2 ? categories.byId(parts[1]).orElse(null) : null;
        if (category == null || !ReferenceGenerator.hasTheForm(parts[0])) {
            refuseUnknownChoice(user, channel, TaskMessage.CATEGORY);
        } else if (tasks.setCategory(parts[0], user, category).isEmpty()) {
            api.ephemeral(channel, user, tasks.find(parts[0]).map(t -> t.anonymised()
                    ? text("tasks.action.anonymised", "reference", parts[0])
                    : text("tasks.action.category-already", "reference", parts[0], "category", category.label().sv()))
                    .orElseGet(() -> text("tasks.action.no-such-task", "reference", parts[0])));
        }
    }

    /** @return whether {@code value} has the form of a reference; if not, the analyst is told as for any unknown choice */
    private boolean aReference(String user, String channel, String kind, String value) {
        if (ReferenceGenerator.hasTheForm(value)) {
            return true;
        }
        refuseUnknownChoice(user, channel, kind);
        return false;
    }

    /**
     * A value none of the task card's buttons and menus offers (only a request made with the signing secret can carry
     * one): the analyst is told at once and nothing changes, instead of the step failing until it is parked as a dead
     * letter. The value itself is neither logged nor repeated back: it is whatever the sender wrote, of any length.
     */
    private void refuseUnknownChoice(String user, String channel, String kind) {
        logRefusal(kind, user);
        api.ephemeral(channel, user, text("tasks.action.unknown-choice"));
    }

    private static void logRefusal(String kind, String user) {
        log.warn("event=task_action_refused kind={} user={} rule=unknown_choice", kind, LogText.clean(user));
    }

    void openQuestion(String user, String channel, String reference, String triggerId) {
        if (!allowed(user, channel) || !aReference(user, channel, TaskMessage.ASK, reference)) {
            return;
        }
        View modal = View.builder().type("modal").callbackId(ASK_CALLBACK).privateMetadata(reference)
                .title(ViewTitle.builder().type("plain_text").text(text("tasks.ask.title")).build())
                .submit(ViewSubmit.builder().type("plain_text").text(text("tasks.ask.send")).build())
                .close(ViewClose.builder().type("plain_text").text(text("tasks.ask.cancel")).build())
                .blocks(List.of(
                        section(s -> s.text(markdownText(text("tasks.ask.intro", "reference", "*" + reference + "*")))),
                        input(i -> i.blockId(ASK_BLOCK).label(plainText(text("tasks.ask.label")))
                                .element(plainTextInput(p -> p.actionId(ASK_INPUT).multiline(true).maxLength(QUESTION_MAX))))))
                .build();
        api.openModal(triggerId, modal);
    }

    /**
     * Whether a text shows nothing: every character a space of any kind (no-break and em spaces among them, which
     * {@link String#isBlank} does not count) or an invisible format character such as a zero-width space.
     */
    static boolean nothingToRead(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }

    /** The staff's Slack screens speak Swedish. */
    private String text(String key, Object... namesAndValues) {
        return texts.get(Language.SV, key, namesAndValues);
    }

    void askRequester(String user, String reference, GuardedText question) {
        // the modal has closed as if the question went: a question that did not go is told in the person's DM
        if (!staff.isStaff(user)) {
            log.info("event=task_question_refused user={} task={} rule=not_staff", LogText.clean(user), LogText.clean(reference));
            api.post(user, null, text("tasks.action.staff-only"), null);
            return;
        }
        if (!questions.ask(reference, user, question)) {
            java.util.Optional<SupportTask> there = tasks.find(reference);
            String rule = there.isEmpty() ? "no_such_task" : there.get().anonymised() ? "anonymised" : "not_taken";
            log.info("event=task_question_refused user={} task={} rule={}", LogText.clean(user), LogText.clean(reference), rule);
            api.post(user, null, there.isEmpty() ? text("tasks.ask.no-such-task", "reference", reference)
                    : there.get().anonymised() ? text("tasks.action.anonymised", "reference", reference)
                    : text("tasks.ask.not-taken", "reference", reference), null);
        }
    }
}

package se.foubot.forum.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.datePicker;
import static com.slack.api.model.block.element.BlockElements.numberInput;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.block.element.BlockElements.timePicker;
import static com.slack.api.model.block.element.BlockElements.urlTextInput;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackApi;
import se.foubot.channels.slack.SlackProperties;
import se.foubot.channels.slack.SlackSlashCommand;
import se.foubot.channels.slack.SlackText;
import se.foubot.channels.slack.SlackWork;
import se.foubot.channels.slack.StaffDirectory;
import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.Language;
import se.foubot.forum.ForumAnswers;
import se.foubot.forum.ForumService;
import se.foubot.forum.ForumTexts;
import se.foubot.forum.Meeting;
import se.foubot.forum.MeetingPlan;
import se.foubot.forum.Registration;
import se.foubot.privacy.GuardedText;
import se.foubot.messaging.MessageRouter;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Texts;
import se.foubot.privacy.OutsideTextGuard;

/**
 * FoU-forum in Slack: the Register / Register with an agenda item / Cancel buttons on a meeting list, the agenda
 * proposal form, and for coordinators {@code /fou forum ny} (the planning form), {@code /fou forum ändra ID} and
 * {@code /fou forum ställ in ID}. The list itself ("forum") is the forum's command in the command table.
 */
@Component
@ConditionalOnSlack
class SlackForum implements SlackSlashCommand {

    static final String REGISTER = "forum-register";
    private static final String CANCEL = "forum-cancel";
    /** The button under "forum ställ in ID"'s question: the click cancels (recorded as {@link #CANCEL} work). */
    static final String CANCEL_CONFIRM = "forum-cancel-confirm";
    static final String PROPOSE = "forum-propose";
    static final String UNREGISTER = "forum-unregister";
    static final String PLAN_CALLBACK = "forum-plan";
    /** The button in a DM that opens the planning form (a form needs a click's trigger id). */
    static final String PLAN_OPEN = "forum-plan-open";
    static final String PROPOSAL_CALLBACK = "forum-proposal";
    static final List<String> PLAN_FIELDS = List.of("title", "date", "start", "end", "place", "video", "capacity", "deadline",
            "description", "agenda");

    private final ForumService forum;
    private final SlackApi api;
    private final StaffDirectory staff;
    private final SlackProperties properties;
    private final ZoneId zone;
    private final OutsideTextGuard guard;
    private final ForumAnswers answers;
    private final SlackWork work;
    private final Texts texts;
    private final MessageRouter router;
    private final ForumTexts forumTexts;

    SlackForum(App app, ForumService forum, SlackApi api, StaffDirectory staff, SlackProperties properties, ZoneId zone,
            OutsideTextGuard guard, ForumAnswers answers, SlackWork work, Texts texts, MessageRouter router, ForumTexts forumTexts) {
        this.router = router;
        this.forumTexts = forumTexts;
        this.guard = guard;
        this.forum = forum;
        this.api = api;
        this.staff = staff;
        this.properties = properties;
        this.zone = zone;
        this.answers = answers;
        this.work = work;
        this.texts = texts;
        register(app);
    }

    private void register(App app) {
        // recorded before the ack and done after it (again after a crash: registering twice is one registration); each
        // answer is marked as its work's, so the work done again after its answer was shown is not done a second time
        work.onAnswered(REGISTER, (p, key) -> register(p.get("user"), p.get("meeting"), p.get("proposalKind") == null ? null
                : new Registration.AgendaProposal(p.get("proposalKind"), guard.check(p.get("proposalText")).text()), key));
        work.onAnswered(UNREGISTER, (p, key) -> unregister(p.get("user"), p.get("meeting"), key));
        work.onAnswered(CANCEL, (p, key) -> cancel(p.get("user"), p.get("meeting"), key));
        onMeetingButton(app, REGISTER, REGISTER, (user, meeting) -> register(user, meeting, null, null));
        onMeetingButton(app, UNREGISTER, UNREGISTER, (user, meeting) -> unregister(user, meeting, null));
        onMeetingButton(app, CANCEL_CONFIRM, CANCEL, (user, meeting) -> cancel(user, meeting, null));
        app.blockAction(PROPOSE, (req, ctx) -> {
            String user = req.getPayload().getUser().getId();
            String id = req.getPayload().getActions().get(0).getValue();
            // helper 122: an old button opened the form for a cancelled (or closed) meeting; it is said instead
            Optional<String> refused = notTakingProposals(id, language(user));
            if (refused.isPresent()) {
                work.afterAck(user, () -> tell(user, refused.get()));
            } else {
                // a trigger id expires after 3 s: open the modal before acking
                openProposal(req.getPayload().getTriggerId(), id, user);
            }
            return ctx.ack();
        });
        app.blockAction(PLAN_OPEN, (req, ctx) -> {
            // a trigger id expires after 3 s: open the modal before acking
            String user = req.getPayload().getUser().getId();
            String id = req.getPayload().getActions().get(0).getValue();
            Meeting meeting = id == null || id.isBlank() ? null : meeting(id).orElse(null);
            if (id != null && !id.isBlank() && meeting == null) {
                work.afterAck(user, () -> tell(user, texts.get(Language.SV, "forum.no-such-meeting", "id", ForumTexts.asWritten(id))));
            } else {
                openPlan(user, req.getPayload().getTriggerId(), meeting);
            }
            return ctx.ack();
        });
        app.viewSubmission(PROPOSAL_CALLBACK, (req, ctx) -> {
            var view = req.getPayload().getView();
            String user = req.getPayload().getUser().getId();
            Map<String, String> errors = new LinkedHashMap<>();
            var proposal = proposal(view.getState(), errors, language(user));
            if (proposal.isEmpty()) {
                return ctx.ack(r -> r.responseAction("errors").errors(errors));
            }
            Registration.AgendaProposal agenda = proposal.get();
            // one registration per form: a second copy of the same submission (a replay, a proxy's retry) does nothing
            work.recordSubmission(view.getId(), REGISTER, user, Map.of("meeting", view.getPrivateMetadata(), "proposalKind", agenda.kind(),
                    "proposalText", agenda.text()), () -> register(user, view.getPrivateMetadata(), agenda, null));
            return ctx.ack();
        });
        app.viewSubmission(PLAN_CALLBACK, (req, ctx) -> {
            var view = req.getPayload().getView();
            // checked while Slack waits, so a refusal shows next to the form with its reason
            Map<String, String> errors = submitPlan(req.getPayload().getUser().getId(), view.getPrivateMetadata(), view.getState(),
                    view.getId());
            return errors.isEmpty() ? ctx.ack(r -> r.responseAction("clear")) : ctx.ack(r -> r.responseAction("errors").errors(errors));
        });
    }

    /**
     * A button whose value is a meeting id: recorded as {@code kind} work before the ack and done after it, once per
     * click (again after a crash: each of these done twice is done once).
     */
    private void onMeetingButton(App app, String action, String kind, java.util.function.BiConsumer<String, String> done) {
        app.blockAction(action, (req, ctx) -> {
            String user = req.getPayload().getUser().getId();
            String meeting = req.getPayload().getActions().get(0).getValue();
            work.recordInvocation(req.getPayload().getTriggerId(), kind, user, Map.of("meeting", meeting),
                    () -> done.accept(user, meeting));
            return ctx.ack();
        });
    }

    /** {@code /fou forum ny}, {@code forum ändra ID}, {@code forum ställ in ID}: the coordinators' words. */
    @Override
    public Optional<Response> handle(String user, String text, String triggerId, SlashCommandContext ctx) {
        String lower = text.toLowerCase();
        if (!lower.startsWith("forum ")) {
            return Optional.empty();
        }
        String args = text.substring("forum".length()).strip();
        String argsLower = args.toLowerCase();
        if (argsLower.equals("ny") || argsLower.equals("new")) {
            // a trigger id expires after 3 s: open the modal before acking
            openPlan(user, triggerId, null);
            return Optional.of(ctx.ack());
        }
        if (argsLower.startsWith("ändra ") || argsLower.startsWith("andra ") || argsLower.startsWith("edit ")) {
            // as Slack sent it ("R&amp;D"): plain, so the answer escapes it once (helper 107 saw "R&amp;amp;D")
            String id = SlackText.plain(args.substring(args.indexOf(' ') + 1).strip());
            Meeting meeting = meeting(id).orElse(null);
            if (meeting == null) {
                // the answer to the command itself is shown as written: the words said back must not become a mention
                return Optional.of(ctx.ack(SlackText.escape(texts.get(Language.SV, "forum.no-such-meeting", "id", ForumTexts.asWritten(id)))));
            }
            openPlan(user, triggerId, meeting);
            return Optional.of(ctx.ack());
        }
        return Optional.empty();
    }

    Optional<Meeting> meeting(String id) {
        return forum.find(id).filter(m -> !m.cancelled());
    }

    /**
     * Posts {@code text} to {@code user}'s DM. A meeting's title and place are a coordinator's words, and what a form
     * or button carried: escaped, so they never become a live @channel, a mention or a disguised link.
     */
    private void tell(String user, String text) {
        tell(user, text, null);
    }

    /** As above, marked as the answer to the work {@code answering} (null: not marked); see {@link SlackWork#onAnswered}. */
    private void tell(String user, String text, String answering) {
        api.post(user, null, SlackText.escape(text), null, answering);
    }

    boolean isCoordinator(String user) {
        return properties.forumCoordinators().isEmpty() ? staff.isStaff(user) : properties.forumCoordinators().contains(user);
    }

    /** A click on the confirming button (and cancel work recorded before the button asked first): done and told. */
    private void cancel(String user, String id, String answering) {
        tell(user, isCoordinator(user) ? cancelled(id) : notCoordinator(), answering);
    }

    private String cancelled(String id) {
        return SlackForumCommands.cancelled(forum, texts, forumTexts, id);
    }

    /**
     * A registration from a button: the person's one answer, in their DM. Their language (their conversation's, else
     * their Slack locale's) is kept on the registration for what they are told later; unknown, it stays unknown.
     */
    void register(String user, String meetingId, Registration.AgendaProposal proposal, String answering) {
        SlackApi.SlackUser profile;
        try {
            profile = api.userProfile(user);
        } catch (SlackApi.SlackCallFailed e) {
            profile = new SlackApi.SlackUser(Optional.empty(), Optional.empty());
        }
        Optional<Language> known = router.knownLanguage(new ConversationKey(SlackText.CHANNEL, user)).or(profile::language);
        String email = profile.email().orElse(null);
        ForumService.RegisterResult result = forum.register(meetingId, Recipient.slack(user), email, null, proposal,
                known.orElse(null));
        tell(user, answers.registered(result, meetingId, email, known.orElse(Language.SV)), answering);
    }

    /**
     * A cancellation from a button, answered in the person's language: their conversation's, else the one their
     * registration kept.
     */
    void unregister(String user, String meetingId, String answering) {
        Meeting cancelled = forum.find(meetingId).filter(Meeting::cancelled).orElse(null);
        Optional<Language> known = router.knownLanguage(new ConversationKey(SlackText.CHANNEL, user));
        if (cancelled != null) {
            tell(user, answers.cancelled(cancelled, known.orElse(Language.SV)), answering);
            return;
        }
        Optional<ForumService.Unregistered> result = forum.unregister(meetingId, Recipient.slack(user));
        Language l = known.or(() -> result.map(u -> u.registration().language())).orElse(Language.SV);
        tell(user, answers.unregistered(result, meetingId, l), answering);
    }

    /**
     * Why the agenda-proposal form is not opened for {@code meetingId}: the meeting was cancelled, its registration
     * has closed, or there is none; empty when it takes registrations. Said in {@code l}.
     */
    private Optional<String> notTakingProposals(String meetingId, Language l) {
        Meeting m = meetingId == null ? null : forum.find(meetingId).orElse(null);
        if (m == null) {
            return Optional.of(texts.get(l, "forum.no-such-meeting", "id", ForumTexts.asWritten(String.valueOf(meetingId))));
        }
        if (m.cancelled()) {
            return Optional.of(answers.cancelled(m, l));
        }
        return forum.takesRegistrations(m) ? Optional.empty() : Optional.of(answers.closed(m, l));
    }

    /**
     * The person's language for what the forum shows them in Slack (its lists, buttons and the proposal form): their
     * conversation's, as the rest of Slack speaks to them; Swedish when they have none. The coordinators' planning
     * stays in Swedish.
     */
    Language language(String user) {
        return router.language(new ConversationKey(SlackText.CHANNEL, user));
    }

    /** The agenda-proposal modal, opened from the button (trigger ids last 3 s: opened before the ack), in {@code user}'s language. */
    void openProposal(String triggerId, String meetingId, String user) {
        Language l = language(user);
        api.openModal(triggerId, View.builder().type("modal").callbackId(PROPOSAL_CALLBACK).privateMetadata(meetingId)
                .title(ViewTitle.builder().type("plain_text").text(texts.get(l, "forum.proposal.form.title")).build())
                .submit(ViewSubmit.builder().type("plain_text").text(texts.get(l, "forum.button.register")).build())
                .close(ViewClose.builder().type("plain_text").text(texts.get(l, "forum.plan.cancel")).build())
                .blocks(List.of(
                        input(i -> i.blockId("kind").label(plainText(texts.get(l, "forum.proposal.form.kind"))).element(staticSelect(s -> s.actionId("kind")
                                .options(Registration.AgendaProposal.KINDS.stream()
                                        .map(k -> option(plainText(texts.get(l, "forum.proposal.choice." + k)), k)).toList())))),
                        input(i -> i.blockId("text").label(plainText(texts.get(l, "forum.proposal.form.text"))).element(plainTextInput(p -> p.actionId("text")
                                .multiline(true).maxLength(Registration.AgendaProposal.MAX_TEXT))))))
                .build());
    }

    /**
     * @return the proposal from the form; empty, with the reason under each field in {@code errors} (in {@code l}), when
     *         its text is empty, longer than the field takes or holds a personal identity number, or its kind is not one
     *         the form offers (a forged submission): refused, nothing kept. Slack's own checks need not have run: a
     *         request need not come from the form (helper 122: white space alone, and 5,000 characters, were kept)
     */
    Optional<Registration.AgendaProposal> proposal(ViewState state, Map<String, String> errors, Language l) {
        var values = state.getValues() == null ? Map.<String, Map<String, ViewState.Value>>of() : state.getValues();
        var field = values.get("text") == null ? null : values.get("text").get("text");
        GuardedText text = guard.check(field == null ? null : field.getValue());
        String written = Registration.AgendaProposal.trimmed(text.textOr(""));
        if (text.identityNumberRemoved()) {
            errors.put("text", texts.get(l, "slack.identity-number-refused"));
        } else if (written.isEmpty()) {
            errors.put("text", texts.get(l, "forum.proposal.text-missing"));
        } else if (new Registration.AgendaProposal(null, written).tooLong()) {
            errors.put("text", texts.get(l, "forum.plan.too-long", "max", Texts.count(Registration.AgendaProposal.MAX_TEXT, l)));
        }
        var selected = values.get("kind") != null && values.get("kind").get("kind") != null
                ? values.get("kind").get("kind").getSelectedOption() : null;
        String kind = selected == null ? null : selected.getValue();
        if (kind == null || !Registration.AgendaProposal.KINDS.contains(kind)) {
            errors.put("kind", texts.get(l, "forum.proposal-kind-unknown"));
        }
        return errors.isEmpty() ? Optional.of(new Registration.AgendaProposal(kind, written)) : Optional.empty();
    }

    /**
     * The planning modal, empty for a new meeting or filled in to edit {@code meeting}. Each field uses Slack's own
     * element where it has one (date picker, time picker, number and URL inputs), so nothing is typed in a format;
     * every block id is the field's name, which is also where its error is shown.
     */
    void openPlan(String user, String triggerId, Meeting meeting) {
        if (!isCoordinator(user)) {
            tell(user, notCoordinator());
            return;
        }
        api.openModal(triggerId, planView(meeting));
    }

    /** The planning modal's view (rendered here, checked against Block Kit's rules by the tests). */
    View planView(Meeting meeting) {
        var start = meeting == null ? null : meeting.start().atZone(zone);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(field("title", false, plainTextInput(p -> p.actionId("title").maxLength(MeetingPlan.MAX_LINE)
                .initialValue(meeting == null ? null : meeting.title()))));
        blocks.add(field("date", false, datePicker(p -> p.actionId("date")
                .initialDate(start == null ? null : start.toLocalDate().toString()))));
        blocks.add(field("start", false, timePicker(p -> p.actionId("start")
                .initialTime(start == null ? null : TIME.format(start)))));
        blocks.add(field("end", false, timePicker(p -> p.actionId("end")
                .initialTime(meeting == null ? null : TIME.format(meeting.end().atZone(zone))))));
        blocks.add(field("place", false, plainTextInput(p -> p.actionId("place").maxLength(MeetingPlan.MAX_LINE)
                .initialValue(meeting == null ? null : meeting.place()))));
        blocks.add(field("video", true, urlTextInput(p -> p.actionId("video")
                .initialValue(meeting == null ? null : meeting.videoLink()))));
        blocks.add(field("capacity", false, numberInput(p -> p.actionId("capacity").decimalAllowed(false).minValue("1")
                .maxValue(Integer.toString(MeetingPlan.MAX_CAPACITY))
                .initialValue(meeting == null ? null : Integer.toString(meeting.capacity())))));
        blocks.add(field("deadline", false, datePicker(p -> p.actionId("deadline").initialDate(meeting == null ? null
                : meeting.registrationDeadline().minusSeconds(1).atZone(zone).toLocalDate().toString()))));
        blocks.add(field("description", true, plainTextInput(p -> p.actionId("description").multiline(true).maxLength(MAX_TEXT)
                .initialValue(meeting == null ? null : meeting.description()))));
        blocks.add(field("agenda", true, plainTextInput(p -> p.actionId("agenda").multiline(true).maxLength(MAX_TEXT)
                .initialValue(meeting == null ? null : meeting.agenda()))));
        return View.builder().type("modal").callbackId(PLAN_CALLBACK)
                .privateMetadata(meeting == null ? "" : meeting.id())
                .title(ViewTitle.builder().type("plain_text").text(text(meeting == null ? "forum.plan.title.new"
                        : "forum.plan.title.edit")).build())
                .submit(ViewSubmit.builder().type("plain_text").text(text("forum.plan.save")).build())
                .close(ViewClose.builder().type("plain_text").text(text("forum.plan.cancel")).build()).blocks(blocks).build();
    }

    private LayoutBlock field(String name, boolean optional, com.slack.api.model.block.element.BlockElement element) {
        return input(i -> i.blockId(name).optional(optional).label(plainText(text("forum.plan.label." + name))).element(element));
    }

    /**
     * Saves a submitted plan. @return the errors to show in the modal by block id (empty when saved); answered
     * while Slack waits, so the coordinator sees each reason under its field, all of them at once.
     *
     * @param viewId the submitted view's id: the same submission again (replayed, or to a second replica) is the
     *               meeting it saved, answered as saved and told once
     */
    Map<String, String> submitPlan(String user, String editing, ViewState state, String viewId) {
        if (!isCoordinator(user)) {
            return Map.of("title", notCoordinator());
        }
        Map<String, GuardedText> guarded = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : PLAN_FIELDS) {
            var block = state.getValues() == null ? null : state.getValues().get(field);
            GuardedText value = guard.check(block == null || block.get(field) == null ? null : entered(block.get(field)));
            if (value.identityNumberRemoved()) {
                errors.put(field, identityNumberRefused());
            }
            guarded.put(field, guard.check(value.textOr("").strip()));
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        PlanInput input = readPlan(guarded, texts);
        if (!input.errors().isEmpty()) {
            // what the forum would refuse too (the end before the start, a late deadline, a taken room), in the same round
            Map<String, String> all = new LinkedHashMap<>(input.errors());
            forum.problems(input.plan(), editing == null || editing.isBlank() ? null : editing).forEach(all::putIfAbsent);
            return all;
        }
        ForumService.PlanResult result = editing == null || editing.isBlank()
                ? forum.create(input.plan(), Recipient.slack(user), blankToNull(viewId))
                : forum.edit(editing, input.plan());
        if (result instanceof ForumService.Refused refused) {
            return refused.byField();
        }
        if (((ForumService.Saved) result).again()) {
            return Map.of();
        }
        ForumService.Saved done = (ForumService.Saved) result;
        Meeting saved = done.meeting();
        String title = "*" + saved.title() + "*";
        String id = "`" + saved.id() + "`";
        if (editing == null || editing.isBlank()) {
            tell(user, text("forum.plan.saved.new", "title", title, "id", id) + "\n" + MeetingListBlocks.describe(saved, forumTexts, Language.SV));
        } else if (done.changed().isEmpty()) {
            // helper 122: saved as it was, every registrant was told of a change and got an updated invite
            // a sentence: the title quoted, as every answer in sentences has it (bold where it heads what is shown below)
            tell(user, text("forum.plan.saved.unchanged", "title", forumTexts.quoted(saved.title(), Language.SV), "id", id));
        } else {
            // a deadline on the meeting's day closes at its start and moves with it: said, from what to what
            String deadline = forumTexts.deadlineMoved(done.before(), saved, Language.SV).map(d -> "\n" + d).orElse("");
            tell(user, text(done.inviteChanged() ? "forum.plan.saved.changed" : "forum.plan.saved.changed-quietly", "title", title,
                    "id", id, "what", forumTexts.changes(done.changed(), Language.SV)) + deadline + "\n"
                    + MeetingListBlocks.describe(saved, forumTexts, Language.SV));
        }
        return Map.of();
    }

    /** What a field of a submitted form holds, whichever element it is: a picked date or time, or what was written. */
    private static String entered(ViewState.Value value) {
        if (value.getSelectedDate() != null) {
            return value.getSelectedDate();
        }
        if (value.getSelectedTime() != null) {
            return value.getSelectedTime();
        }
        return value.getValue();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The planning form read, with an error per field it refused (then the fields it refused are null in {@code plan}). */
    record PlanInput(MeetingPlan plan, Map<String, String> errors) {
    }

    /**
     * Reads the planning form's fields (every one of {@link #PLAN_FIELDS}, as the guard left them, stripped) and checks
     * each where it was entered, so that the coordinator sees the reason beside the field; what depends on other
     * fields or meetings (the end after the start, the deadline before the day, the room free) is checked by the forum.
     */
    static PlanInput readPlan(Map<String, GuardedText> form, Texts texts) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String field : PLAN_FIELDS) {
            v.put(field, form.get(field).textOr("").strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate date = date(v.get("date"), "date", errors, texts);
        LocalDate deadline = date(v.get("deadline"), "deadline", errors, texts);
        LocalTime start = time(v.get("start"), "start", errors, texts);
        LocalTime end = time(v.get("end"), "end", errors, texts);
        Integer capacity = capacity(v.get("capacity"), errors, texts);
        for (String field : List.of("title", "place")) {
            if (v.get(field).isEmpty()) {
                errors.put(field, texts.get(Language.SV, "forum.plan.required"));
            } else if (v.get(field).length() > MeetingPlan.MAX_LINE) {
                errors.put(field, texts.get(Language.SV, "forum.plan.too-long", "max", Texts.count(MeetingPlan.MAX_LINE, Language.SV)));
            }
        }
        if (!v.get("video").isEmpty() && !MeetingPlan.isHttpsLink(v.get("video"))) {
            errors.put("video", texts.get(Language.SV, "forum.plan.link"));
        }
        for (String field : List.of("description", "agenda")) {
            if (v.get(field).length() > MAX_TEXT) {
                // helper 122: "Högst 3000 tecken." beside "från 1 till 1 000": counts are written one way
                errors.put(field, texts.get(Language.SV, "forum.plan.too-long", "max", Texts.count(MAX_TEXT, Language.SV)));
            }
        }
        return new PlanInput(new MeetingPlan(form.get("title"), date, start, end, form.get("place"), form.get("video"), capacity,
                deadline, form.get("description"), form.get("agenda")), errors);
    }

    /**
     * The number of seats: a whole number from 1 to {@link MeetingPlan#MAX_CAPACITY}. Slack's number input checks this
     * too, but a request need not come from it. A number too big for an int is out of range like any other, not "not a
     * number"; spaces between thousands ("1 000") are read.
     */
    private static Integer capacity(String s, Map<String, String> errors, Texts texts) {
        String digits = s.replaceAll("[\\s\u00a0]", "");
        if (!digits.matches("[+-]?\\d+")) {
            errors.put("capacity", digits.isEmpty() ? texts.get(Language.SV, "forum.plan.capacity-missing")
                    : texts.get(Language.SV, "forum.plan.capacity", "max", Texts.count(MeetingPlan.MAX_CAPACITY, Language.SV)));
            return null;
        }
        java.math.BigInteger n = new java.math.BigInteger(digits);
        if (n.signum() <= 0 || n.compareTo(java.math.BigInteger.valueOf(MeetingPlan.MAX_CAPACITY)) > 0) {
            errors.put("capacity", texts.get(Language.SV, "forum.plan.capacity", "max", Texts.count(MeetingPlan.MAX_CAPACITY, Language.SV)));
            return null;
        }
        return n.intValueExact();
    }

    /** A date picker's date (ISO, as Slack sends it). */
    private static LocalDate date(String s, String field, Map<String, String> errors, Texts texts) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            errors.put(field, texts.get(Language.SV, "forum.plan.pick-date"));
            return null;
        }
    }

    /** A time picker's time ("13:00", as Slack sends it). */
    private static LocalTime time(String s, String field, Map<String, String> errors, Texts texts) {
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            errors.put(field, texts.get(Language.SV, "forum.plan.pick-time"));
            return null;
        }
    }

    /** The coordinators' planning speaks Swedish (what district staff see is in their language: {@link #language}). */
    private String text(String key, Object... namesAndValues) {
        return texts.get(Language.SV, key, namesAndValues);
    }

    private String notCoordinator() {
        return text("forum.plan.not-coordinator");
    }

    /** Shown next to a form field that holds a personal identity number; the form is not saved. */
    private String identityNumberRefused() {
        return texts.get(Language.SV, "slack.identity-number-refused");
    }

    /** The longest description or agenda (Slack's limit for a text input). */
    static final int MAX_TEXT = 3000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
}

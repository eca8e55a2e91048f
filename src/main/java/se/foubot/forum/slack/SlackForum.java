package se.foubot.forum.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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
import se.foubot.channels.slack.SlackWork;
import se.foubot.channels.slack.StaffDirectory;
import se.foubot.conversation.Language;
import se.foubot.forum.ForumAnswers;
import se.foubot.forum.ForumService;
import se.foubot.forum.Meeting;
import se.foubot.forum.MeetingPlan;
import se.foubot.forum.Registration;
import se.foubot.privacy.GuardedText;
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
    static final String PROPOSE = "forum-propose";
    static final String UNREGISTER = "forum-unregister";
    static final String PLAN_CALLBACK = "forum-plan";
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

    SlackForum(App app, ForumService forum, SlackApi api, StaffDirectory staff, SlackProperties properties, ZoneId zone,
            OutsideTextGuard guard, ForumAnswers answers, SlackWork work, Texts texts) {
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
        // recorded before the ack and done after it (again after a crash: registering twice is one registration)
        work.on(REGISTER, p -> register(p.get("user"), p.get("meeting"), p.get("proposalKind") == null ? null
                : new Registration.AgendaProposal(p.get("proposalKind"), guard.check(p.get("proposalText")).text())));
        work.on(UNREGISTER, p -> unregister(p.get("user"), p.get("meeting")));
        work.on(CANCEL, p -> cancel(p.get("user"), p.get("meeting")));
        app.blockAction(REGISTER, (req, ctx) -> {
            String user = req.getPayload().getUser().getId();
            String meeting = req.getPayload().getActions().get(0).getValue();
            work.record(REGISTER, user, Map.of("meeting", meeting), () -> register(user, meeting, null));
            return ctx.ack();
        });
        app.blockAction(UNREGISTER, (req, ctx) -> {
            String user = req.getPayload().getUser().getId();
            String meeting = req.getPayload().getActions().get(0).getValue();
            work.record(UNREGISTER, user, Map.of("meeting", meeting), () -> unregister(user, meeting));
            return ctx.ack();
        });
        app.blockAction(PROPOSE, (req, ctx) -> {
            // a trigger id expires after 3 s: open the modal before acking
            openProposal(req.getPayload().getTriggerId(), req.getPayload().getActions().get(0).getValue());
            return ctx.ack();
        });
        app.viewSubmission(PROPOSAL_CALLBACK, (req, ctx) -> {
            var view = req.getPayload().getView();
            String user = req.getPayload().getUser().getId();
            Map<String, String> errors = new LinkedHashMap<>();
            var proposal = proposal(view.getState(), errors);
            if (proposal.isEmpty()) {
                return ctx.ack(r -> r.responseAction("errors").errors(errors));
            }
            Registration.AgendaProposal agenda = proposal.get();
            work.record(REGISTER, user, Map.of("meeting", view.getPrivateMetadata(), "proposalKind", agenda.kind(),
                    "proposalText", agenda.text()), () -> register(user, view.getPrivateMetadata(), agenda));
            return ctx.ack();
        });
        app.viewSubmission(PLAN_CALLBACK, (req, ctx) -> {
            var view = req.getPayload().getView();
            // checked while Slack waits, so a refusal shows next to the form with its reason
            Map<String, String> errors = submitPlan(req.getPayload().getUser().getId(), view.getPrivateMetadata(), view.getState());
            return errors.isEmpty() ? ctx.ack() : ctx.ack(r -> r.responseAction("errors").errors(errors));
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
            String id = args.substring(args.indexOf(' ') + 1).strip();
            Meeting meeting = meeting(id).orElse(null);
            if (meeting == null) {
                return Optional.of(ctx.ack(texts.get(Language.SV, "forum.no-such-meeting", "id", id)));
            }
            openPlan(user, triggerId, meeting);
            return Optional.of(ctx.ack());
        }
        if (argsLower.startsWith("ställ in") || argsLower.startsWith("stall in") || argsLower.startsWith("cancel")) {
            String id = args.replaceFirst("(?i)^(ställ in|stall in|cancel)\\s*", "").strip();
            work.record(CANCEL, user, Map.of("meeting", id), () -> cancel(user, id));
            return Optional.of(ctx.ack(texts.get(Language.SV, "slack.in-your-dms")));
        }
        return Optional.empty();
    }

    Optional<Meeting> meeting(String id) {
        return forum.find(id).filter(m -> !m.cancelled());
    }

    boolean isCoordinator(String user) {
        return properties.forumCoordinators().isEmpty() ? staff.isStaff(user) : properties.forumCoordinators().contains(user);
    }

    private void cancel(String user, String id) {
        if (!isCoordinator(user)) {
            api.post(user, null, NOT_COORDINATOR, null);
            return;
        }
        api.post(user, null, forum.cancel(id).map(m -> "*" + m.title() + "* (" + m.id() + ") är inställt; de anmälda får en avbokning.")
                .orElse(texts.get(Language.SV, "forum.no-such-meeting", "id", id)), null);
    }

    /** A registration from a button: the person's one answer, in their DM. */
    void register(String user, String meetingId, Registration.AgendaProposal proposal) {
        Optional<String> email;
        try {
            email = api.userEmail(user);
        } catch (SlackApi.SlackCallFailed e) {
            email = Optional.empty();
        }
        ForumService.RegisterResult result = forum.register(meetingId, Recipient.slack(user), email.orElse(null), null, proposal);
        api.post(user, null, answers.registered(result, meetingId, email.orElse(null), Language.SV), null);
    }

    void unregister(String user, String meetingId) {
        api.post(user, null, answers.unregistered(forum.unregister(meetingId, Recipient.slack(user)), meetingId, Language.SV), null);
    }

    /** The agenda-proposal modal, opened from the button (trigger ids last 3 s: opened before the ack). */
    void openProposal(String triggerId, String meetingId) {
        api.openModal(triggerId, View.builder().type("modal").callbackId(PROPOSAL_CALLBACK).privateMetadata(meetingId)
                .title(ViewTitle.builder().type("plain_text").text("Anmälan till FoU-forum").build())
                .submit(ViewSubmit.builder().type("plain_text").text("Anmäl mig").build())
                .close(ViewClose.builder().type("plain_text").text("Avbryt").build())
                .blocks(List.of(
                        input(i -> i.blockId("kind").label(plainText("Vad vill du ta upp?")).element(staticSelect(s -> s.actionId("kind")
                                .options(Registration.AgendaProposal.KINDS.entrySet().stream().map(k -> option(plainText(k.getValue()), k.getKey()))
                                        .toList())))),
                        input(i -> i.blockId("text").label(plainText("Kort beskrivning")).element(plainTextInput(p -> p.actionId("text")
                                .multiline(true).maxLength(1000))))))
                .build());
    }

    /**
     * @return the proposal from the form; empty, with the reason under each field in {@code errors}, when its text
     *         holds a personal identity number or its kind is not one the form offers (a forged submission): refused,
     *         nothing kept
     */
    Optional<Registration.AgendaProposal> proposal(ViewState state, Map<String, String> errors) {
        var values = state.getValues();
        GuardedText text = guard.check(values.get("text").get("text").getValue());
        if (text.identityNumberRemoved()) {
            errors.put("text", identityNumberRefused());
        }
        var selected = values.containsKey("kind") && values.get("kind").get("kind") != null
                ? values.get("kind").get("kind").getSelectedOption() : null;
        String kind = selected == null ? null : selected.getValue();
        if (kind == null || !Registration.AgendaProposal.KINDS.containsKey(kind)) {
            errors.put("kind", texts.get(Language.SV, "forum.proposal-kind-unknown"));
        }
        return errors.isEmpty() ? Optional.of(new Registration.AgendaProposal(kind, text.textOr("").strip())) : Optional.empty();
    }

    /** The planning modal, empty for a new meeting or filled in to edit {@code meeting}. */
    void openPlan(String user, String triggerId, Meeting meeting) {
        if (!isCoordinator(user)) {
            api.post(user, null, NOT_COORDINATOR, null);
            return;
        }
        Map<String, String> current = new LinkedHashMap<>();
        if (meeting != null) {
            var start = meeting.start().atZone(zone);
            current.put("title", meeting.title());
            current.put("date", start.toLocalDate().toString());
            current.put("start", start.toLocalTime().toString());
            current.put("end", meeting.end().atZone(zone).toLocalTime().toString());
            current.put("place", meeting.place());
            current.put("video", meeting.videoLink());
            current.put("capacity", Integer.toString(meeting.capacity()));
            current.put("deadline", meeting.registrationDeadline().minusSeconds(1).atZone(zone).toLocalDate().toString());
            current.put("description", meeting.description());
            current.put("agenda", meeting.agenda());
        }
        Map<String, String> labels = Map.of("title", "Titel", "date", "Datum (ÅÅÅÅ-MM-DD)", "start", "Start (TT:MM)", "end", "Slut (TT:MM)",
                "place", "Plats (lokal)", "video", "Länk för distansdeltagande", "capacity", "Antal platser", "deadline",
                "Sista anmälningsdag (ÅÅÅÅ-MM-DD)", "description", "Beskrivning", "agenda", "Dagordning");
        List<LayoutBlock> blocks = new ArrayList<>();
        for (String field : PLAN_FIELDS) {
            boolean optional = field.equals("video") || field.equals("description") || field.equals("agenda");
            boolean multiline = field.equals("description") || field.equals("agenda");
            String initial = current.get(field);
            blocks.add(input(i -> i.blockId(field).optional(optional).label(plainText(labels.get(field)))
                    .element(plainTextInput(p -> p.actionId(field).multiline(multiline).initialValue(initial)))));
        }
        api.openModal(triggerId, View.builder().type("modal").callbackId(PLAN_CALLBACK)
                .privateMetadata(meeting == null ? "" : meeting.id())
                .title(ViewTitle.builder().type("plain_text").text(meeting == null ? "Nytt FoU-forum" : "Ändra FoU-forum").build())
                .submit(ViewSubmit.builder().type("plain_text").text("Spara").build())
                .close(ViewClose.builder().type("plain_text").text("Avbryt").build()).blocks(blocks).build());
    }

    /**
     * Saves a submitted plan. @return the errors to show in the modal by block id (empty when saved); answered
     * while Slack waits, so the coordinator sees the reason next to the form.
     */
    Map<String, String> submitPlan(String user, String editing, ViewState state) {
        if (!isCoordinator(user)) {
            return Map.of("title", NOT_COORDINATOR);
        }
        Map<String, GuardedText> guarded = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : PLAN_FIELDS) {
            var block = state.getValues() == null ? null : state.getValues().get(field);
            GuardedText value = guard.check(block == null || block.get(field) == null ? null : block.get(field).getValue());
            if (value.identityNumberRemoved()) {
                errors.put(field, identityNumberRefused());
            }
            guarded.put(field, guard.check(value.textOr("").strip()));
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        PlanInput input = readPlan(guarded);
        if (!input.errors().isEmpty()) {
            return input.errors();
        }
        ForumService.PlanResult result = editing == null || editing.isBlank() ? forum.create(input.plan(), Recipient.slack(user))
                : forum.edit(editing, input.plan());
        if (result instanceof ForumService.Refused refused) {
            return Map.of("date", String.join(" ", refused.reasons()));
        }
        Meeting saved = ((ForumService.Saved) result).meeting();
        api.post(user, null, (editing == null || editing.isBlank() ? "FoU-forum planerat: " : "FoU-forum ändrat (de anmälda får en uppdaterad inbjudan): ")
                + "*" + saved.title() + "* · `" + saved.id() + "`\n" + MeetingListBlocks.describe(saved, zone), null);
        return Map.of();
    }

    /** The planning form read, with an error per field it refused (then {@code plan} is null). */
    record PlanInput(MeetingPlan plan, Map<String, String> errors) {
    }

    /**
     * Reads the planning form's fields (every one of {@link #PLAN_FIELDS}, as the guard left them, stripped) and checks
     * each where it was entered, so that the coordinator sees the reason beside the field; what depends on other
     * meetings is checked by the forum.
     */
    static PlanInput readPlan(Map<String, GuardedText> form) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String field : PLAN_FIELDS) {
            v.put(field, form.get(field).textOr("").strip());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate date = date(v.get("date"), "date", errors);
        LocalDate deadline = date(v.get("deadline"), "deadline", errors);
        LocalTime start = time(v.get("start"), "start", errors);
        LocalTime end = time(v.get("end"), "end", errors);
        Integer capacity = capacity(v.get("capacity"), errors);
        for (String field : List.of("title", "place")) {
            if (v.get(field).isEmpty()) {
                errors.put(field, "Fyll i det här fältet.");
            } else if (v.get(field).length() > MeetingPlan.MAX_LINE) {
                errors.put(field, "Högst " + MeetingPlan.MAX_LINE + " tecken.");
            }
        }
        if (!v.get("video").isEmpty() && !MeetingPlan.isHttpsLink(v.get("video"))) {
            errors.put("video", "Skriv en giltig https-adress, till exempel https://meet.stockholm.se/fou-forum.");
        }
        for (String field : List.of("description", "agenda")) {
            if (v.get(field).length() > 3000) {
                errors.put(field, "Högst 3000 tecken.");
            }
        }
        if (!errors.isEmpty()) {
            return new PlanInput(null, errors);
        }
        return new PlanInput(new MeetingPlan(form.get("title"), date, start, end, form.get("place"), form.get("video"), capacity,
                deadline, form.get("description"), form.get("agenda")), Map.of());
    }

    /**
     * The number of seats: a whole number from 1 to {@link MeetingPlan#MAX_CAPACITY}. A number too big for an int is
     * out of range like any other, not "not a number"; spaces between thousands ("1 000") are read.
     */
    private static Integer capacity(String s, Map<String, String> errors) {
        String digits = s.replaceAll("[\\s\u00a0]", "");
        String range = "Skriv ett antal platser från 1 till " + MeetingPlan.MAX_CAPACITY + ", t.ex. 40.";
        if (!digits.matches("[+-]?\\d+")) {
            errors.put("capacity", digits.isEmpty() ? "Fyll i antalet platser, t.ex. 40." : range);
            return null;
        }
        java.math.BigInteger n = new java.math.BigInteger(digits);
        if (n.signum() <= 0 || n.compareTo(java.math.BigInteger.valueOf(MeetingPlan.MAX_CAPACITY)) > 0) {
            errors.put("capacity", range);
            return null;
        }
        return n.intValueExact();
    }

    private static LocalDate date(String s, String field, Map<String, String> errors) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            errors.put(field, "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2027-03-10.");
            return null;
        }
    }

    private static LocalTime time(String s, String field, Map<String, String> errors) {
        try {
            return LocalTime.parse(s.length() == 4 ? "0" + s : s.replace('.', ':'));
        } catch (DateTimeParseException e) {
            errors.put(field, "Skriv tiden som TT:MM, t.ex. 13:00.");
            return null;
        }
    }

    /** Shown next to a form field that holds a personal identity number; the form is not saved. */
    private String identityNumberRefused() {
        return texts.get(Language.SV, "slack.identity-number-refused");
    }

    static final String NOT_COORDINATOR = "Bara FoU:s samordnare kan planera och ändra FoU-forum.";
}

package se.foubot.knowledgegaps.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
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
import se.foubot.conversation.Language;
import se.foubot.conversation.TextNormalizer;
import se.foubot.knowledgegaps.GapGroup;
import se.foubot.knowledgegaps.GapTexts;
import se.foubot.knowledgegaps.KnowledgeGapInvitations;
import se.foubot.knowledgegaps.KnowledgeGapProperties;
import se.foubot.knowledgegaps.KnowledgeGapService;
import se.foubot.knowledgegaps.OtherSources;
import se.foubot.knowledgegaps.Round;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * The inventory in Slack: for coordinators {@code /fou kunskapsluckor ny} (a modal: year, opening text, deadline) and
 * {@code /fou kunskapsluckor stäng ID}; for analysts {@code /fou kunskapsluckor lägg till FOU-…} (a task joins the
 * inventory) and the buttons on each proposed group (same gap, split, the four decisions). The groups themselves are
 * posted by {@link GroupPosts}.
 */
@Component
@ConditionalOnSlack
class SlackKnowledgeGaps implements SlackSlashCommand {

    /** The button in a DM that opens the form of a new round (a form needs a click's trigger id). */
    static final String OPEN_FORM = "knowledgegaps-open-form";

    static final String OPEN_CALLBACK = "kg-open";
    static final String CLOSE = "kg-close";
    static final String ADD_TASK = "kg-add-task";
    static final String CONFIRM = "kg-confirm";
    static final String SPLIT = "kg-split";
    static final String DECIDE = "kg-decide-";
    static final List<String> FIELDS = List.of("year", "text", "deadline");
    /** A date written ÅÅÅÅ-MM-DD, real or not. */
    private static final java.util.regex.Pattern WRITTEN_AS_ASKED = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final KnowledgeGapService service;
    private final KnowledgeGapInvitations invitations;
    private final OtherSources sources;
    private final SlackApi api;
    private final StaffDirectory staff;
    private final SlackProperties slack;
    private final KnowledgeGapProperties properties;
    private final OutsideTextGuard guard;
    private final SlackWork work;
    private final GapTexts texts;
    private final Clock clock;
    private final ZoneId zone;
    private final SlackKnowledgeGapCommands commands;

    SlackKnowledgeGaps(App app, KnowledgeGapService service, KnowledgeGapInvitations invitations, OtherSources sources, SlackApi api,
            StaffDirectory staff, SlackProperties slack, KnowledgeGapProperties properties, OutsideTextGuard guard, SlackWork work,
            GapTexts texts, Clock clock, ZoneId zone, SlackKnowledgeGapCommands commands) {
        this.commands = commands;
        this.service = service;
        this.invitations = invitations;
        this.sources = sources;
        this.api = api;
        this.staff = staff;
        this.slack = slack;
        this.properties = properties;
        this.guard = guard;
        this.work = work;
        this.texts = texts;
        this.clock = clock;
        this.zone = zone;
        register(app);
    }

    private void register(App app) {
        work.on(CLOSE, p -> close(p.get("user"), p.get("round")));
        work.on(ADD_TASK, p -> addTask(p.get("user"), p.get("task")));
        work.on(CONFIRM, p -> confirm(p.get("user"), p.get("group")));
        work.on(SPLIT, p -> split(p.get("user"), p.get("group")));
        app.blockAction(OPEN_FORM, (req, ctx) -> {
            // a trigger id expires after 3 s: open the modal before acking
            openModal(req.getPayload().getUser().getId(), req.getPayload().getTriggerId());
            return ctx.ack();
        });
        app.viewSubmission(OPEN_CALLBACK, (req, ctx) -> {
            // checked while Slack waits, so a refusal shows next to the field with its reason
            Map<String, String> errors = submitOpen(req.getPayload().getUser().getId(), req.getPayload().getView().getState());
            return errors.isEmpty() ? ctx.ack() : ctx.ack(r -> r.responseAction("errors").errors(errors));
        });
        for (String action : List.of(CONFIRM, SPLIT)) {
            app.blockAction(action, (req, ctx) -> {
                String user = req.getPayload().getUser().getId();
                String group = req.getPayload().getActions().get(0).getValue();
                work.recordInvocation(req.getPayload().getTriggerId(), action, user, Map.of("group", group), () -> (action.equals(CONFIRM) ? (Runnable) () -> confirm(user, group)
                        : (Runnable) () -> split(user, group)).run());
                return ctx.ack();
            });
        }
        for (GapGroup.Decision decision : GapGroup.Decision.values()) {
            String action = DECIDE + decision.id();
            work.on(action, p -> decide(p.get("user"), p.get("group"), decision));
            app.blockAction(action, (req, ctx) -> {
                String user = req.getPayload().getUser().getId();
                String group = req.getPayload().getActions().get(0).getValue();
                work.recordInvocation(req.getPayload().getTriggerId(), action, user, Map.of("group", group),
                        () -> decide(user, group, decision));
                return ctx.ack();
            });
        }
    }

    @Override
    public Optional<Response> handle(String user, String text, String triggerId, SlashCommandContext ctx) {
        String line = TextNormalizer.normalize(text);
        if (!line.startsWith("kunskapsluckor ") && !line.startsWith("knowledge gaps ")) {
            return Optional.empty();
        }
        String args = line.substring(line.startsWith("kunskapsluckor ") ? "kunskapsluckor ".length() : "knowledge gaps ".length());
        if (args.equals("ny") || args.equals("new") || args.equals("oppna") || args.equals("open")) {
            // a trigger id expires after 3 s: open the modal before acking
            openModal(user, triggerId);
            return Optional.of(ctx.ack());
        }
        if (se.foubot.knowledgegaps.CoordinationWords.read(text).isPresent()) {
            // answered in the DM through the command table, as the same words in a DM are
            return Optional.empty();
        }
        return Optional.of(ctx.ack(texts.get(Language.SV, "knowledgegaps.slack.usage")));
    }

    boolean isCoordinator(String user) {
        return commands.isCoordinator(user);
    }

    void openModal(String user, String triggerId) {
        if (!isCoordinator(user)) {
            api.post(user, null, texts.get(Language.SV, "knowledgegaps.slack.not-coordinator"), null);
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        int year = today.getMonthValue() >= 10 ? today.getYear() + 1 : today.getYear();
        Map<String, String> initial = Map.of("year", Integer.toString(year), "deadline", today.plusWeeks(6).toString());
        api.openModal(triggerId, View.builder().type("modal").callbackId(OPEN_CALLBACK)
                .title(ViewTitle.builder().type("plain_text").text(texts.get(Language.SV, "knowledgegaps.slack.modal.title")).build())
                .submit(ViewSubmit.builder().type("plain_text").text(texts.get(Language.SV, "knowledgegaps.slack.modal.submit")).build())
                .close(ViewClose.builder().type("plain_text").text(texts.get(Language.SV, "knowledgegaps.slack.modal.cancel")).build())
                .blocks(FIELDS.stream().map(field -> (com.slack.api.model.block.LayoutBlock) input(i -> i.blockId(field)
                        .optional(field.equals("text")).label(plainText(texts.get(Language.SV, "knowledgegaps.slack.modal." + field)))
                        .element(plainTextInput(p -> p.actionId(field).multiline(field.equals("text")).initialValue(initial.get(field))))))
                        .toList())
                .build());
    }

    /** @return the errors to show by block id; empty when the round is open and the districts invited */
    Map<String, String> submitOpen(String user, ViewState state) {
        if (!isCoordinator(user)) {
            return Map.of("year", texts.get(Language.SV, "knowledgegaps.slack.not-coordinator"));
        }
        Map<String, GuardedText> v = new LinkedHashMap<>();
        for (String field : FIELDS) {
            var block = state == null || state.getValues() == null ? null : state.getValues().get(field);
            v.put(field, guard.check(block == null || block.get(field) == null ? null : block.get(field).getValue()));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Integer year = null;
        try {
            year = Integer.parseInt(v.get("year").textOr("").strip());
        } catch (NumberFormatException e) {
            errors.put("year", texts.get(Language.SV, "knowledgegaps.open.year-format"));
        }
        LocalDate deadline = null;
        String written = v.get("deadline").textOr("").strip();
        try {
            deadline = LocalDate.parse(written);
        } catch (DateTimeParseException e) {
            // written as asked but no day of the calendar ("2026-02-30"): said so, in the words the flows use for it (helper 121)
            errors.put("deadline", WRITTEN_AS_ASKED.matcher(written).matches()
                    ? se.foubot.conversation.AnswerError.INVALID_DATE.defaultText().in(Language.SV, Map.of("input", written))
                    : texts.get(Language.SV, "knowledgegaps.open.deadline-format"));
        }
        if (v.get("text").identityNumberRemoved()) {
            errors.put("text", texts.get(Language.SV, "knowledgegaps.identity-number"));
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        KnowledgeGapService.Opened opened = service.open(year, v.get("text"), deadline, Recipient.slack(user), Language.SV);
        if (opened instanceof KnowledgeGapService.Refused refused) {
            // each beside its own field: the year, the opening text, the deadline (helper 121: all were under the deadline)
            return refused.byField();
        }
        Round round = ((KnowledgeGapService.OpenedRound) opened).round();
        KnowledgeGapInvitations.Invited invited = invitations.invite(round);
        work.afterAck(user, () -> api.post(user, null, texts.get(Language.SV, "knowledgegaps.slack.opened", "round", round.id(),
                "deadline", GapTexts.date(round.deadline(), Language.SV), "districts",
                texts.count(Language.SV, "knowledgegaps.count.districts", invited.districts()), "mails",
                texts.count(Language.SV, "knowledgegaps.count.mails", invited.mails()), "dms",
                texts.count(Language.SV, "knowledgegaps.count.dms", invited.dms())), null));
        return Map.of();
    }

    /** Close work recorded before the words went through the command table: done and told as then. */
    void close(String user, String roundId) {
        // the id as it was typed is escaped, the channel the groups are in stays a link
        api.post(user, null, SlackText.escapeKeepingMentions(commands.closed(user, roundId)), null);
    }

    String groupChannel() {
        return commands.groupChannel();
    }

    /** Add-task work recorded before the words went through the command table: done and told as then. */
    void addTask(String user, String reference) {
        api.post(user, null, SlackText.escape(commands.added(user, reference)), null); // the reference as it was typed
    }

    void confirm(String user, String group) {
        if (refusedAsNotStaff(user)) {
            return;
        }
        service.confirm(group, user);
    }

    void split(String user, String group) {
        if (refusedAsNotStaff(user)) {
            return;
        }
        service.split(group, user);
    }

    void decide(String user, String group, GapGroup.Decision decision) {
        if (refusedAsNotStaff(user)) {
            return;
        }
        if (service.decide(group, decision, user).isEmpty()) {
            api.post(user, null, texts.get(Language.SV, service.decisionLocked(group) ? "knowledgegaps.slack.decision-locked"
                    : "knowledgegaps.slack.no-such-group", "group", group), null);
        }
    }

    private boolean refusedAsNotStaff(String user) {
        if (staff.isStaff(user)) {
            return false;
        }
        api.post(user, null, texts.get(Language.SV, "knowledgegaps.slack.not-staff"), null);
        return true;
    }
}

package se.foubot.knowledgegaps.slack;

import java.util.List;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackProperties;
import se.foubot.channels.slack.StaffDirectory;
import se.foubot.conversation.Language;
import se.foubot.knowledgegaps.GapGroup;
import se.foubot.knowledgegaps.GapTexts;
import se.foubot.knowledgegaps.KnowledgeGapProperties;
import se.foubot.knowledgegaps.KnowledgeGapService;
import se.foubot.knowledgegaps.OtherSources;
import se.foubot.knowledgegaps.Round;
import se.foubot.messaging.Command;
import se.foubot.messaging.Recipient;

/**
 * The words that run the inventory in a Slack DM or {@code /fou}, through the command table, so every Slack door
 * answers them alike: "kunskapsluckor ny" answers a coordinator with a button that opens the form (a form needs a
 * click's trigger id), "kunskapsluckor stäng ID" closes a round, "kunskapsluckor lägg till FOU-…" adds a task's
 * knowledge gap (analysts).
 */
@Component
@ConditionalOnSlack
@Order(Ordered.HIGHEST_PRECEDENCE)
class SlackKnowledgeGapCommands implements Command {

    private final KnowledgeGapService service;
    private final OtherSources sources;
    private final StaffDirectory staff;
    private final SlackProperties slack;
    private final KnowledgeGapProperties properties;
    private final GapTexts texts;

    SlackKnowledgeGapCommands(KnowledgeGapService service, OtherSources sources, StaffDirectory staff, SlackProperties slack,
            KnowledgeGapProperties properties, GapTexts texts) {
        this.service = service;
        this.sources = sources;
        this.staff = staff;
        this.slack = slack;
        this.properties = properties;
        this.texts = texts;
    }

    boolean isCoordinator(String user) {
        return slack.forumCoordinators().isEmpty() ? staff.isStaff(user) : slack.forumCoordinators().contains(user);
    }

    String groupChannel() {
        return properties.slackChannel().isBlank() ? (slack.staffChannel() == null ? "" : slack.staffChannel()) : properties.slackChannel();
    }

    /**
     * The coordinators' and analysts' words in a DM or {@code /fou}, through the command table: "kunskapsluckor ny"
     * answers with a button that opens the form, "kunskapsluckor stäng ID" closes a round, "kunskapsluckor lägg till
     * FOU-…" adds a task's knowledge gap.
     */
    @Override
    public Optional<se.foubot.messaging.Reply> handle(se.foubot.messaging.Inbound m) {
        if (!Recipient.SLACK.equals(m.from().channel())) {
            return Optional.empty();
        }
        var said = se.foubot.knowledgegaps.CoordinationWords.read(m.firstLine());
        if (said.isEmpty()) {
            return Optional.empty();
        }
        String user = m.from().address();
        return Optional.of(se.foubot.messaging.Reply.text(switch (said.get().kind()) {
            case OPEN -> isCoordinator(user) ? texts.get(Language.SV, "knowledgegaps.slack.open-form")
                    : texts.get(Language.SV, "knowledgegaps.slack.not-coordinator");
            case CLOSE -> closed(user, said.get().argument());
            case ADD_TASK -> added(user, said.get().argument());
        })).map(r -> said.get().kind() == se.foubot.knowledgegaps.CoordinationWords.Kind.OPEN && isCoordinator(user)
                ? r.withCard(new RoundFormCard()) : r);
    }

    @Override
    public List<se.foubot.messaging.Command.Usage> usage() {
        return List.of(new se.foubot.messaging.Command.Usage("kunskapsluckor ny", "knowledgegaps.help.open", 42).in(Recipient.SLACK)
                        .forRole(se.foubot.messaging.Roles.Role.COORDINATOR).inEnglish("knowledge gaps new"),
                new se.foubot.messaging.Command.Usage("kunskapsluckor stäng ID", "knowledgegaps.help.close", 43).in(Recipient.SLACK)
                        .forRole(se.foubot.messaging.Roles.Role.COORDINATOR).inEnglish("knowledge gaps close ID"),
                new se.foubot.messaging.Command.Usage("kunskapsluckor lägg till FOU-…", "knowledgegaps.help.add-task", 44).in(Recipient.SLACK)
                        .forRole(se.foubot.messaging.Roles.Role.STAFF).inEnglish("knowledge gaps add FOU-…"));
    }

    String closed(String user, String roundId) {
        if (!isCoordinator(user)) {
            return texts.get(Language.SV, "knowledgegaps.slack.not-coordinator");
        }
        Optional<KnowledgeGapService.RoundClosed> closed = service.close(roundId, Recipient.slack(user));
        if (closed.isEmpty()) {
            return texts.get(Language.SV, "knowledgegaps.slack.no-such-round", "round", roundId);
        }
        String channel = groupChannel();
        if (closed.get().before()) {
            return closedBefore(closed.get(), channel);
        }
        Round round = closed.get().round();
        // one group is "Gruppen ligger …", not "Grupperna" (helper 127)
        String key = channel.isBlank() ? "knowledgegaps.slack.closed-nochannel"
                : closed.get().groups().size() == 1 ? "knowledgegaps.slack.closed.one" : "knowledgegaps.slack.closed";
        return texts.get(Language.SV, key,
                "round", round.id(), "entries", texts.count(Language.SV, "knowledgegaps.count.entries", service.entries(round.id()).size()),
                "districts", texts.count(Language.SV, "knowledgegaps.count.districts", service.districtsAnswered(round.id()).size()),
                "groups", texts.count(Language.SV, "knowledgegaps.count.groups", closed.get().groups().size()),
                // a link to the channel, though the reply's other words (the round's id as typed) are escaped
                "channel", se.foubot.channels.slack.SlackText.channelInReply(channel));
    }

    /**
     * A round closed before: said so, with when, and its groups' decisions as they stand; only the undecided ones are
     * pointed to in the channel (a black-box tester closing a decided round again was told its groups were there "för att
     * bekräftas eller delas upp och beslutas").
     */
    private String closedBefore(KnowledgeGapService.RoundClosed closed, String channel) {
        Round round = closed.round();
        List<GapGroup> groups = closed.groups();
        StringBuilder b = new StringBuilder(texts.get(Language.SV, "knowledgegaps.slack.closed-before", "round", round.id(),
                "closed", texts.dateTime(round.closedAt(), Language.SV),
                "entries", texts.count(Language.SV, "knowledgegaps.count.entries", service.entries(round.id()).size()),
                "districts", texts.count(Language.SV, "knowledgegaps.count.districts", service.districtsAnswered(round.id()).size()),
                "groups", texts.count(Language.SV, "knowledgegaps.count.groups", groups.size())));
        List<GapGroup> decided = groups.stream().filter(g -> g.decision() != null).toList();
        if (!decided.isEmpty()) {
            b.append(' ').append(round.outcomesSentAt() != null ? texts.get(Language.SV, groups.size() == 1
                    ? "knowledgegaps.slack.closed-before.told.one" : "knowledgegaps.slack.closed-before.told", "told",
                    texts.dateTime(round.outcomesSentAt(), Language.SV)) : texts.get(Language.SV, "knowledgegaps.slack.closed-before.decided"));
            decided.forEach(g -> b.append("\n• ").append(texts.get(Language.SV, "knowledgegaps.slack.closed-before.line", "group", g.id(),
                    "theme", texts.themeLabel(g.theme(), Language.SV), "decision",
                    texts.get(Language.SV, "knowledgegaps.decision.short." + g.decision().id()))));
        }
        int undecided = groups.size() - decided.size();
        if (undecided > 0) {
            b.append(decided.isEmpty() ? " " : "\n\n").append(texts.get(Language.SV, channel.isBlank()
                    ? "knowledgegaps.slack.closed-before.undecided-nochannel" : "knowledgegaps.slack.closed-before.undecided",
                    "groups", texts.count(Language.SV, "knowledgegaps.count.groups", undecided),
                    "channel", se.foubot.channels.slack.SlackText.channelInReply(channel)));
        }
        return b.toString();
    }

    String added(String user, String reference) {
        if (!staff.isStaff(user)) {
            // the refusal names what was asked for, adding a task (helper 121: it named grouping and deciding)
            return texts.get(Language.SV, "knowledgegaps.slack.not-staff-add-task");
        }
        Optional<KnowledgeGapService.Saved> saved = sources.addTask(reference, null);
        String answer;
        if (saved.isEmpty()) {
            answer = texts.get(Language.SV, "knowledgegaps.slack.task-missing", "task", reference);
        } else if (saved.get() instanceof KnowledgeGapService.SavedEntry entry) {
            answer = texts.get(Language.SV, "knowledgegaps.slack.task-added", "task", reference, "round", entry.round().id(), "entry",
                    entry.entry().id());
        } else {
            KnowledgeGapService.NotTaken notTaken = (KnowledgeGapService.NotTaken) saved.get();
            answer = texts.notTaken(notTaken.reason(), notTaken.round(), null, Language.SV);
        }
        return answer;
    }

}

package se.foubot.forum.slack;

import java.util.List;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import se.foubot.channels.slack.ConditionalOnSlack;
import se.foubot.channels.slack.SlackProperties;
import se.foubot.channels.slack.StaffDirectory;
import se.foubot.conversation.Language;
import se.foubot.forum.ForumService;
import se.foubot.forum.ForumTexts;
import se.foubot.forum.Meeting;
import se.foubot.forum.Registration;
import se.foubot.forum.PlanWords;
import se.foubot.messaging.Command;
import se.foubot.messaging.Inbound;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Reply;
import se.foubot.messaging.Roles;
import se.foubot.messaging.Texts;

/**
 * The coordinators' words in a Slack DM or {@code /fou}, through the command table, so every Slack door answers them
 * alike: "forum ny" and "forum ändra ID" answer with a button that opens the form (a form needs a click's trigger
 * id), "forum ställ in ID" asks, with what it would do, and a button cancels the meeting. Someone who is not a coordinator is told so.
 */
@Component
@ConditionalOnSlack
@Order(Ordered.HIGHEST_PRECEDENCE)
class SlackForumCommands implements Command {

    private final ForumService forum;
    private final StaffDirectory staff;
    private final SlackProperties properties;
    private final Texts texts;
    private final ForumTexts forumTexts;

    SlackForumCommands(ForumService forum, StaffDirectory staff, SlackProperties properties, Texts texts, ForumTexts forumTexts) {
        this.forumTexts = forumTexts;
        this.forum = forum;
        this.staff = staff;
        this.properties = properties;
        this.texts = texts;
    }

    @Override
    public Optional<Reply> handle(Inbound m) {
        if (!Recipient.SLACK.equals(m.from().channel())) {
            return Optional.empty();
        }
        Optional<PlanWords.Said> said = PlanWords.read(m.firstLine());
        if (said.isEmpty()) {
            return Optional.empty();
        }
        String user = m.from().address();
        boolean coordinator = properties.forumCoordinators().isEmpty() ? staff.isStaff(user) : properties.forumCoordinators().contains(user);
        if (!coordinator) {
            return Optional.of(Reply.text(text("forum.plan.not-coordinator")));
        }
        String id = said.get().meeting();
        if (id.isEmpty() && said.get().kind() != PlanWords.Kind.NEW) {
            return Optional.of(Reply.text(whichMeeting(said.get().kind())));
        }
        return Optional.of(switch (said.get().kind()) {
            case NEW -> Reply.text(text("forum.plan.open-form.new")).withCard(new PlanFormCard(""));
            case EDIT -> forum.find(id).filter(mt -> !mt.cancelled())
                    .map(mt -> Reply.text(text("forum.plan.open-form.edit", "title", quoted(mt), "id", mt.id())).withCard(new PlanFormCard(mt.id())))
                    .orElse(Reply.text(text("forum.no-such-meeting", "id", ForumTexts.asWritten(said.get().written()))));
            // helper 101: the words cancelled at once, and a mistyped id was a meeting gone with every invite
            case CANCEL -> forum.find(id).filter(mt -> !mt.cancelled())
                    .map(mt -> Reply.text(text("forum.plan.cancel-confirm", "title", quoted(mt), "id", mt.id(), "when",
                            forumTexts.when(mt, Language.SV), "registered", people("forum.plan.cancel-confirm.registered",
                                    forum.registrations(mt.id(), Registration.Status.REGISTERED).size()),
                            "waitlisted", people("forum.plan.cancel-confirm.waitlisted",
                                    forum.registrations(mt.id(), Registration.Status.WAITLISTED).size())))
                            .withCard(new CancelMeetingCard(mt.id())))
                    .orElse(Reply.text(notCancellable(forum, texts, forumTexts, id, said.get().written())));
        });
    }

    @Override
    public List<Usage> usage() {
        return List.of(new Usage("forum ny", "forum.help.plan", 34).in(Recipient.SLACK).forRole(Roles.Role.COORDINATOR).inEnglish("forum new"),
                new Usage("forum ändra ID", "forum.help.edit", 35).in(Recipient.SLACK).forRole(Roles.Role.COORDINATOR)
                        .inEnglish("forum edit ID"),
                new Usage("forum ställ in ID", "forum.help.cancel", 36).in(Recipient.SLACK).forRole(Roles.Role.COORDINATOR)
                        .inEnglish("forum cancel ID"));
    }

    /** The words without a meeting's id: how to name one, and the meetings there are to name. */
    private String whichMeeting(PlanWords.Kind kind) {
        String words = kind == PlanWords.Kind.EDIT ? "forum ändra" : "forum ställ in";
        List<Meeting> upcoming = forum.upcoming().stream().filter(mt -> !mt.cancelled()).toList();
        if (upcoming.isEmpty()) {
            return text("forum.plan.which-meeting.none", "words", words);
        }
        String meetings = upcoming.stream().map(mt -> "• " + mt.id() + " – " + quoted(mt) + ", " + forumTexts.when(mt, Language.SV))
                .collect(java.util.stream.Collectors.joining("\n"));
        return text("forum.plan.which-meeting", "words", words, "id", upcoming.get(0).id(), "meetings", meetings);
    }

    /** Cancels {@code id} and says so (the coordinators plan in Swedish). */
    static String cancelled(ForumService forum, Texts texts, ForumTexts forumTexts, String id) {
        return forum.cancel(id).map(m -> texts.get(Language.SV, "forum.plan.cancelled", "title", forumTexts.quoted(m.title(), Language.SV),
                "id", m.id())).orElseGet(() -> notCancellable(forum, texts, forumTexts, id, id));
    }

    /** The meeting's title in the coordinators' sentences, quoted (see {@link ForumTexts#quoted}). */
    private String quoted(Meeting m) {
        return forumTexts.quoted(m.title(), Language.SV);
    }

    /**
     * Why {@code id} cannot be cancelled: it was already (a second click on the button), or there is no such meeting,
     * said back as {@code written}.
     */
    private static String notCancellable(ForumService forum, Texts texts, ForumTexts forumTexts, String id, String written) {
        return forum.find(id).filter(Meeting::cancelled)
                .map(m -> texts.get(Language.SV, "forum.plan.already-cancelled", "title", forumTexts.quoted(m.title(), Language.SV),
                        "id", m.id()))
                .orElse(texts.get(Language.SV, "forum.no-such-meeting", "id", ForumTexts.asWritten(written)));
    }

    private String text(String key, Object... namesAndValues) {
        return texts.get(Language.SV, key, namesAndValues);
    }

    /** "1 anmäld", "12 anmälda", "ingen" (helper 128: "1 anmälda och 0 på väntelistan"): {@code key}'s .none, .one or own text. */
    private String people(String key, int n) {
        return n == 0 ? text(key + ".none") : text(n == 1 ? key + ".one" : key, "n", se.foubot.messaging.Texts.count(n, Language.SV));
    }
}

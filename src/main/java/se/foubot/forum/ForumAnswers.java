package se.foubot.forum;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.messaging.Texts;

/**
 * What a person is told about their own registration, the same whichever way they registered (a Slack button, a
 * chat command, a mail): one answer per action.
 */
@Component
public class ForumAnswers {

    private final Texts texts;
    private final ForumService forum;
    private final ForumTexts forumTexts;

    ForumAnswers(Texts texts, ForumService forum, ForumTexts forumTexts) {
        this.texts = texts;
        this.forum = forum;
        this.forumTexts = forumTexts;
    }

    /**
     * The answer to a registration; {@code email} is where the invite goes, or null. A registration that took an agenda
     * proposal says so, with what it took (before, nothing said it was received; helper 122).
     */
    public String registered(ForumService.RegisterResult result, String meetingId, String email, Language l) {
        if (result instanceof ForumService.Seated s) {
            return texts.get(l, "forum.registered", "title", forumTexts.quoted(s.meeting().title(), l)) + " " + (email != null
                    ? texts.get(l, "forum.invite.to", "email", email) : texts.get(l, "forum.invite.none"))
                    + proposalReceived(s.registration(), l);
        }
        if (result instanceof ForumService.Waitlisted w) {
            return texts.get(l, "forum.waitlisted", "title", forumTexts.quoted(w.meeting().title(), l), "position", w.position())
                    + proposalReceived(w.registration(), l);
        }
        if (result instanceof ForumService.AlreadyRegistered a && a.proposalTaken()) {
            // registered before, with a proposal now: kept, and said so (helper 128: "inget mer behövs", and dropped)
            return texts.get(l, a.registration().status() == Registration.Status.REGISTERED ? "forum.already.registered-proposal"
                    : "forum.already.waitlisted-proposal", "title", forumTexts.quoted(a.meeting().title(), l)) + proposalReceived(a.registration(), l)
                    + (a.replaced() == null || a.replaced().text() == null ? ""
                            : "\n\n" + texts.get(l, "forum.proposal.replaced", "text", shown(a.replaced().text())));
        }
        if (result instanceof ForumService.AlreadyRegistered a) {
            return texts.get(l, a.registration().status() == Registration.Status.REGISTERED ? "forum.already.registered"
                    : "forum.already.waitlisted", "title", forumTexts.quoted(a.meeting().title(), l));
        }
        if (result instanceof ForumService.RegistrationClosed c) {
            return closed(c.meeting(), l);
        }
        if (result instanceof ForumService.MeetingCancelled c) {
            return cancelled(c.meeting(), l);
        }
        return texts.get(l, "forum.no-such-meeting", "id", meetingId);
    }

    /** "Vi har tagit emot ditt förslag …" on a paragraph of its own when {@code r} holds one; else nothing. */
    private String proposalReceived(Registration r, Language l) {
        if (r == null || r.proposal() == null || r.proposal().text() == null || r.proposal().text().isBlank()) {
            return "";
        }
        return "\n\n" + texts.get(l, "forum.proposal.received", "kind", forumTexts.proposalKind(r.proposal().kind(), l), "text",
                shown(r.proposal().text()));
    }

    /** A proposal said back, not repeated whole: the first words are enough to recognise it. */
    private static String shown(String proposal) {
        String text = proposal.strip();
        return text.codePointCount(0, text.length()) > SHOWN_PROPOSAL
                ? text.substring(0, text.offsetByCodePoints(0, SHOWN_PROPOSAL)).strip() + "…" : text;
    }

    /** How much of a proposal the answer says back. */
    private static final int SHOWN_PROPOSAL = 200;

    public String unregistered(java.util.Optional<ForumService.Unregistered> result, String meetingId, Language l) {
        return result.map(u -> texts.get(l, "forum.unregistered", "title", forumTexts.quoted(u.meeting().title(), l)))
                .orElseGet(() -> texts.get(l, "forum.not-registered", "id", meetingId));
    }

    /** The coming meetings as text, with how to register; for channels that show text only. */
    public String list(Language l) {
        return list(l, Integer.MAX_VALUE);
    }

    /**
     * The nearest {@link #NEAREST} coming meetings as text, and how many more there are ("Ytterligare 25 möten – skriv
     * ”forum” för hela listan."): under an answer about a meeting that could not be found, which must not become the
     * whole list (a black-box tester's 35 meetings were cut by Slack at its 50th block, mid-meeting, without a word).
     */
    public String nearest(Language l) {
        return list(l, NEAREST);
    }

    /** How many meetings {@link #nearest} lists. */
    static final int NEAREST = 10;

    private String list(Language l, int atMost) {
        List<Meeting> upcoming = forum.upcoming();
        if (upcoming.isEmpty()) {
            return texts.get(l, "forum.none-planned");
        }
        int rest = Math.max(0, upcoming.size() - atMost);
        String list = texts.get(l, "forum.list.title") + "\n\n" + upcoming.stream().limit(atMost).map(x -> forumTexts.describe(x, l))
                .collect(Collectors.joining("\n\n"))
                + (rest == 0 ? "" : "\n\n" + (rest == 1 ? texts.get(l, "forum.list.rest.one")
                        : texts.get(l, "forum.list.rest", "count", Texts.count(rest, l))));
        // helper 122: the example named a meeting whose registration had closed; with none to register for, none is named
        return registrable().map(m -> list + "\n\n" + texts.get(l, "forum.list.how", "id", m.id())).orElse(list);
    }

    /** "”Kapplöpning” (forum-2027-05-19) är inställt.": a cancelled meeting named by an old button or in a mail. */
    public String cancelled(Meeting m, Language l) {
        return texts.get(l, "forum.meeting-cancelled", "title", forumTexts.quoted(m.title(), l), "id", m.id());
    }

    /** The meeting's title quoted for a sentence in {@code l} (see {@link ForumTexts#quoted}). */
    public String quoted(Meeting m, Language l) {
        return forumTexts.quoted(m.title(), l);
    }

    /** "Anmälan till ”Titel” har stängt.": registration for {@code m} has closed. */
    public String closed(Meeting m, Language l) {
        return texts.get(l, "forum.closed", "title", forumTexts.quoted(m.title(), l));
    }

    /**
     * The meeting to name in an example ("anmäl forum-…"): the first coming one with a free seat, else the first that
     * still takes registrations (to its waitlist); empty when no coming meeting takes any.
     */
    public Optional<Meeting> registrable() {
        List<Meeting> open = forum.upcoming().stream().filter(forum::takesRegistrations).toList();
        return open.stream().filter(m -> m.seats() < m.capacity()).findFirst().or(() -> open.stream().findFirst());
    }
}

package se.foubot.forum;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.conversation.TextNormalizer;
import se.foubot.messaging.Command;
import se.foubot.messaging.Contacts;
import se.foubot.messaging.Inbound;
import se.foubot.messaging.Reply;
import se.foubot.messaging.Texts;

/**
 * FoU-forum from any channel: "forum" lists the coming meetings; "anmäl [id]" registers (the id may be left out in a
 * reply to a meeting's mail, or when only one meeting is planned), with an optional "Förslag: …" / "Fråga: …" /
 * "Kunskapslucka: …" for the agenda (from that line to the end), read alike in a mail, a Slack DM and after {@code /fou}; "avanmäl [id]" cancels.
 * A mail whose subject says "forum" gets the list.
 */
@Component
class ForumCommands implements Command {

    /** A subject that asks to subscribe or unsubscribe, which the subscription commands answer. */
    private static final java.util.regex.Pattern SUBSCRIBING = java.util.regex.Pattern.compile(
            "(?:(?:sv|re|vs|aw|fw|fwd) )*(?:bevakning|bevaka|avbevaka|subscribe|unsubscribe|prenumerera)\\b");
    private static final Pattern REGISTER = Pattern.compile("^(anmal|anmal mig|register|sign up)( (forum \\d{4} \\d{2} \\d{2}( \\d+)?))?$");
    private static final Pattern UNREGISTER = Pattern.compile("^(avanmal|avanmal mig|avboka|unregister|cancel)( (forum \\d{4} \\d{2} \\d{2}( \\d+)?))?$");
    /**
     * "anmäl"/"avanmäl", or in English "register"/"unregister", followed by anything at all (what the two above did
     * not take names no meeting).
     */
    private static final Pattern LOOSE = Pattern.compile("^(anmal|avanmal|avboka|register|unregister)( mig| me)? (.+)$");
    /**
     * "cancel" followed by words naming a meeting or the forum ("cancel R&D-meeting"). Not "cancel" and any words:
     * "cancel" alone stops a conversation, and "cancel my request" is about an errand, which a forum answer would
     * not help.
     */
    private static final Pattern LOOSE_CANCEL = Pattern.compile("^(cancel)()( (?:.* )?(?:meeting|meetings|forum|fou forum)(?: .*)?)$");
    /** A line "Förslag: …" (or another kind's word) with something after the colon, on that line: a proposal begins there. */
    private static final Pattern PROPOSAL = Pattern.compile(
            "(?imu)^[ \\t]*(förslag|forslag|exempel|gott exempel|fråga|fraga|kunskapslucka|proposal|example|question|gap)[ \\t]*:[ \\t]*(\\S.*)$");

    private final ForumService forum;
    private final ForumAnswers answers;
    private final Contacts contacts;
    private final Texts texts;

    ForumCommands(ForumService forum, ForumAnswers answers, Contacts contacts, Texts texts) {
        this.forum = forum;
        this.answers = answers;
        this.contacts = contacts;
        this.texts = texts;
    }

    @Override
    public List<Usage> usage() {
        // the English words are the ones the English texts name, and REGISTER and UNREGISTER take
        return List.of(new Usage("forum", "forum.help.list", 30),
                new Usage("anmäl ID / avanmäl ID", "forum.help.register", 31).inEnglish("register ID / cancel ID"));
    }

    @Override
    public Optional<Reply> handle(Inbound m) {
        String firstLine = TextNormalizer.normalize(m.firstLine());
        String meetingOfThread = m.thread() != null && m.thread().startsWith("forum:") ? m.thread().substring("forum:".length()) : null;
        Matcher register = REGISTER.matcher(firstLine);
        Matcher unregister = UNREGISTER.matcher(firstLine);
        if (!register.matches() && !unregister.matches()) {
            Matcher loose = LOOSE.matcher(firstLine);
            if (!loose.matches()) {
                loose = LOOSE_CANCEL.matcher(firstLine);
            }
            if (loose.matches()) {
                // "anmäl" or "avanmäl" with something after it that names no meeting: say so, as typed (a black-box
                // tester's "anmäl R&D-mötet" got only "Vilket möte menar du?"), and which there are
                String words = loose.group(1) + (loose.group(2) == null ? "" : loose.group(2));
                String named = asTyped(m, words, loose.group(3).strip());
                return Optional.of(loose.group(3).matches(".*\\d.*") ? noSuchMeeting(m, named)
                        : Reply.text(texts.get(m.language(), "forum.no-such-meeting", "id", ForumTexts.asWritten(named)) + " "
                                + texts.get(m.language(), "forum.which", "id", exampleId()) + "\n\n" + answers.nearest(m.language()))
                                .inThread("forum"));
            }
        }
        if (register.matches() || unregister.matches()) {
            Matcher which = register.matches() ? register : unregister;
            Optional<String> id = meetingId(which.group(3), meetingOfThread);
            if (id.isEmpty()) {
                return Optional.of(Reply.text(texts.get(m.language(), "forum.which", "id", exampleId()) + "\n\n"
                        + answers.nearest(m.language())).inThread("forum"));
            }
            Optional<Meeting> meeting = forum.find(id.get());
            if (meeting.isEmpty()) {
                // nothing to confirm: there is no such meeting, whoever wrote
                return Optional.of(noSuchMeeting(m, which.group(3) == null ? id.get() : asTyped(m, which.group(1), id.get())));
            }
            if (meeting.get().cancelled()) {
                // helper 122: "anmäl" to a cancelled meeting was told that its registration had closed
                return Optional.of(Reply.text(answers.cancelled(meeting.get(), m.language()) + "\n\n" + answers.nearest(m.language()))
                        .inThread("forum"));
            }
            if (register.matches() && !forum.takesRegistrations(meeting.get())) {
                // nothing to confirm either: registration has closed, a fact about the meeting, not about the sender
                // (helper 100: a "Bekräfta:" first, and "har stängt" only after the "ja")
                return Optional.of(Reply.text(answers.closed(meeting.get(), m.language()) + "\n\n"
                        + answers.nearest(m.language())).inThread("forum"));
            }
            Optional<Registration.AgendaProposal> proposal = register.matches() ? proposal(m.text()) : Optional.empty();
            if (proposal.isPresent() && proposal.get().tooLong()) {
                // as the proposal form refuses it, before anything is kept (or a mail is asked to confirm it)
                return Optional.of(proposalTooLong(m, id.get(), proposal.get()));
            }
            if (!m.senderProven()) {
                return Optional.of(Reply.confirmFirst(texts.get(m.language(), register.matches() ? "forum.confirm.register"
                        : "forum.confirm.unregister", "title", answers.quoted(meeting.get(), m.language()))));
            }
            return Optional.of(register.matches() ? register(m, id.get()) : unregister(m, id.get()));
        }
        if (!m.isMail()) {
            return firstLine.equals("forum") ? Optional.of(list(m.language())) : Optional.empty();
        }
        String subject = TextNormalizer.normalize(m.subject());
        // a subject that asks for reminders ("bevakning LUM och forum") is the subscriptions', not the list (helper 120);
        // the word alone on the first line of a new mail asks for the list, as the README says commands do
        boolean aboutForum = (" " + subject + " ").contains(" forum ") && !SUBSCRIBING.matcher(subject).lookingAt()
                || m.thread() == null && firstLine.equals("forum");
        if (aboutForum && (m.thread() == null || m.thread().startsWith("forum"))) {
            return Optional.of(Reply.text(answers.list(m.language())).inThread("forum"));
        }
        return Optional.empty();
    }

    /**
     * The meeting {@code m} named after the command's {@code words} (folded), as the person typed it, to say back;
     * {@code folded} when the line cannot be cut there.
     */
    private static String asTyped(Inbound m, String words, String folded) {
        return TypedWords.after(m.firstLine(), words).orElse(folded);
    }

    /** "… får vara högst 1 000 tecken, och ditt är 1 200": nothing kept, and how to send it again. */
    private Reply proposalTooLong(Inbound m, String id, Registration.AgendaProposal proposal) {
        return Reply.text(texts.get(m.language(), "forum.proposal.too-long", "length", Texts.count(proposal.length(), m.language()),
                "max", Texts.count(Registration.AgendaProposal.MAX_TEXT, m.language()), "id", id)).inThread("forum:" + id);
    }

    private Reply noSuchMeeting(Inbound m, String named) {
        return Reply.text(texts.get(m.language(), "forum.no-such-meeting", "id", ForumTexts.asWritten(named)) + "\n\n" + answers.nearest(m.language()))
                .inThread("forum");
    }

    private Reply list(Language language) {
        return Reply.text(answers.list(language)).withCard(new MeetingList(forum.upcoming(), language));
    }

    private Reply register(Inbound m, String id) {
        // helper 122: only a mail's line was read, so one written in Slack (as the list there tells) was dropped
        Registration.AgendaProposal proposal = proposal(m.text()).orElse(null);
        String email = contacts.email(m.from()).orElse(null);
        ForumService.RegisterResult r = forum.register(id, m.from(), email, null, proposal, m.language());
        String text = answers.registered(r, id, email, m.language());
        if (r instanceof ForumService.NoSuchMeeting || r instanceof ForumService.MeetingCancelled) {
            text = text + "\n\n" + answers.nearest(m.language());
        }
        return Reply.text(text).inThread("forum:" + id);
    }

    private Reply unregister(Inbound m, String id) {
        return Reply.text(answers.unregistered(forum.unregister(id, m.from()), id, m.language())).inThread("forum:" + id);
    }

    private Optional<String> meetingId(String named, String ofThread) {
        if (named != null) {
            return Optional.of(named.replaceFirst("^forum (\\d{4}) (\\d{2}) (\\d{2})", "forum-$1-$2-$3").replace(' ', '-'));
        }
        if (ofThread != null) {
            return Optional.of(ofThread);
        }
        List<Meeting> upcoming = forum.upcoming();
        return upcoming.size() == 1 ? Optional.of(upcoming.get(0).id()) : Optional.empty();
    }

    /** A meeting one can register for, to name in an example; a made-up id when there is none. */
    private String exampleId() {
        return answers.registrable().map(Meeting::id).orElse("forum-2027-03-10");
    }

    /**
     * The agenda item in what someone wrote with "anmäl": from the first line "Förslag: …", "Fråga: …" or
     * "Kunskapslucka: …" (or "Proposal:", "Question:", "Gap:", "Exempel:") that says something after its colon, to the
     * end, as written; empty when there is none. The label names the kind, as the form's one choice does; the form has
     * one text, so what follows (more lines, another "Fråga: …") is that text, not dropped: a black-box tester's three
     * lines of 500 characters were kept as the first line alone, under the 1 000 the limit allows, and a "Fråga:" line
     * after a "Förslag:" line was lost without a word. The one reading of it, whichever channel it came by.
     */
    static Optional<Registration.AgendaProposal> proposal(String text) {
        String written = text == null ? "" : text;
        Matcher p = PROPOSAL.matcher(written);
        while (p.find()) {
            if (!Registration.AgendaProposal.trimmed(p.group(2)).isEmpty()) {
                return Optional.of(new Registration.AgendaProposal(kind(p.group(1)),
                        Registration.AgendaProposal.trimmed(written.substring(p.start(2)))));
            }
        }
        return Optional.empty();
    }

    private static String kind(String word) {
        String w = TextNormalizer.normalize(word);
        if (w.contains("exempel") || w.equals("example")) {
            return "example";
        }
        if (w.contains("fraga") || w.equals("question")) {
            return "question";
        }
        if (w.contains("lucka") || w.equals("gap")) {
            return "gap";
        }
        return "proposal";
    }
}

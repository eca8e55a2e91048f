package se.foubot.forum;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import se.foubot.channels.InboundCommand;
import se.foubot.conversation.TextNormalizer;

/**
 * FoU-forum by mail: a mail whose subject says "forum" gets the list of coming meetings; "anmäl [id]" registers
 * (the id may be left out in a reply to a meeting's mail, or when only one meeting is planned), with an optional
 * line "Förslag: …" / "Fråga: …" / "Kunskapslucka: …" for the agenda; "avanmäl [id]" cancels.
 */
@Component
class ForumMailCommands implements InboundCommand {

    private static final Pattern REGISTER = Pattern.compile("^(anmal|anmal mig|register|sign up)( (forum \\d{4} \\d{2} \\d{2}( \\d+)?))?$");
    private static final Pattern UNREGISTER = Pattern.compile("^(avanmal|avanmal mig|avboka|unregister|cancel)( (forum \\d{4} \\d{2} \\d{2}( \\d+)?))?$");
    private static final Pattern PROPOSAL = Pattern.compile("(?im)^\\s*(förslag|forslag|exempel|gott exempel|fråga|fraga|kunskapslucka|proposal|example|question|gap)\\s*:\\s*(.+)$");

    private final ForumService forum;
    private final ZoneId zone;

    ForumMailCommands(ForumService forum, ZoneId zone) {
        this.forum = forum;
        this.zone = zone;
    }

    @Override
    public Optional<Answer> handle(Message m) {
        String firstLine = TextNormalizer.normalize(m.text().strip().lines().findFirst().orElse(""));
        String meetingOfThread = m.thread() != null && m.thread().startsWith("forum:") ? m.thread().substring("forum:".length()) : null;
        Matcher register = REGISTER.matcher(firstLine);
        Matcher unregister = UNREGISTER.matcher(firstLine);
        if (register.matches() || unregister.matches()) {
            Matcher which = register.matches() ? register : unregister;
            Optional<String> id = meetingId(which.group(3), meetingOfThread);
            if (id.isEmpty()) {
                return Optional.of(new Answer("Vilket möte menar du? Skriv till exempel ”anmäl " + exampleId() + "”.\n\n" + list()
                        + "\n(Which meeting? Write for example “anmäl " + exampleId() + "”.)", "forum"));
            }
            if (!m.senderProven()) {
                String title = forum.find(id.get()).map(Meeting::title).orElse(id.get());
                return Optional.of(Answer.confirmFirst(register.matches()
                        ? say(m, "anmäla dig till " + title, "register you for " + title)
                        : say(m, "avanmäla dig från " + title, "cancel your registration for " + title)));
            }
            return Optional.of(register.matches() ? register(m, id.get()) : unregister(m, id.get()));
        }
        boolean aboutForum = (" " + TextNormalizer.normalize(m.subject()) + " ").contains(" forum ");
        if (aboutForum && (m.thread() == null || m.thread().startsWith("forum"))) {
            return Optional.of(new Answer(list(), "forum"));
        }
        return Optional.empty();
    }

    private Answer register(Message m, String id) {
        Matcher p = PROPOSAL.matcher(m.text());
        Registration.AgendaProposal proposal = p.find() ? new Registration.AgendaProposal(kind(p.group(1)), p.group(2).strip()) : null;
        ForumService.RegisterResult r = forum.register(id, m.from(), m.from().address(), null, proposal);
        String text;
        if (r instanceof ForumService.Seated s) {
            text = "Du är anmäld till " + s.meeting().title() + ". Kalenderinbjudan kommer i ett eget mejl. (You are registered; the invite follows.)";
        } else if (r instanceof ForumService.Waitlisted w) {
            text = w.meeting().title() + " är fullt – du står som nummer " + w.position() + " på väntelistan och får besked direkt om en plats blir ledig."
                    + " (Full: you are number " + w.position() + " on the waitlist.)";
        } else if (r instanceof ForumService.AlreadyRegistered a) {
            text = "Du är redan anmäld till " + a.meeting().title() + " – inget mer behövs. (You are already registered.)";
        } else if (r instanceof ForumService.RegistrationClosed c) {
            text = "Anmälan till " + c.meeting().title() + " har stängt. (Registration has closed.)";
        } else {
            text = "Det finns inget planerat FoU-forum som heter ”" + id + "”.\n\n" + list();
        }
        return new Answer(text, "forum:" + id);
    }

    private Answer unregister(Message m, String id) {
        return new Answer(forum.unregister(id, m.from())
                .map(u -> "Din anmälan till " + u.meeting().title() + " är avbokad. (Your registration is cancelled.)")
                .orElse("Du var inte anmäld till " + id + ". (You were not registered.)"), "forum:" + id);
    }

    private static String say(Message m, String sv, String en) {
        return m.language() == se.foubot.conversation.Language.EN ? en : sv;
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

    private String exampleId() {
        return forum.upcoming().stream().findFirst().map(Meeting::id).orElse("forum-2027-03-10");
    }

    private String list() {
        List<Meeting> upcoming = forum.upcoming();
        if (upcoming.isEmpty()) {
            return "Inga FoU-forum är planerade just nu. (No FoU-forum meetings are planned right now.)";
        }
        return "Kommande FoU-forum (coming meetings):\n\n" + upcoming.stream().map(x -> ForumTexts.describe(x, zone))
                .collect(Collectors.joining("\n\n")) + "\n\nAnmäl dig genom att svara ”anmäl " + upcoming.get(0).id()
                + "”. Vill du föreslå något till dagordningen, skriv på en egen rad ”Förslag: …”, ”Fråga: …” eller ”Kunskapslucka: …”."
                + "\n(To register, reply “anmäl " + upcoming.get(0).id() + "”; add a line “Proposal: …” for the agenda.)";
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

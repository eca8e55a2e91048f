package se.foubot.grants;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import se.foubot.channels.InboundCommand;
import se.foubot.conversation.Language;
import se.foubot.conversation.TextNormalizer;

/**
 * Grant reminders by mail: a mail whose subject says "bevakning"/"subscribe" subscribes the sender (to the
 * programmes it names, both when it names none); a mail or reply that says just "avsluta"/"unsubscribe" stops them.
 */
@Component
class GrantMailCommands implements InboundCommand {

    private static final Set<String> STOP = Set.of("avsluta", "avsluta bevakning", "avsluta prenumeration", "sluta",
            "unsubscribe", "stop", "avregistrera");
    private static final Set<String> START_WORDS = Set.of("bevakning", "bevaka", "prenumerera", "subscribe", "paminnelser");

    private final GrantSubscriptions subscriptions;
    private final GrantCalendar calendar;

    GrantMailCommands(GrantSubscriptions subscriptions, GrantCalendar calendar) {
        this.subscriptions = subscriptions;
        this.calendar = calendar;
    }

    @Override
    public Optional<Answer> handle(Message m) {
        String firstLine = TextNormalizer.normalize(m.text().strip().lines().findFirst().orElse(""));
        String subject = TextNormalizer.normalize(m.subject().replaceFirst("(?i)^\\s*((re|sv|aw|vs|fw|fwd)\\s*:\\s*)+", ""));
        if (STOP.contains(firstLine) || STOP.contains(subject)) {
            if (!m.senderProven()) {
                return Optional.of(Answer.confirmFirst(say(m.language(), "avsluta dina påminnelser om LUM och MUL",
                        "stop your LUM and MUL reminders")));
            }
            boolean was = subscriptions.unsubscribeEmail(m.from().address());
            return Optional.of(new Answer(say(m.language(), was
                    ? "Klart – du får inga fler påminnelser om LUM och MUL. Skriv ”bevakning” i ämnesraden om du vill ha dem igen."
                    : "Du prenumererar inte på några påminnelser om LUM och MUL, så det finns inget att avsluta.",
                    was ? "Done – you will get no more LUM and MUL reminders. Put “subscribe” in the subject to get them again."
                            : "You are not subscribed to any LUM or MUL reminders, so there is nothing to stop."), "grants"));
        }
        if (m.thread() == null && START_WORDS.stream().anyMatch(w -> (" " + subject + " ").contains(" " + w + " "))) {
            List<String> programmes = calendar.programmesNamedIn(m.subject() + " " + m.text());
            if (!m.senderProven()) {
                return Optional.of(Answer.confirmFirst(say(m.language(), "skicka påminnelser om " + String.join(" och ", programmes)
                        + " till din adress", "send reminders about " + String.join(" and ", programmes) + " to your address")));
            }
            subscriptions.subscribe("email", m.from().address(), m.from().address(), null, programmes, m.language().code(), "email");
            String names = String.join(" och ", programmes);
            return Optional.of(new Answer(say(m.language(),
                    "Klart – du får påminnelser om " + names + " inför varje sista dag, med e-post. Svara ”avsluta” när du vill sluta.",
                    "Done – you will get reminders about " + String.join(" and ", programmes)
                            + " before each deadline, by e-mail. Reply “unsubscribe” to stop."), "grants"));
        }
        return Optional.empty();
    }

    private static String say(Language language, String sv, String en) {
        return language == Language.EN ? en : sv;
    }
}

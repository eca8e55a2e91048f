package se.foubot.channels.slack;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import se.foubot.grants.GrantCalendar;
import se.foubot.grants.GrantSubscriptions;

/**
 * {@code /fou bevakning [LUM|MUL]} subscribes to grant reminders, {@code /fou bevakning av} stops them. The
 * reminders go to the e-mail address on the person's Slack profile, or as direct messages when it has none.
 */
@Component
@ConditionalOnSlack
class SlackGrantSubscriptions {

    private static final List<String> STOP = List.of("av", "avsluta", "stop", "off", "unsubscribe", "sluta");

    private final GrantSubscriptions subscriptions;
    private final GrantCalendar calendar;
    private final SlackApi api;

    SlackGrantSubscriptions(GrantSubscriptions subscriptions, GrantCalendar calendar, SlackApi api) {
        this.subscriptions = subscriptions;
        this.calendar = calendar;
        this.api = api;
    }

    /** @param args what followed "bevakning" */
    String handle(String user, String args) {
        String a = args.strip().toLowerCase();
        if (STOP.contains(a)) {
            return subscriptions.unsubscribe("slack", user)
                    ? "Klart – du får inga fler påminnelser om LUM och MUL. (Done – no more grant reminders.)"
                    : "Du har ingen bevakning att avsluta. (You have no grant reminders to stop.)";
        }
        List<String> programmes = calendar.programmesNamedIn(a);
        Optional<String> email = email(user);
        subscriptions.subscribe("slack", user, email.orElse(null), null, programmes, "sv", "slack");
        String how = email.map(e -> "med e-post till " + e).orElse("här som direktmeddelande");
        return "Klart – du bevakar " + String.join(" och ", programmes) + " och får påminnelser inför varje sista dag, " + how
                + ". Skriv `/fou bevakning av` för att sluta.\n(Done – you will get " + String.join(" and ", programmes)
                + " reminders before each deadline. Write `/fou bevakning av` to stop.)";
    }

    private Optional<String> email(String user) {
        try {
            return api.userEmail(user);
        } catch (SlackApi.SlackCallFailed e) {
            return Optional.empty();
        }
    }
}

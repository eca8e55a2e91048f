package se.foubot.channels.slack;

import java.time.ZoneId;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.messaging.Notice;
import se.foubot.messaging.Notifier;
import se.foubot.messaging.Recipient;
import se.foubot.deadletter.DeadLetter;
import se.foubot.deadletter.DeadLetterParked;

/** Tells the staff channel, once per dead letter (the notice is keyed by it), that work was parked. */
@Component
@ConditionalOnSlack
class SlackDeadLetterAlerts {

    private final Notifier notifier;
    private final SlackProperties properties;
    private final ZoneId zone;

    SlackDeadLetterAlerts(Notifier notifier, SlackProperties properties, ZoneId zone) {
        this.notifier = notifier;
        this.properties = properties;
        this.zone = zone;
    }

    @EventListener
    void on(DeadLetterParked parked) {
        if (!SlackProperties.has(properties.staffChannel())) {
            return;
        }
        DeadLetter d = parked.deadLetter();
        notifier.send("dead-letter:" + d.id(), Recipient.slack(properties.staffChannel()), Notice.of("Parkerat",
                ":warning: Något kunde inte behandlas efter " + d.attempts() + " försök och har lagts åt sidan ("
                        + what(d.kind()) + ", " + se.foubot.conversation.Dates.dateTime(d.parkedAt().atZone(zone), se.foubot.conversation.Language.SV) + "). Orsak: `" + d.rule() + "`"
                        + (d.where() == null ? "" : " i `" + d.where() + "`")
                        + ". Inget annat stoppas. Listan finns i `GET /api/dead-letters`."));
    }

    private static String what(String kind) {
        if (kind.equals("mail")) {
            return "ett inkommande mejl";
        }
        if (kind.startsWith("slack")) {
            return "ett meddelande från Slack";
        }
        if (kind.startsWith("job")) {
            return "ett schemalagt jobb (" + kind.substring(kind.indexOf(':') + 1) + ")";
        }
        return kind;
    }
}

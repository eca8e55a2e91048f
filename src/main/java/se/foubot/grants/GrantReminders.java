package se.foubot.grants;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.messaging.Notice;
import se.foubot.messaging.Notifier;
import se.foubot.messaging.Recipient;
import se.foubot.deadletter.DeadLetters;
import se.foubot.scheduling.ReminderSource;
import se.foubot.messaging.HttpProperties;

/**
 * Sends the grant reminders: at each planned time, one notice per active subscriber of the deadline's
 * programmes (and one Slack post when a channel is set), each under the key (deadline, offset, recipient), so
 * a second replica or a restart in the middle of a fan-out queues nobody twice. A reminder missed while the bot
 * was down goes out late while its deadline has not passed, and is skipped once it has.
 */
@Component
public class GrantReminders implements ReminderSource {

    private static final Logger log = LoggerFactory.getLogger(GrantReminders.class);
    /** Notices queued in one write: one commit to disk for each batch of subscribers instead of one each. */
    private static final int FAN_OUT_BATCH = 500;

    /** A reminder as the preview shows it. */
    public record Preview(String deadline, String event, LocalDate deadlineDate, String offset, Instant sendAt, long recipients,
            boolean slackChannel) {
    }

    private final ReminderPlanner planner;
    private final GrantSubscriptions subscriptions;
    private final Notifier notifier;
    private final GrantsProperties properties;
    private final HttpProperties http;
    private final GrantReminderLog sent;
    private final Clock clock;

    private final DeadLetters deadLetters;
    private final GrantTexts texts;

    GrantReminders(ReminderPlanner planner, GrantSubscriptions subscriptions, Notifier notifier, GrantsProperties properties,
            HttpProperties http, GrantReminderLog sent, Clock clock, DeadLetters deadLetters, GrantTexts texts) {
        this.texts = texts;
        this.deadLetters = deadLetters;
        this.sent = sent;
        this.planner = planner;
        this.subscriptions = subscriptions;
        this.notifier = notifier;
        this.properties = properties;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "grants";
    }

    @Override
    public List<Instant> dueInstants(Instant from, Instant to) {
        return planner.around(from).stream().map(ReminderPlanner.PlannedReminder::sendAt)
                .filter(at -> !at.isBefore(from) && at.isBefore(to)).toList();
    }

    /** Each due reminder on its own: one that keeps failing is parked as a dead letter, and the others go on. */
    @Override
    public int sendDue() {
        int[] queued = {0};
        for (ReminderPlanner.PlannedReminder r : planner.due(clock.instant())) {
            deadLetters.guard("job:" + name(), r.id(), () -> queued[0] += fanOut(r));
        }
        return queued[0];
    }

    /** One notice per subscriber, in the language they subscribed in (Swedish and English when none was recorded). */
    private int fanOut(ReminderPlanner.PlannedReminder r) {
        GrantCalendar calendar = planner.calendar();
        // helper 101: a reminder sent late (after a restart) said "om 30 dagar" as on the day it was planned for
        LocalDate writtenOn = planner.writtenOn(r, clock.instant());
        int queued = 0;
        List<Notifier.Addressed> batch = new ArrayList<>();
        for (Subscriber s : subscriptions.activeFor(r.deadline().event().programmes(), r.sendAt())) {
            Recipient to = s.recipient();
            Language l = GrantTexts.languageOf(s);
            String subject = texts.subject(r, l);
            Notice notice;
            if (to.isEmail()) {
                String link = http.link("/grants/unsubscribe?token=" + s.token());
                notice = Notice.of(subject, texts.reminder(r, writtenOn, calendar, l, "grants.reminder.stop.mail", link))
                        .withHeaders(Map.of("List-Unsubscribe", "<" + link + ">", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
                        .withThread("grants");
            } else {
                notice = Notice.of(subject, "*" + subject + "*\n\n" + texts.reminder(r, writtenOn, calendar, l, "grants.reminder.stop.slack", null));
            }
            batch.add(new Notifier.Addressed("grant:" + r.id() + ":" + s.id(), to, notice));
            if (batch.size() == FAN_OUT_BATCH) {
                queued += notifier.sendAll(batch);
                batch.clear();
            }
        }
        queued += notifier.sendAll(batch);
        // the staff channel speaks Swedish
        String subject = texts.subject(r, Language.SV);
        if (properties.postsToSlack() && notifier.has(Recipient.SLACK) && notifier.send("grant:" + r.id() + ":channel",
                Recipient.slack(properties.slackChannel()), Notice.of(subject, "*" + subject + "*\n\n" + texts.reminder(r, writtenOn, calendar,
                        Language.SV, "grants.reminder.subscribe-yourself", null)))) {
            queued++;
        }
        sent.record(r.id(), r.deadline().id(), clock.instant(), queued);
        if (queued > 0) {
            log.info("event=grant_reminder_fanout reminder={} queued={} late={}", r.id(), queued,
                    clock.instant().isAfter(r.sendAt().plusSeconds(3600)));
        }
        return queued;
    }

    /** What would go out on {@code date}, without sending. */
    public List<Preview> preview(LocalDate date) {
        List<Preview> out = new ArrayList<>();
        for (ReminderPlanner.PlannedReminder r : planner.on(date)) {
            out.add(new Preview(r.deadline().id(), r.deadline().event().title().sv(), r.deadline().date(), r.offset().toString(),
                    r.sendAt(), subscriptions.countActive(r.deadline().event().programmes(), r.sendAt()), properties.postsToSlack()));
        }
        return out;
    }
}

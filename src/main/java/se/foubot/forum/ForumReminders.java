package se.foubot.forum;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.messaging.Notice;
import se.foubot.messaging.Notifier;
import se.foubot.deadletter.DeadLetters;
import se.foubot.forum.Registration.Status;
import se.foubot.scheduling.ReminderSource;
import se.foubot.scheduling.ReminderTimes;

/**
 * Reminds registered people a configured time before each meeting (Slack DM for Slack users, e-mail for the
 * others) and gives the coordinator the count and the proposed agenda items. Meetings are stored as instants, so
 * "two hours before" is two real hours across a change of summer time. Keyed per meeting, offset and person.
 */
@Component
class ForumReminders implements ReminderSource {

    static final String NAME = "forum";

    private final ForumService forum;
    private final Notifier notifier;
    private final ForumProperties properties;
    private final Clock clock;
    private final ZoneId zone;

    private final DeadLetters deadLetters;
    private final ForumTexts texts;

    ForumReminders(ForumService forum, Notifier notifier, ForumProperties properties, Clock clock, ZoneId zone,
            DeadLetters deadLetters, ForumTexts texts) {
        this.texts = texts;
        this.deadLetters = deadLetters;
        this.forum = forum;
        this.notifier = notifier;
        this.properties = properties;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Instant> dueInstants(Instant from, Instant to) {
        return forum.upcoming().stream().flatMap(m -> times(m).within(from, to)).toList();
    }

    private ReminderTimes<Duration> times(Meeting m) {
        return ReminderTimes.of(properties.reminderOffsets(), offset -> m.start().minus(offset));
    }

    /**
     * Per meeting not yet started, the latest reminder whose time has come (an earlier missed one is superseded).
     * Each meeting's reminder on its own: one that keeps failing is parked as a dead letter, the others go on.
     */
    @Override
    public int sendDue() {
        Instant now = clock.instant();
        int[] queued = {0};
        for (Meeting m : forum.upcoming()) {
            times(m).latestDue(now).ifPresent(offset ->
                    deadLetters.guard("job:" + NAME, m.id() + ":" + offset, () -> queued[0] += remind(m, offset)));
        }
        return queued[0];
    }

    /** Each registered person in the language kept on their registration; the coordinator in Swedish. */
    private int remind(Meeting m, Duration offset) {
        int queued = 0;
        List<Registration> registered = forum.registrations(m.id(), Status.REGISTERED);
        for (Registration r : registered) {
            Language subjectLanguage = r.language() != null ? r.language() : Language.SV;
            java.util.function.Function<Language, String> reminder = l -> texts.text(l, "forum.reminder.text", "meeting",
                    texts.describe(m, l), "id", m.id());
            // by mail a letter, greeted and signed as the announcements are; in Slack a message
            Notice notice = Notice.of(texts.text(subjectLanguage, "forum.reminder.subject", "title", m.title(), "when",
                    texts.when(m, subjectLanguage)), r.person().isEmail() ? texts.letter(r.language(), reminder)
                            : ForumTexts.in(r.language(), reminder))
                    .withThread("forum:" + m.id());
            if (notifier.send("forum-reminder:" + m.id() + ":" + offset + ":" + r.id(), r.person(), notice)) {
                queued++;
            }
        }
        Language sv = Language.SV;
        List<Registration> proposals = registered.stream().filter(r -> r.proposal() != null).toList();
        String agenda = proposals.isEmpty() ? texts.text(sv, "forum.summary.no-proposals")
                : texts.text(sv, "forum.summary.proposals") + "\n" + proposals.stream().map(r -> "• "
                        + texts.proposalKind(r.proposal().kind(), sv) + ": " + r.proposal().text()
                        + (r.district() != null ? " (" + r.district() + ")" : "")).collect(Collectors.joining("\n"));
        if (m.coordinator() != null && notifier.send("forum-summary:" + m.id() + ":" + offset, m.coordinator(),
                Notice.of(texts.text(sv, "forum.summary.subject", "title", m.title(), "registered", se.foubot.messaging.Texts.count(registered.size(), sv)),
                        texts.text(sv, "forum.summary.text", "title", m.title(), "when", texts.when(m, sv), "registered",
                                se.foubot.messaging.Texts.count(registered.size(), sv), "capacity", se.foubot.messaging.Texts.count(m.capacity(), sv), "waitlisted",
                                se.foubot.messaging.Texts.count(forum.registrations(m.id(), Status.WAITLISTED).size(), sv), "agenda", agenda)))) {
            queued++;
        }
        return queued;
    }
}

package se.foubot.forum;

import java.time.Clock;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.messaging.Notice;
import se.foubot.messaging.Notifier;
import se.foubot.messaging.Recipient;
import se.foubot.deadletter.DeadLetters;
import se.foubot.forum.ForumService.MeetingChanged;
import se.foubot.forum.Registration.Status;
import se.foubot.privacy.LogText;
import se.foubot.scheduling.ReminderScheduler;

/**
 * Tells people what changed: a calendar invite (REQUEST) to each registered person, an updated invite when the
 * meeting changes, CANCEL when it is cancelled or the registration is; waitlisted people are told they got a seat.
 * A registration or cancellation the person made themselves is told in the answer to it (one message per action),
 * so here it gets only its calendar invite; what happens to them without their doing (a promotion, a change, a
 * cancelled meeting, a decline in their calendar) also comes as a direct message.
 * Every notice is keyed (meeting, registration, invite sequence, what happened), so it is sent once.
 */
@Component
class ForumNotices {

    private static final Logger log = LoggerFactory.getLogger(ForumNotices.class);

    private final ForumService forum;
    private final Notifier notifier;
    private final InviteWriter invites;
    private final ForumProperties properties;
    private final ZoneId zone;
    private final Clock clock;
    private final ReminderScheduler scheduler;
    private final DeadLetters deadLetters;
    private final ForumTexts texts;

    ForumNotices(ForumService forum, Notifier notifier, InviteWriter invites, ForumProperties properties, ZoneId zone, Clock clock,
            ReminderScheduler scheduler, DeadLetters deadLetters, ForumTexts texts) {
        this.deadLetters = deadLetters;
        this.forum = forum;
        this.notifier = notifier;
        this.invites = invites;
        this.properties = properties;
        this.zone = zone;
        this.clock = clock;
        this.scheduler = scheduler;
        this.texts = texts;
    }

    /**
     * Tells of the change; a notice that cannot be written (say, from a meeting stored before its fields were
     * checked) is retried and then parked as a dead letter, and never undoes or repeats the registration it tells of.
     */
    @EventListener
    void on(MeetingChanged change) {
        String key = change.meeting().id() + ":" + change.kind() + ":" + change.meeting().sequence()
                + (change.registration() == null ? "" : ":" + change.registration().id());
        deadLetters.retryThenPark("forum-notice", key, () -> tell(change));
    }

    /** Each person is told in the language kept on their registration (both, Swedish first, when it is not known). */
    private void tell(MeetingChanged change) {
        Meeting m = change.meeting();
        Registration r = change.registration();
        switch (change.kind()) {
            case REGISTERED -> invite(m, r, "forum.registered", false, java.util.Set.of(), null);
            case PROMOTED -> {
                // the promoted may cancel before this is sent (a seat freed and taken back within a moment): told of the seat
                // after the answer "avbokad", they believed themselves registered, and their invite came after its CANCEL
                if (stillSeatedBy(r)) {
                    invite(m, r, "forum.notice.promoted", true, java.util.Set.of(), null);
                }
            }
            case UNREGISTERED -> cancelInvite(m, r, "registration-" + r.updatedAt().toEpochMilli(), "forum.unregistered", false);
            case DECLINED -> cancelInvite(m, r, "registration-" + r.updatedAt().toEpochMilli(), "forum.unregistered", true);
            case UPDATED -> {
                forum.registrations(m.id(), Status.REGISTERED).forEach(x -> invite(m, x, UPDATED_NEWS, true, change.changed(),
                        change.before()));
                scheduler.replan(ForumReminders.NAME);
            }
            case CANCELLED -> {
                forum.registrations(m.id(), Status.REGISTERED).forEach(x -> cancelInvite(m, x, "meeting", "forum.notice.cancelled", true));
                // helper 122: the registered were told "Kapplöpning är inställt." and the waitlisted the time: both say the same
                forum.registrations(m.id(), Status.WAITLISTED).forEach(x -> {
                    java.util.function.Function<Language, String> news = l -> texts.text(l, "forum.notice.cancelled", "title", texts.quoted(m.title(), l),
                            "date", texts.date(m, l));
                    notifier.send(key(m, x) + ":meeting-cancelled", x.person(), Notice.of(subject(x, "forum.subject.meeting-cancelled", m),
                            x.person().isEmail() ? texts.letter(x.language(), news) : ForumTexts.in(x.language(), news)).withThread("forum"));
                });
                scheduler.replan(ForumReminders.NAME);
            }
            case CREATED -> scheduler.replan(ForumReminders.NAME);
            case WAITLISTED -> {
                // told in the answer to the registration itself
            }
        }
    }

    /**
     * Whether {@code promoted} is, as stored now, still the registration that promotion seated: registered, and not
     * cancelled and registered anew since (that registration tells of itself).
     */
    private boolean stillSeatedBy(Registration promoted) {
        return forum.registration(promoted.meetingId(), promoted.person())
                .filter(now -> now.id().equals(promoted.id()) && now.status() == Status.REGISTERED
                        && now.ownChanges().equals(promoted.ownChanges()) && now.registeredAt().equals(promoted.registeredAt()))
                .isPresent();
    }

    private static final String UPDATED_NEWS = "forum.notice.updated";

    /** A subject in the person's language; Swedish when it is not known (a subject is one line). */
    private String subject(Registration r, String key, Meeting m) {
        Language l = r.language() != null ? r.language() : Language.SV;
        return texts.text(l, key, "title", m.title(), "when", texts.when(m, l));
    }

    /**
     * The invite, and for Slack people a direct message with the news unless the answer to their own action told it.
     */
    private void invite(Meeting m, Registration r, String newsKey, boolean direct, java.util.Set<String> changed, Meeting before) {
        // a change names what changed (helper 122: "se den nya tiden och platsen" when only the description had changed),
        // and the new last moment to register when it moved with the meeting
        java.util.function.Function<Language, String> news = l -> texts.text(l, newsKey, "title", texts.quoted(m.title(), l), "what", texts.changes(changed, l))
                + texts.deadlineNow(before, m, l).map(d -> " " + d).orElse("");
        // a letter, greeted and signed as the announcements are (it began with the news, unsigned)
        String text = texts.letter(r.language(), l -> news.apply(l) + "\n\n" + texts.describe(m, l)
                + "\n\n" + texts.text(l, "forum.notice.how-to-cancel", "id", m.id()));
        // "updated" only for an invite the person had before, in its new form: a first invite (or one after their own
        // cancellation) to a meeting that was moved before is their invite, whatever the meeting's SEQUENCE
        boolean update = newsKey.equals(UPDATED_NEWS);
        String subject = subject(r, update ? "forum.subject.updated-invite" : "forum.subject.invite", m);
        String k = key(m, r) + ":seq" + r.sequence(m);
        if (r.email() != null) {
            notifier.send(k + ":REQUEST", Recipient.email(r.email()), Notice.of(subject, text).withThread("forum:" + m.id())
                    .withInvite(invites.write(m, r.sequence(m), InviteWriter.REQUEST, r.email(), properties.organizer(), zone, clock.instant(), r.language())));
        }
        if (direct && !r.person().isEmail()) {
            notifier.send(k + ":news", r.person(), Notice.of(subject, ForumTexts.in(r.language(), l -> news.apply(l)
                    + "\n\n" + texts.describe(m, l) + "\n\n" + (r.email() != null
                            ? texts.text(l, "forum.notice.invite-sent", "email", r.email()) : texts.text(l, "forum.notice.no-invite")))));
        }
        log.debug("event=forum_invite meeting={} registration={} sequence={}", m.id(), LogText.clean(r.id()), r.sequence(m));
    }

    private void cancelInvite(Meeting m, Registration r, String why, String newsKey, boolean direct) {
        String subject = subject(r, "forum.subject.cancelled", m);
        String k = key(m, r) + ":seq" + r.sequence(m) + ":cancel-" + why;
        if (r.email() != null) {
            notifier.send(k, Recipient.email(r.email()), Notice.of(subject, texts.letter(r.language(),
                    l -> texts.text(l, newsKey, "title", texts.quoted(m.title(), l), "date", texts.date(m, l)) + "\n\n" + texts.describe(m, l)))
                    .withThread("forum:" + m.id())
                    .withInvite(invites.write(m, r.sequence(m), InviteWriter.CANCEL, r.email(), properties.organizer(), zone, clock.instant(), r.language())));
        }
        if (direct && !r.person().isEmail()) {
            notifier.send(k + ":news", r.person(), Notice.of(subject, ForumTexts.in(r.language(), l -> texts.text(l, newsKey,
                    "title", texts.quoted(m.title(), l), "date", texts.date(m, l)))));
        }
    }

    private static String key(Meeting m, Registration r) {
        return "forum:" + r.id() + ":" + r.registeredAt().toEpochMilli();
    }
}

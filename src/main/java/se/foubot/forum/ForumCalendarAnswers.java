package se.foubot.forum;

import java.util.Optional;

import org.springframework.stereotype.Component;

import se.foubot.messaging.CalendarAnswers;
import se.foubot.messaging.Texts;

/**
 * Answers to the FoU-forum invites (UID "{meeting}@fou-bot"): accepted and tentative are recorded on the
 * registration; a decline cancels it, which frees the seat for the first on the waitlist and tells the person (the
 * cancellation mail). A decline changes state, so it waits for a proven sender; an unproven acceptance is just not
 * recorded.
 */
@Component
class ForumCalendarAnswers implements CalendarAnswers {

    static final String UID_SUFFIX = "@fou-bot";

    private final ForumService forum;
    private final Texts texts;
    private final ForumTexts forumTexts;

    ForumCalendarAnswers(ForumService forum, Texts texts, ForumTexts forumTexts) {
        this.forum = forum;
        this.texts = texts;
        this.forumTexts = forumTexts;
    }

    @Override
    public Optional<Handled> reply(Reply reply) {
        if (reply.uid() == null || !reply.uid().endsWith(UID_SUFFIX) || reply.attendee() == null) {
            return Optional.empty();
        }
        String meetingId = reply.uid().substring(0, reply.uid().length() - UID_SUFFIX.length());
        Optional<Meeting> meeting = forum.find(meetingId);
        if (meeting.isEmpty()) {
            return Optional.of(Handled.recorded("no-such-meeting"));
        }
        String partstat = reply.partstat() == null ? "" : reply.partstat();
        if (!partstat.equals("DECLINED")) {
            if (!reply.senderProven()) {
                return Optional.of(Handled.recorded("unproven-" + partstat.toLowerCase()));
            }
            return Optional.of(Handled.recorded(forum.recordCalendarAnswer(meetingId, reply.attendee(), partstat)
                    ? partstat.toLowerCase() : "not-registered"));
        }
        if (!reply.senderProven()) {
            return Optional.of(Handled.confirmFirst(texts.get(reply.language(), "forum.confirm.declined", "title",
                    forumTexts.quoted(meeting.get().title(), reply.language()))));
        }
        return Optional.of(Handled.recorded(forum.declinedInCalendar(meetingId, reply.attendee()) ? "declined" : "not-registered"));
    }
}

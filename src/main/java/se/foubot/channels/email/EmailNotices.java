package se.foubot.channels.email;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import se.foubot.messaging.Notice;
import se.foubot.messaging.NoticeChannel;
import se.foubot.messaging.Recipient;

/** Notices by email: into the outbox, keyed once. */
@Component
class EmailNotices implements NoticeChannel {

    private final Outbox outbox;

    EmailNotices(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return Recipient.EMAIL;
    }

    @Override
    public boolean queue(String key, String address, Notice notice) {
        return outbox.enqueue(mail(key, address, notice));
    }

    @Override
    public Set<String> queueAll(List<Queued> notices) {
        return outbox.enqueueAll(notices.stream().map(n -> mail(n.key(), n.address(), n.notice())).toList());
    }

    private static OutgoingMail mail(String key, String address, Notice notice) {
        OutgoingMail mail = OutgoingMail.notice(key, address, notice.subject(), notice.text()).withHeaders(notice.headers())
                .withThread(notice.thread());
        if (notice.invite() != null) {
            mail = mail.withCalendar(new OutgoingMail.CalendarPart(notice.invite().method(), notice.invite().ics()));
        }
        return mail;
    }
}

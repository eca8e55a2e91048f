package se.foubot.knowledgegaps;

import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.foubot.forum.ForumService;
import se.foubot.forum.Registration;
import se.foubot.messaging.Recipient;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * What joins the inventory from elsewhere: a FoU-forum agenda proposal of kind "kunskapslucka" (when someone registers
 * with one while a round is open) and a support task an analyst adds. Keyed by the registration and the task, so
 * either joins once.
 */
@Component
public class OtherSources {

    private final KnowledgeGapService service;
    private final TaskService tasks;
    private final DistrictPeople people;

    OtherSources(KnowledgeGapService service, TaskService tasks, DistrictPeople people) {
        this.service = service;
        this.tasks = tasks;
        this.people = people;
    }

    @EventListener
    void on(ForumService.MeetingChanged change) {
        Registration r = change.registration();
        boolean registered = change.kind() == ForumService.MeetingChanged.Kind.REGISTERED
                || change.kind() == ForumService.MeetingChanged.Kind.WAITLISTED;
        if (!registered || r == null || r.proposal() == null || !"gap".equals(r.proposal().kind()) || r.proposal().text() == null) {
            return;
        }
        // a mail registration seldom names a district: a district contact's address, or what the bot knows of the person,
        // says whose it is, so the entry counts for its district (and the district is no longer silent)
        String district = r.district() != null ? r.district() : people.districtsOf(r.person()).stream().findFirst().orElse(null);
        service.add(null, "forum:" + r.id(), GapEntry.Source.FORUM, r.person(), new KnowledgeGapService.Answer(district, null,
                null, null, r.proposal().text(), null, null, null));
    }

    /** A support task an analyst marks as a knowledge gap; empty when there is no such task. */
    public Optional<KnowledgeGapService.Saved> addTask(String reference, String roundId) {
        Optional<SupportTask> task = tasks.find(reference);
        if (task.isEmpty()) {
            return Optional.empty();
        }
        SupportTask t = task.get();
        Recipient requester = t.requester() == null ? null : new Recipient(t.requester().channel(), t.requester().person());
        return Optional.of(service.add(roundId, "task:" + t.reference(), GapEntry.Source.TASK, requester, new KnowledgeGapService.Answer(
                t.request() == null ? null : t.request().district(), null, null, null, t.request() == null ? null : t.request().concern(),
                null, null, null)));
    }
}

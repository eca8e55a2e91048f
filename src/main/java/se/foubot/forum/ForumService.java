package se.foubot.forum;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import se.foubot.conversation.Language;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Texts;
import se.foubot.privacy.GuardedText;
import se.foubot.forum.Registration.AgendaProposal;
import se.foubot.forum.Registration.Status;
import se.foubot.privacy.LogText;
import se.foubot.tasks.TaskService;
import se.foubot.conversation.Dates;
import se.foubot.time.WorkingDays;

/**
 * FoU-forum meetings and registrations. Seats are taken and given back by single-document conditional updates
 * of the meeting's seat count, so however many people take the last seats at once, exactly {@code capacity}
 * get one; the rest wait in arrival order and the first of them is promoted when someone cancels. The meeting also
 * names the registrations that hold its seats ({@code seated}), in the same update as the count: a registration or
 * cancellation cut short by a crash, done again, then finishes what it began instead of taking or freeing a second
 * seat.
 */
@Service
public class ForumService implements se.foubot.store.StoreIndexes {

    private static final Logger log = LoggerFactory.getLogger(ForumService.class);
    /** The ids of the registrations holding a seat, beside the count {@code seats}. */
    private static final String SEATED = "seated";
    /** How often a seat is asked for again when the capacity changed under it (a coordinator saving the form at once). */
    private static final int SEAT_ATTEMPTS = 5;
    /** The waitlist's order, the same wherever it is read: who came first, and the id for the same instant. */
    private static final Sort QUEUE = Sort.by("registeredAt", "_id");
    private static final String FORM_KEY = "formKey";

    public sealed interface PlanResult permits Saved, Refused {
    }

    /**
     * @param again   the same form's submission came again (replayed, or to a second replica): saved before, not now
     * @param changed for a changed meeting, what the change changed ({@link #CHANGEABLE}'s names, in that order): empty
     *                when the form was saved as it was, and then nothing was written and nobody is told (helper 122)
     * @param before  for a changed meeting, the meeting as it was before (what a change is told from); else null
     */
    public record Saved(Meeting meeting, boolean again, Set<String> changed, Meeting before) implements PlanResult {

        public Saved(Meeting meeting) {
            this(meeting, false, Set.of(), null);
        }

        public Saved(Meeting meeting, boolean again) {
            this(meeting, again, Set.of(), null);
        }

        /** Whether the change changed something the calendar invite shows, so those registered got an updated one. */
        public boolean inviteChanged() {
            return changed.stream().anyMatch(IN_THE_INVITE::contains);
        }
    }

    /**
     * Whether registration for {@code after} closes at another moment than for {@code before} (null: not a change): a
     * last day on the meeting's own day closes at its start, so moving the meeting moves it too.
     */
    static boolean closesElsewhere(Meeting before, Meeting after) {
        return before != null && !before.registrationDeadline().equals(after.registrationDeadline());
    }

    /** What a change of a meeting can change, in the order it is told: the names of {@code forum.changed.*}. */
    public static final List<String> CHANGEABLE = List.of("title", "date", "time", "place", "video", "description", "agenda",
            "capacity", "deadline");
    /**
     * What the calendar invite carries (SUMMARY, DTSTART/DTEND, LOCATION, URL, DESCRIPTION with the agenda): a change of
     * one of them is an updated invite with a higher SEQUENCE; the number of seats and the last day to register are not
     * in the invite, so a change of only those sends nobody anything.
     */
    public static final Set<String> IN_THE_INVITE = Set.of("title", "date", "time", "place", "video", "description", "agenda");

    /** The plan is refused: each reason under the plan's field it belongs to (see {@link #check}). */
    public record Refused(Map<String, String> byField) implements PlanResult {

        public List<String> reasons() {
            return List.copyOf(byField.values());
        }
    }

    public sealed interface RegisterResult permits Seated, Waitlisted, AlreadyRegistered, RegistrationClosed, MeetingCancelled,
            NoSuchMeeting {
    }

    public record Seated(Meeting meeting, Registration registration) implements RegisterResult {
    }

    public record Waitlisted(Meeting meeting, Registration registration, int position) implements RegisterResult {
    }

    /**
     * Registered (or waiting) before. {@code proposalTaken}: the agenda proposal that came with this registration was
     * kept on it, in place of {@code replaced} (null when there was none, or it was the same).
     */
    public record AlreadyRegistered(Meeting meeting, Registration registration, Registration.AgendaProposal replaced,
            boolean proposalTaken) implements RegisterResult {

        public AlreadyRegistered(Meeting meeting, Registration registration) {
            this(meeting, registration, null, false);
        }
    }

    public record RegistrationClosed(Meeting meeting) implements RegisterResult {
    }

    /** The meeting was cancelled (an old button, or its id in a mail): said so, not that it is missing or closed. */
    public record MeetingCancelled(Meeting meeting) implements RegisterResult {
    }

    public record NoSuchMeeting() implements RegisterResult {
    }

    /** A cancelled registration, and who got the freed seat (if anyone). */
    public record Unregistered(Meeting meeting, Registration registration, Optional<Registration> promoted) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final ZoneId zone;
    private final WorkingDays workingDays;
    private final ApplicationEventPublisher events;
    private final TaskService tasks;
    private final Texts texts;
    private final ForumTexts forumTexts;

    ForumService(MongoTemplate mongo, Clock clock, ZoneId zone, WorkingDays workingDays, ApplicationEventPublisher events,
            TaskService tasks, Texts texts, ForumTexts forumTexts) {
        this.tasks = tasks;
        this.texts = texts;
        this.forumTexts = forumTexts;
        this.mongo = mongo;
        this.clock = clock;
        this.zone = zone;
        this.workingDays = workingDays;
        this.events = events;
    }

    /** Something about a meeting changed that its people must hear of; {@link ForumNotices} tells them. */
    /**
     * @param changed for {@link Kind#UPDATED}, what the change changed (names of {@link #CHANGEABLE})
     * @param before  for {@link Kind#UPDATED}, the meeting as it was before the change; else null
     */
    public record MeetingChanged(Meeting meeting, Kind kind, Registration registration, Set<String> changed, Meeting before) {

        public MeetingChanged(Meeting meeting, Kind kind, Registration registration) {
            this(meeting, kind, registration, Set.of(), null);
        }

        public enum Kind {
            CREATED, UPDATED, CANCELLED, REGISTERED, WAITLISTED, UNREGISTERED, PROMOTED,
            /** Cancelled by declining the invite in a calendar: unlike UNREGISTERED, no answer told the person. */
            DECLINED
        }
    }

    /** One meeting per form submission, whichever replica saves it. */
    @Override
    public void ensure(MongoTemplate m) {
        m.indexOps(Meeting.COLLECTION).createIndex(new Index(FORM_KEY, Sort.Direction.ASC).unique().sparse().named("formKey_unique"));
    }

    public PlanResult create(MeetingPlan plan, Recipient coordinator) {
        return create(plan, coordinator, null);
    }

    /**
     * @param formKey the once-only key of the form submission (Slack's view id), or null: the same key again is the
     *                same meeting, answered as saved ({@link Saved#again()}), never as a clash with itself
     */
    public PlanResult create(MeetingPlan plan, Recipient coordinator, String formKey) {
        Optional<Meeting> before = plannedBy(formKey);
        if (before.isPresent()) {
            return new Saved(before.get(), true);
        }
        Map<String, String> reasons = check(plan, null, formKey);
        if (!reasons.isEmpty()) {
            return new Refused(reasons);
        }
        Instant now = clock.instant();
        String base = "forum-" + plan.date();
        for (int n = 1; ; n++) {
            Meeting m = new Meeting(n == 1 ? base : base + "-" + n, oneLine(plan.title()), start(plan), end(plan), oneLine(plan.place()),
                    blankToNull(plan.videoLink().textOr("")), plan.capacity(), deadline(plan), blankToNull(plan.description().textOr("")),
                    blankToNull(plan.agenda().textOr("")), false, 0, 0, coordinator, now, now, formKey);
            try {
                mongo.insert(m);
                log.info("event=forum_meeting_created meeting={}", m.id());
                events.publishEvent(new MeetingChanged(m, MeetingChanged.Kind.CREATED, null));
                return new Saved(m);
            } catch (DuplicateKeyException taken) {
                // the same form saved at this moment elsewhere (the unique form key decided), or another meeting that day
                before = plannedBy(formKey);
                if (before.isPresent()) {
                    return new Saved(before.get(), true);
                }
            }
        }
    }

    private Optional<Meeting> plannedBy(String formKey) {
        return formKey == null ? Optional.empty()
                : Optional.ofNullable(mongo.findOne(Query.query(Criteria.where(FORM_KEY).is(formKey)), Meeting.class));
    }

    /**
     * Someone registered before, who sends a proposal for the agenda now (the form's button again, "anmäl …⏎Fråga: …"):
     * the proposal is kept on their registration in place of the one it held, while the meeting takes registrations
     * (helper 128: dropped, and answered "inget mer behövs").
     */
    private AlreadyRegistered withProposal(Meeting m, Registration registration, Registration.AgendaProposal proposal) {
        if (proposal == null || proposal.text() == null || proposal.text().isBlank() || !m.open(clock.instant())) {
            return new AlreadyRegistered(m, registration);
        }
        Registration.AgendaProposal before = registration.proposal();
        Registration now = mongo.findAndModify(Query.query(Criteria.where("_id").is(registration.id()).and("status").ne(Status.CANCELLED)),
                new Update().set("proposal", proposal).set("updatedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(true), Registration.class);
        if (now == null) {
            return new AlreadyRegistered(m, registration);
        }
        log.info("event=forum_proposal_changed meeting={} registration={}", m.id(), LogText.clean(registration.id()));
        return new AlreadyRegistered(m, now, proposal.equals(before) ? null : before, true);
    }

    /**
     * A title or place is one line (Slack's field has no line breaks; a forged form may): a break becomes a space, so a
     * calendar's subject and a list's line stay whole (helper 122: the invite's subject broke in two).
     */
    private static String oneLine(se.foubot.privacy.GuardedText text) {
        return text.textOr("").replaceAll("[\\s\\u2028\\u2029]*[\\r\\n\\u000B\\f\\u0085\\u2028\\u2029]+[\\s\\u2028\\u2029]*", " ").strip();
    }

    public PlanResult edit(String id, MeetingPlan plan) {
        Optional<Meeting> before = find(id);
        if (before.isEmpty() || before.get().cancelled()) {
            return new Refused(Map.of("title", text("forum.plan.no-such-meeting", "id", id)));
        }
        Map<String, String> reasons = check(plan, id);
        if (plan.capacity() != null && plan.capacity() < before.get().seats()) {
            add(reasons, "capacity", text("forum.plan.capacity-below-registered", "seats", Texts.count(before.get().seats(), Language.SV)));
        }
        if (!reasons.isEmpty()) {
            return new Refused(reasons);
        }
        Set<String> changed = changes(before.get(), plan);
        if (changed.isEmpty()) {
            // helper 122: the form saved as it was told every registrant of a change and sent an updated invite
            log.info("event=forum_meeting_unchanged meeting={}", id);
            return new Saved(before.get(), false, changed, null);
        }
        boolean inviteChanged = changed.stream().anyMatch(IN_THE_INVITE::contains);
        Update update = new Update().set("title", oneLine(plan.title())).set("start", start(plan)).set("end", end(plan))
                .set("place", oneLine(plan.place())).set("videoLink", blankToNull(plan.videoLink().textOr("")))
                .set("capacity", plan.capacity()).set("registrationDeadline", deadline(plan))
                .set("description", blankToNull(plan.description().textOr(""))).set("agenda", blankToNull(plan.agenda().textOr("")))
                .set("updatedAt", clock.instant());
        if (inviteChanged) {
            // SEQUENCE is raised only for a change the invite shows, so an updated invite always has something new
            update.inc("sequence", 1);
        }
        Criteria saving = Criteria.where("_id").is(id).and("cancelled").is(false);
        if (plan.capacity() != null) {
            // fewer seats only over the seats taken at the moment of the write: a registration taking a seat between the
            // check above and this write must not end up over the new capacity (helper 122: 3 registered, capacity 2)
            saving = saving.and("seats").lte(plan.capacity());
        }
        Meeting m = mongo.findAndModify(Query.query(saving), update,
                FindAndModifyOptions.options().returnNew(true), Meeting.class);
        if (m == null) {
            Optional<Meeting> now = find(id).filter(x -> !x.cancelled());
            return now.isPresent() && plan.capacity() != null && plan.capacity() < now.get().seats()
                    ? new Refused(Map.of("capacity", text("forum.plan.capacity-below-registered", "seats",
                            Texts.count(now.get().seats(), Language.SV))))
                    : new Refused(Map.of("title", text("forum.plan.no-such-meeting", "id", id)));
        }
        log.info("event=forum_meeting_updated meeting={} sequence={} changed={}", id, m.sequence(), String.join(",", changed));
        if (inviteChanged) {
            events.publishEvent(new MeetingChanged(m, MeetingChanged.Kind.UPDATED, null, changed, before.get()));
        }
        // more seats than before: the waitlist moves up
        while (promoteFirst(m.id()).isPresent()) {
            // each promoted person is told by the event
        }
        return new Saved(m, false, changed, before.get());
    }

    /** What {@code plan} changes of {@code m}, by the names of {@link #CHANGEABLE} in that order. */
    private Set<String> changes(Meeting m, MeetingPlan plan) {
        Set<String> changed = new LinkedHashSet<>();
        var start = m.start().atZone(zone);
        if (!m.title().equals(oneLine(plan.title()))) {
            changed.add("title");
        }
        if (!start.toLocalDate().equals(plan.date())) {
            changed.add("date");
        }
        if (!start.toLocalTime().equals(plan.start()) || !m.end().atZone(zone).toLocalTime().equals(plan.end())) {
            changed.add("time");
        }
        if (!m.place().equals(oneLine(plan.place()))) {
            changed.add("place");
        }
        if (!java.util.Objects.equals(m.videoLink(), blankToNull(plan.videoLink().textOr("")))) {
            changed.add("video");
        }
        if (!java.util.Objects.equals(m.description(), blankToNull(plan.description().textOr("")))) {
            changed.add("description");
        }
        if (!java.util.Objects.equals(m.agenda(), blankToNull(plan.agenda().textOr("")))) {
            changed.add("agenda");
        }
        if (m.capacity() != plan.capacity()) {
            changed.add("capacity");
        }
        // the day as the form shows it (registration closes at its end, or at the start when that is the same day)
        if (!m.registrationDeadline().minusSeconds(1).atZone(zone).toLocalDate().equals(plan.registrationDeadline())) {
            changed.add("deadline");
        }
        return changed;
    }

    public Optional<Meeting> cancel(String id) {
        Meeting m = mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("cancelled").is(false)),
                new Update().set("cancelled", true).inc("sequence", 1).set("updatedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(true), Meeting.class);
        if (m != null) {
            log.info("event=forum_meeting_cancelled meeting={}", id);
            events.publishEvent(new MeetingChanged(m, MeetingChanged.Kind.CANCELLED, null));
            return Optional.of(m);
        }
        Meeting already = find(id).filter(Meeting::cancelled).orElse(null);
        if (already != null) {
            // cancelled before: a click done again after a kill between the cancelling and its notices (helper 104:
            // nobody was told), or clicked twice. The notices go again; each is sent once by its key, so only those
            // the first did not reach get one
            events.publishEvent(new MeetingChanged(already, MeetingChanged.Kind.CANCELLED, null));
        }
        return Optional.empty();
    }

    public Optional<Meeting> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Meeting.class));
    }

    /** Meetings that have not started, soonest first. */
    /** Whether {@code meeting} takes registrations now (not cancelled, before its last day to register). */
    public boolean takesRegistrations(Meeting meeting) {
        return meeting.open(clock.instant());
    }

    public List<Meeting> upcoming() {
        return readable(Query.query(Criteria.where("cancelled").is(false).and("start").gt(clock.instant())).with(Sort.by("start")));
    }

    public List<Meeting> all() {
        return readable(new Query().with(Sort.by("start")));
    }

    /**
     * The meetings {@code query} finds, each read on its own: one changed by hand so that it cannot be read (an end
     * written as "15:00") is left out and logged, instead of failing every list, reminder and the start (helper 111).
     */
    private List<Meeting> readable(Query query) {
        return se.foubot.store.ReadableDocuments.find(mongo, query, Meeting.class, Meeting.COLLECTION, "forum_meeting_unreadable");
    }

    /** A registration whose person's language is not known: what they are told later comes in Swedish and English. */
    public RegisterResult register(String meetingId, Recipient person, String email, String district, AgendaProposal proposal) {
        return register(meetingId, person, email, district, proposal, null);
    }

    /**
     * @param language the person's language, kept on the registration so that what they are told later (invites,
     *                 reminders, a seat from the waitlist) is in it; null when not known
     */
    public RegisterResult register(String meetingId, Recipient person, String email, String district, AgendaProposal proposal,
            Language language) {
        Meeting m = find(meetingId).orElse(null);
        if (m == null) {
            return new NoSuchMeeting();
        }
        if (m.cancelled()) {
            // helper 122: an old button for a cancelled meeting said there was no such meeting
            return new MeetingCancelled(m);
        }
        Instant now = clock.instant();
        String id = Registration.id(meetingId, person);
        Registration existing = mongo.findById(id, Registration.class);
        Registration sameAddress = (existing == null || existing.status() == Status.CANCELLED) ? byInviteAddress(meetingId, person) : null;
        if (sameAddress != null) {
            // helper 104: "anmäl" by mail from the address a Slack registration's invites go to took a second seat
            return new AlreadyRegistered(m, sameAddress);
        }
        if (existing != null && existing.status() == Status.WAITLISTED) {
            // done again after a crash between taking a seat and recording it, or between waiting and a seat freeing
            promoteWhileSeatsFree(meetingId);
            Registration now3 = mongo.findById(id, Registration.class);
            if (now3 != null && now3.status() == Status.REGISTERED) {
                return new Seated(find(meetingId).orElse(m), now3);
            }
            return withProposal(m, now3 != null ? now3 : existing, proposal);
        }
        if (existing != null && existing.status() != Status.CANCELLED) {
            return withProposal(m, existing, proposal);
        }
        if (!m.open(now)) {
            return new RegistrationClosed(m);
        }
        // the registration is written first (unique id: two clicks are one registration), then a seat is sought
        Registration pending = new Registration(id, meetingId, person, email == null ? null : email.toLowerCase(),
                district != null ? district : districtOf(person),
                Status.WAITLISTED, proposal, now, now, null, language, 0);
        if (existing == null) {
            try {
                mongo.insert(pending);
            } catch (DuplicateKeyException racedWithItself) {
                return new AlreadyRegistered(m, mongo.findById(id, Registration.class));
            }
        } else {
            // a comeback after cancelling: to the back of the queue
            Registration back = mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("status").is(Status.CANCELLED)),
                    new Update().set("status", Status.WAITLISTED).set("registeredAt", now).set("updatedAt", now)
                            .set("proposal", proposal).set("email", pending.email()).set("language", language)
                            .inc("ownChanges", 1),
                    FindAndModifyOptions.options().returnNew(true), Registration.class);
            if (back == null) {
                return new AlreadyRegistered(m, mongo.findById(id, Registration.class));
            }
        }
        if (takeSeat(m, id)) {
            Registration seated = setStatus(id, Status.WAITLISTED, Status.REGISTERED);
            Meeting now2 = find(meetingId).orElse(m);
            if (seated == null) {
                // a promotion running at the same moment seated it first (and told the person), or it was cancelled
                return new AlreadyRegistered(now2, settleSeat(meetingId, id));
            }
            log.info("event=forum_registered meeting={} registration={}", meetingId, LogText.clean(id));
            events.publishEvent(new MeetingChanged(now2, MeetingChanged.Kind.REGISTERED, seated));
            return new Seated(now2, seated);
        }
        Registration waiting = mongo.findById(id, Registration.class);
        // those before in the queue's order: time, then id for the same instant (helper 122: two waiting since the same
        // millisecond were both told "nummer 32", and nobody 31)
        int position = (int) mongo.count(Query.query(Criteria.where("meetingId").is(meetingId).and("status").is(Status.WAITLISTED)
                .orOperator(Criteria.where("registeredAt").lt(waiting.registeredAt()),
                        Criteria.where("registeredAt").is(waiting.registeredAt()).and("_id").lte(waiting.id()))), Registration.class);
        log.info("event=forum_waitlisted meeting={} registration={} position={}", meetingId, LogText.clean(id), position);
        events.publishEvent(new MeetingChanged(m, MeetingChanged.Kind.WAITLISTED, waiting));
        return new Waitlisted(m, waiting, position);
    }

    /**
     * For a person writing by mail: the registration of another channel (Slack) whose invites go to their address and
     * that still stands, so that their mail answers it as the invite tells them to; null for anyone else.
     */
    private Registration byInviteAddress(String meetingId, Recipient person) {
        if (!person.isEmail()) {
            return null;
        }
        return mongo.findOne(Query.query(Criteria.where("meetingId").is(meetingId).and("email").is(person.address().toLowerCase())
                .and("status").ne(Status.CANCELLED).and("_id").ne(Registration.id(meetingId, person))), Registration.class);
    }

    /** The district of the person's latest support request, for the yearly attendance per district; null when none. */
    private String districtOf(Recipient person) {
        return tasks.byRequester(person.channel(), person.address()).stream().map(t -> t.request().district())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** @return empty when the person had no registration to cancel */
    public Optional<Unregistered> unregister(String meetingId, Recipient person) {
        return unregister(meetingId, person, MeetingChanged.Kind.UNREGISTERED);
    }

    private Optional<Unregistered> unregister(String meetingId, Recipient person, MeetingChanged.Kind kind) {
        String own = Registration.id(meetingId, person);
        Registration mine = mongo.findById(own, Registration.class);
        Registration sameAddress = mine == null || mine.status() == Status.CANCELLED ? byInviteAddress(meetingId, person) : null;
        // helper 104: "avanmäl ID" by mail, as the invite says, from a Slack person's invite address was "not registered"
        String id = sameAddress != null ? sameAddress.id() : own;
        Registration before = mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("status").ne(Status.CANCELLED)),
                new Update().set("status", Status.CANCELLED).set("updatedAt", clock.instant()).inc("ownChanges", 1),
                Registration.class);
        boolean released = releaseSeat(meetingId, id);
        if (before == null && !released) {
            Registration earlier = mongo.findById(id, Registration.class);
            if (earlier == null || earlier.status() != Status.CANCELLED) {
                return Optional.empty();
            }
            // cancelled before: a click done again after a kill (helper 104: it answered "you were not registered"), or
            // clicked twice; a seat the kill left free goes to the first waiting
            promoteWhileSeatsFree(meetingId);
            return Optional.of(new Unregistered(find(meetingId).orElseThrow(), earlier, Optional.empty()));
        }
        if (!released && before.status() == Status.REGISTERED) {
            // a seat taken before the meeting named its holders
            mongo.updateFirst(Query.query(Criteria.where("_id").is(meetingId).and("seats").gt(0)), new Update().inc("seats", -1),
                    Meeting.class);
            released = true;
        }
        Registration cancelled = mongo.findById(id, Registration.class);
        Optional<Registration> promoted = released ? promoteFirst(meetingId) : Optional.empty();
        Meeting m = find(meetingId).orElseThrow();
        log.info("event=forum_unregistered meeting={} registration={} promoted={}", meetingId, LogText.clean(id),
                LogText.clean(promoted.map(Registration::id).orElse(null)));
        if (released) {
            events.publishEvent(new MeetingChanged(m, kind, cancelled));
        }
        return Optional.of(new Unregistered(m, cancelled, promoted));
    }

    /**
     * Records an attendee's answer to the invite (ACCEPTED, TENTATIVE) on their registration, found by the address
     * the invite went to. @return false when that address has no registration for the meeting
     */
    public boolean recordCalendarAnswer(String meetingId, String email, String partstat) {
        return mongo.updateFirst(invitedAt(meetingId, email), new Update().set("calendarAnswer", partstat)
                .set("updatedAt", clock.instant()), Registration.class).getModifiedCount() > 0;
    }

    /**
     * The attendee declined the invite in their calendar: the registration is cancelled as if they had cancelled it
     * themselves (they are told, and the first on the waitlist gets the seat). @return false when there was none
     */
    public boolean declinedInCalendar(String meetingId, String email) {
        Registration r = mongo.findAndModify(invitedAt(meetingId, email), new Update().set("calendarAnswer", "DECLINED"),
                Registration.class);
        return r != null && unregister(meetingId, r.person(), MeetingChanged.Kind.DECLINED).isPresent();
    }

    private static Query invitedAt(String meetingId, String email) {
        return Query.query(Criteria.where("meetingId").is(meetingId).and("email").is(email.toLowerCase())
                .and("status").ne(Status.CANCELLED));
    }

    /** Promotes from the waitlist while seats are free (normally none is; after a crash one may be). */
    private void promoteWhileSeatsFree(String meetingId) {
        while (promoteFirst(meetingId).isPresent()) {
            // each round seats one more
        }
    }

    /** Gives a free seat to the first on the waitlist. */
    private Optional<Registration> promoteFirst(String meetingId) {
        Meeting m = find(meetingId).orElse(null);
        if (m == null || m.cancelled() || !clock.instant().isBefore(m.start())) {
            return Optional.empty();
        }
        while (true) {
            Registration first = mongo.findOne(Query.query(Criteria.where("meetingId").is(meetingId).and("status").is(Status.WAITLISTED))
                    .with(QUEUE).limit(1), Registration.class);
            if (first == null || !takeSeat(m, first.id())) {
                return Optional.empty();
            }
            Registration promoted = setStatus(first.id(), Status.WAITLISTED, Status.REGISTERED);
            if (promoted != null) {
                log.info("event=forum_promoted meeting={} registration={}", meetingId, LogText.clean(promoted.id()));
                events.publishEvent(new MeetingChanged(find(meetingId).orElse(m), MeetingChanged.Kind.PROMOTED, promoted));
                return Optional.of(promoted);
            }
            // their own registration, or another promotion, seated them first, or they cancelled: settle and look again
            settleSeat(meetingId, first.id());
        }
    }

    /**
     * One conditional update: takes a seat for {@code registrationId} only while one is free; true as well when it
     * holds one already (the same registration done again, or one being done at this moment). A seat belongs to the
     * registration, not to whoever took it: whoever records the registration as registered uses it.
     */
    private boolean takeSeat(Meeting m, String registrationId) {
        for (int attempt = 0; attempt < SEAT_ATTEMPTS; attempt++) {
            Meeting current = find(m.id()).orElse(m);
            // the capacity read is part of the condition: a coordinator lowering it between the read and this write makes
            // the write miss, and the seat is asked for again under the new capacity (helper 122: one over capacity)
            boolean taken = mongo.updateFirst(Query.query(Criteria.where("_id").is(m.id()).and("cancelled").is(false)
                    .and("capacity").is(current.capacity()).and("seats").lt(current.capacity()).and(SEATED).ne(registrationId)),
                    new Update().inc("seats", 1).addToSet(SEATED, registrationId), Meeting.class).getModifiedCount() == 1;
            if (taken || mongo.exists(Query.query(Criteria.where("_id").is(m.id()).and(SEATED).is(registrationId)), Meeting.class)) {
                return true;
            }
            if (find(m.id()).filter(now -> now.capacity() == current.capacity()).isPresent()) {
                return false; // full at the capacity it has: a place on the waitlist
            }
        }
        return false;
    }

    /**
     * After a seat was taken for a registration that another hand changed meanwhile: a registered one keeps its seat, a
     * cancelled one gives it back (once, whoever gets there). @return the registration as it is now
     */
    private Registration settleSeat(String meetingId, String registrationId) {
        Registration now = mongo.findById(registrationId, Registration.class);
        if (now == null || now.status() == Status.CANCELLED) {
            releaseSeat(meetingId, registrationId);
        }
        return now;
    }

    /** Gives back the seat {@code registrationId} holds; false when it holds none (any more). */
    private boolean releaseSeat(String meetingId, String registrationId) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(meetingId).and(SEATED).is(registrationId)),
                new Update().inc("seats", -1).pull(SEATED, registrationId), Meeting.class).getModifiedCount() == 1;
    }

    private Registration setStatus(String id, Status from, Status to) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("status").is(from)),
                new Update().set("status", to).set("updatedAt", clock.instant()), FindAndModifyOptions.options().returnNew(true),
                Registration.class);
    }

    public List<Registration> registrations(String meetingId, Status status) {
        return mongo.find(Query.query(Criteria.where("meetingId").is(meetingId).and("status").is(status)).with(QUEUE),
                Registration.class);
    }

    public List<Registration> allRegistrations() {
        return mongo.findAll(Registration.class);
    }

    public Optional<Registration> registration(String meetingId, Recipient person) {
        return Optional.ofNullable(mongo.findById(Registration.id(meetingId, person), Registration.class));
    }

    /**
     * The reasons a plan cannot be saved, each under the field it belongs to (the plan's field names: title, date,
     * start, end, place, video, capacity, deadline), so a form shows it there; empty when it can be saved.
     */
    Map<String, String> check(MeetingPlan p, String editing) {
        return check(p, editing, null);
    }

    /**
     * As {@link #check(MeetingPlan, String)} for a plan whose missing or unreadable fields are null: every field is
     * checked at once (each check that needs a missing field is left out), so a form shows every reason in one round.
     */
    public Map<String, String> problems(MeetingPlan p, String editing) {
        return check(p, editing, null);
    }

    /** @param formKey the submission's once-only key: a meeting saved by the same submission is no clash */
    private Map<String, String> check(MeetingPlan p, String editing, String formKey) {
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("title", p.title() == null || blank(p.title().textOr("")) ? null : p.title());
        given.put("date", p.date());
        given.put("start", p.start());
        given.put("end", p.end());
        given.put("place", p.place() == null || blank(p.place().textOr("")) ? null : p.place());
        given.put("capacity", p.capacity());
        given.put("deadline", p.registrationDeadline());
        given.forEach((field, value) -> {
            if (value == null) {
                reasons.put(field, text("forum.plan.required"));
            }
        });
        boolean timed = p.date() != null && p.start() != null && p.end() != null;
        if (timed && !p.end().isAfter(p.start())) {
            add(reasons, "end", text("forum.plan.end-before-start", "time", Dates.time(p.date().atTime(p.start()).atZone(zone), Language.SV)));
        }
        if (p.capacity() != null && (p.capacity() < 1 || p.capacity() > MeetingPlan.MAX_CAPACITY)) {
            add(reasons, "capacity", text("forum.plan.capacity", "max", Texts.count(MeetingPlan.MAX_CAPACITY, Language.SV)));
        }
        if (p.videoLink() != null && !blank(p.videoLink().textOr("")) && !MeetingPlan.isHttpsLink(p.videoLink().textOr("").strip())) {
            add(reasons, "video", text("forum.plan.link"));
        }
        for (String field : List.of("title", "place")) {
            GuardedText value = field.equals("title") ? p.title() : p.place();
            if (value != null && value.textOr("").strip().length() > MeetingPlan.MAX_LINE) {
                add(reasons, field, text("forum.plan.too-long", "max", Texts.count(MeetingPlan.MAX_LINE, Language.SV)));
            }
        }
        if (p.date() != null && workingDays.isPublicHoliday(p.date())) {
            add(reasons, "date", text("forum.plan.holiday", "date", capitalised(day(p.date()))));
        } else if (p.date() != null && !workingDays.isWorkingDay(p.date())) {
            // helper 101: a Saturday was accepted, and the invitations went out for a day the unit's rooms are closed
            add(reasons, "date", text("forum.plan.weekend", "date", capitalised(day(p.date()))));
        }
        if (p.date() != null && p.date().isBefore(LocalDate.ofInstant(clock.instant(), zone))) {
            add(reasons, "date", text("forum.plan.date-passed", "date", capitalised(day(p.date()))));
        } else if (timed && p.date().equals(LocalDate.ofInstant(clock.instant(), zone)) && !start(p).isAfter(clock.instant())) {
            // helper 122: a meeting at 13.00 planned (or moved there) at 21.41 the same day was announced with free seats
            add(reasons, "start", text("forum.plan.start-passed", "time", Dates.time(p.date().atTime(p.start()).atZone(zone), Language.SV)));
        }
        // a new meeting only: one planned before keeps the deadline it had when it is changed after that day
        if ((editing == null || editing.isBlank()) && p.registrationDeadline() != null
                && p.registrationDeadline().isBefore(LocalDate.ofInstant(clock.instant(), zone))) {
            // helper 102: a new meeting whose registration had closed before it was planned was announced with free seats
            add(reasons, "deadline", text("forum.plan.deadline-passed", "deadline", day(p.registrationDeadline())));
        }
        if (p.date() != null && p.registrationDeadline() != null && p.registrationDeadline().isAfter(p.date())) {
            add(reasons, "deadline", text("forum.plan.deadline-after-meeting", "deadline", day(p.registrationDeadline()),
                    "date", day(p.date())));
        }
        if (timed && p.end().isAfter(p.start()) && given.get("place") != null && !reasons.containsKey("place")) {
            Instant start = start(p);
            Instant end = end(p);
            String room = normalizePlace(p.place().textOr(""));
            for (Meeting other : mongo.find(Query.query(Criteria.where("cancelled").is(false).and("start").lt(end).and("end").gt(start)),
                    Meeting.class)) {
                boolean itself = other.id().equals(editing) || (formKey != null && formKey.equals(other.formKey()));
                if (!itself && normalizePlace(other.place()).equals(room)) {
                    add(reasons, "place", text("forum.plan.room-taken", "place", other.place(), "title",
                            forumTexts.quoted(other.title(), Language.SV), "id", other.id()));
                }
            }
        }
        return reasons;
    }

    private static void add(Map<String, String> reasons, String field, String reason) {
        reasons.merge(field, reason, (a, b) -> a + " " + b);
    }

    /** The coordinators plan in Swedish. */
    private String text(String key, Object... namesAndValues) {
        return texts.get(Language.SV, key, namesAndValues);
    }

    private static String day(LocalDate date) {
        return ForumTexts.day(date);
    }

    private Instant start(MeetingPlan p) {
        return p.date().atTime(p.start()).atZone(zone).toInstant();
    }

    private Instant end(MeetingPlan p) {
        return p.date().atTime(p.end()).atZone(zone).toInstant();
    }

    /** Registration closes at the end of the deadline day. */
    private Instant deadline(MeetingPlan p) {
        Instant endOfDay = p.registrationDeadline().plusDays(1).atStartOfDay(zone).toInstant();
        Instant start = start(p);
        return endOfDay.isAfter(start) ? start : endOfDay;
    }

    private static String normalizePlace(String place) {
        return se.foubot.conversation.TextNormalizer.normalize(place);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

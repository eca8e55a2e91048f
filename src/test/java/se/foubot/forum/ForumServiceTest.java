package se.foubot.forum;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.forum.Registration.Status;
import se.foubot.messaging.Recipient;
import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;

/**
 * FoU-forum seats on the real embedded store: a full meeting puts people on its waitlist in the order they came, a
 * cancellation gives the seat to the first of them, a second click is the same registration, and a meeting past its
 * last day to register takes no one.
 */
@FouBotTest
class ForumServiceTest {

    @Autowired
    ForumService forum;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MutableClock clock;

    private String meeting(String id, int capacity, Duration deadlineFromNow) {
        Instant start = clock.instant().plus(Duration.ofDays(30));
        mongo.insert(new Meeting(id, "FoU-forum: uppföljning i praktiken", start, start.plus(Duration.ofHours(3)), "Ekensberg",
                null, capacity, clock.instant().plus(deadlineFromNow), null, null, false, 0, 0, null, clock.instant(),
                clock.instant()));
        return id;
    }

    @Test
    void aFullMeetingWaitlistsInOrderAndACancellationSeatsTheFirstWaiting() {
        String id = meeting("forum-test-waitlist-" + System.nanoTime(), 1, Duration.ofDays(20));
        Recipient anna = Recipient.slack("UANNAFORUM");
        Recipient bo = Recipient.email("bo.lind@farsta.stockholm.se");
        Recipient cecilia = Recipient.slack("UCECILIAFORUM");

        assertThat(forum.register(id, anna, "anna.berg@farsta.stockholm.se", "farsta", null))
                .isInstanceOf(ForumService.Seated.class);
        assertThat(forum.register(id, bo, "bo.lind@farsta.stockholm.se", "farsta", null))
                .isInstanceOfSatisfying(ForumService.Waitlisted.class, w -> assertThat(w.position()).isEqualTo(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(forum.register(id, cecilia, "cecilia.ek@skarpnack.stockholm.se", "skarpnack", null))
                .isInstanceOfSatisfying(ForumService.Waitlisted.class, w -> assertThat(w.position()).isEqualTo(2));

        ForumService.Unregistered cancelled = forum.unregister(id, anna).orElseThrow();

        assertThat(cancelled.promoted()).map(Registration::person).contains(bo);
        assertThat(forum.registration(id, bo)).map(Registration::status).contains(Status.REGISTERED);
        assertThat(forum.registration(id, cecilia)).map(Registration::status).contains(Status.WAITLISTED);
        assertThat(forum.find(id).orElseThrow().seats()).isEqualTo(1);
    }

    /** Helper 111: one meeting changed by hand ("end": "15:00") failed every list of meetings, and the start. */
    @Test
    void aMeetingThatCannotBeReadIsLeftOutAndTheOthersListed() {
        String good = meeting("forum-test-readable-" + System.nanoTime(), 10, Duration.ofDays(20));
        String bad = "forum-test-broken-" + System.nanoTime();
        mongo.getCollection(Meeting.COLLECTION).insertOne(new org.bson.Document("_id", bad).append("title", "Trasigt")
                .append("start", java.util.Date.from(clock.instant().plus(Duration.ofDays(31)))).append("end", "15:00")
                .append("cancelled", false));

        assertThat(forum.upcoming()).extracting(Meeting::id).contains(good).doesNotContain(bad);
        assertThat(forum.all()).extracting(Meeting::id).contains(good).doesNotContain(bad);
        mongo.getCollection(Meeting.COLLECTION).deleteOne(new org.bson.Document("_id", bad));
    }

    @Test
    void aSecondClickIsTheSameRegistration() {
        String id = meeting("forum-test-twice-" + System.nanoTime(), 10, Duration.ofDays(20));
        Recipient dan = Recipient.slack("UDANFORUM");

        forum.register(id, dan, "dan.ek@bromma.stockholm.se", "bromma", null);

        assertThat(forum.register(id, dan, "dan.ek@bromma.stockholm.se", "bromma", null))
                .isInstanceOf(ForumService.AlreadyRegistered.class);
        assertThat(forum.registrations(id, Status.REGISTERED)).hasSize(1);
        assertThat(forum.find(id).orElseThrow().seats()).isEqualTo(1);
    }

    @Test
    void aMeetingPastItsLastDayToRegisterTakesNoOne() {
        String id = meeting("forum-test-closed-" + System.nanoTime(), 10, Duration.ofDays(-1));

        assertThat(forum.register(id, Recipient.slack("ULATEFORUM"), "sen@farsta.stockholm.se", "farsta", null))
                .isInstanceOf(ForumService.RegistrationClosed.class);
        assertThat(forum.registrations(id, Status.REGISTERED)).isEmpty();
    }

    @Test
    void noMeetingNoRegistration() {
        assertThat(forum.register("forum-1999-01-01", Recipient.slack("UNOFORUM"), null, null, null))
                .isInstanceOf(ForumService.NoSuchMeeting.class);
    }
}

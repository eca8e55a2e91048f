package se.foubot.forum;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import se.foubot.messaging.Recipient;
import se.foubot.forum.Registration.Status;
import se.foubot.support.FouBotTest;

/**
 * A registration or cancellation that a crash cut short is done again (Slack work is replayed after a restart):
 * it finishes what it began, and the seat count stays equal to the people registered.
 */
@FouBotTest
class ForumSeatsAfterACrashTest {

    @Autowired
    ForumService forum;

    @Autowired
    MongoTemplate mongo;

    private final String meetingId = "forum-2030-05-14";

    @BeforeEach
    void meeting() {
        mongo.remove(new Query(), Registration.class);
        mongo.remove(new Query(), Meeting.class);
        Instant start = Instant.parse("2030-05-14T11:00:00Z");
        mongo.insert(new Meeting(meetingId, "FoU-forum maj", start, start.plus(3, ChronoUnit.HOURS), "Ekensberg", null, 2,
                start.minus(7, ChronoUnit.DAYS), null, null, false, 0, 0, null, Instant.now(), Instant.now()));
    }

    private long registered() {
        return mongo.count(Query.query(Criteria.where("meetingId").is(meetingId).and("status").is(Status.REGISTERED)),
                Registration.class);
    }

    private int seats() {
        return forum.find(meetingId).orElseThrow().seats();
    }

    @Test
    void aMailFromTheAddressASlackRegistrationsInvitesGoToAnswersThatRegistration() {
        Recipient anna = Recipient.slack("UANNA");
        forum.register(meetingId, anna, "uanna@stockholm.se", null, null);
        Recipient byMail = Recipient.email("UAnna@Stockholm.se");
        // helper 104: "anmäl" by mail took a second seat, and "avanmäl" (as the invite says) was "not registered"
        assertThat(forum.register(meetingId, byMail, "uanna@stockholm.se", null, null)).isInstanceOf(ForumService.AlreadyRegistered.class);
        assertThat(seats()).isEqualTo(1);
        assertThat(forum.unregister(meetingId, byMail)).hasValueSatisfying(u -> assertThat(u.registration().id())
                .isEqualTo(Registration.id(meetingId, anna)));
        assertThat(mongo.findById(Registration.id(meetingId, anna), Registration.class).status()).isEqualTo(Status.CANCELLED);
        assertThat(seats()).isZero().isEqualTo((int) registered());
        // with nothing of hers standing, her mail registers her by mail
        assertThat(forum.register(meetingId, byMail, "uanna@stockholm.se", null, null)).isInstanceOf(ForumService.Seated.class);
    }

    @Test
    void aCancellationDoneAgainIsAnsweredAsDoneAndItsFreedSeatGoesToTheFirstWaiting() {
        Recipient anna = Recipient.slack("UANNA");
        forum.register(meetingId, anna, "uanna@stockholm.se", null, null);
        forum.register(meetingId, Recipient.slack("UBO"), "ubo@stockholm.se", null, null);
        forum.register(meetingId, Recipient.slack("UCARL"), "ucarl@stockholm.se", null, null);
        // the killed process had cancelled Anna's registration and freed her seat, and died before Carl was promoted
        String id = Registration.id(meetingId, anna);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("status", Status.CANCELLED), Registration.class);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(meetingId)), new Update().inc("seats", -1).pull("seated", id), Meeting.class);

        // helper 104: the click done again answered "Du var inte anmäld"
        assertThat(forum.unregister(meetingId, anna)).isPresent();
        assertThat(mongo.findById(Registration.id(meetingId, Recipient.slack("UCARL")), Registration.class).status())
                .isEqualTo(Status.REGISTERED);
        assertThat(seats()).isEqualTo(2).isEqualTo((int) registered());
        assertThat(forum.unregister(meetingId, Recipient.slack("UNOBODY"))).isEmpty();
    }

    @Test
    void aMeetingCancelledJustBeforeAKillHasItsNoticesSentWhenTheCancellingIsDoneAgain() {
        mongo.remove(new Query(), "outbox"); // the other cases' mail
        Recipient anna = Recipient.slack("UANNA");
        Recipient bo = Recipient.email("bo@stockholm.se");
        forum.register(meetingId, anna, "uanna@stockholm.se", null, null);
        forum.register(meetingId, bo, "bo@stockholm.se", null, null);
        // the killed process had cancelled the meeting and died before its notices were queued
        mongo.updateFirst(Query.query(Criteria.where("_id").is(meetingId)), new Update().set("cancelled", true).inc("sequence", 1),
                Meeting.class);
        Query cancels = Query.query(Criteria.where("calendar.method").is("CANCEL"));
        assertThat(mongo.count(cancels, "outbox")).isZero();

        // the click, done again after the restart: already cancelled, and everyone is told now
        assertThat(forum.cancel(meetingId)).isEmpty();
        assertThat(mongo.find(cancels, Document.class, "outbox")).extracting(d -> d.getString("to"))
                .containsExactlyInAnyOrder("uanna@stockholm.se", "bo@stockholm.se");
        // and a second time (a second click) tells nobody again
        forum.cancel(meetingId);
        assertThat(mongo.count(cancels, "outbox")).isEqualTo(2);
    }

    @Test
    void aRegistrationStoredBeforeItsOwnChangesWereCountedIsReadAndCancelledWithTheNextSequence() {
        // as a version before the person's own SEQUENCE stored it: no ownChanges field
        Recipient eva = Recipient.email("eva@stockholm.se");
        String id = Registration.id(meetingId, eva);
        mongo.getCollection(Registration.COLLECTION).insertOne(new Document("_id", id).append("meetingId", meetingId)
                .append("person", new Document("channel", "email").append("address", "eva@stockholm.se"))
                .append("email", "eva@stockholm.se").append("status", "REGISTERED")
                .append("registeredAt", java.util.Date.from(Instant.now())).append("updatedAt", java.util.Date.from(Instant.now())));
        Registration old = mongo.findById(id, Registration.class);
        assertThat(old.ownChanges()).isZero();
        assertThat(old.sequence(forum.find(meetingId).orElseThrow())).isZero();
        forum.unregister(meetingId, eva);
        assertThat(mongo.findById(id, Registration.class).sequence(forum.find(meetingId).orElseThrow())).isEqualTo(1);
    }

    @Test
    void aRegistrationCutShortAfterTakingItsSeatFinishesWithThatSeat() {
        Recipient anna = Recipient.slack("UANNA");
        String id = Registration.id(meetingId, anna);
        // the crash came after the seat was taken and before the registration said so
        mongo.insert(new Registration(id, meetingId, anna, "uanna@stockholm.se", null, Status.WAITLISTED, null, Instant.now(),
                Instant.now(), null, null, 0));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(meetingId)), new Update().inc("seats", 1).addToSet("seated", id),
                Meeting.class);

        assertThat(forum.register(meetingId, anna, "uanna@stockholm.se", null, null)).isInstanceOf(ForumService.Seated.class);
        assertThat(forum.register(meetingId, anna, "uanna@stockholm.se", null, null))
                .isInstanceOf(ForumService.AlreadyRegistered.class);

        assertThat(seats()).isEqualTo(1).isEqualTo((int) registered());
    }

    @Test
    void aRegistrationCutShortBeforeItsSeatTakesAFreeSeatWhenDoneAgain() {
        Recipient bo = Recipient.slack("UBO");
        mongo.insert(new Registration(Registration.id(meetingId, bo), meetingId, bo, null, null, Status.WAITLISTED, null,
                Instant.now(), Instant.now(), null, null, 0));

        assertThat(forum.register(meetingId, bo, null, null, null)).isInstanceOf(ForumService.Seated.class);

        assertThat(seats()).isEqualTo(1).isEqualTo((int) registered());
    }

    @Test
    void replaysAndNewRegistrationsAtOnceLeaveOneSeatPerRegisteredPerson() throws Exception {
        for (int round = 0; round < 5; round++) {
            String meeting = "forum-2030-06-1" + round;
            Instant start = Instant.parse("2030-06-10T11:00:00Z").plus(round, ChronoUnit.DAYS);
            mongo.insert(new Meeting(meeting, "FoU-forum juni", start, start.plus(3, ChronoUnit.HOURS), "Ekensberg", null, 100,
                    start.minus(7, ChronoUnit.DAYS), null, null, false, 0, 0, null, Instant.now(), Instant.now()));
            List<Recipient> replayed = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // cut short by a crash before they got their seat
                Recipient p = Recipient.slack("UREPLAY" + round + "X" + i);
                replayed.add(p);
                mongo.insert(new Registration(Registration.id(meeting, p), meeting, p, null, null, Status.WAITLISTED, null,
                        Instant.now(), Instant.now(), null, null, 0));
            }
            List<java.util.concurrent.Callable<Object>> work = new java.util.ArrayList<>();
            replayed.forEach(p -> work.add(() -> forum.register(meeting, p, null, null, null)));
            for (int i = 0; i < 8; i++) {
                Recipient p = Recipient.slack("UNEW" + round + "X" + i);
                work.add(() -> forum.register(meeting, p, null, null, null));
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            for (var f : pool.invokeAll(work)) {
                f.get();
            }
            pool.shutdown();

            long registered = mongo.count(Query.query(Criteria.where("meetingId").is(meeting).and("status").is(Status.REGISTERED)),
                    Registration.class);
            Document m = mongo.findById(meeting, Document.class, Meeting.COLLECTION);
            assertThat(registered).as("round %d", round).isEqualTo(16);
            assertThat(m.getInteger("seats")).as("round %d", round).isEqualTo(16);
            assertThat(m.getList("seated", String.class)).as("round %d", round).hasSize(16).doesNotHaveDuplicates();
        }
    }

    @Test
    void aCancellationCutShortAfterItWasRecordedFreesTheSeatOnceAndPromotesTheFirstWaiting() {
        List<Recipient> people = List.of(Recipient.slack("UANNA"), Recipient.slack("UBO"), Recipient.slack("UCARL"));
        people.forEach(p -> forum.register(meetingId, p, null, null, null));
        assertThat(seats()).isEqualTo(2);
        // the crash came after Anna's registration was cancelled and before her seat was given back
        mongo.updateFirst(Query.query(Criteria.where("_id").is(Registration.id(meetingId, people.get(0)))),
                new Update().set("status", Status.CANCELLED), Registration.class);

        assertThat(forum.unregister(meetingId, people.get(0))).hasValueSatisfying(u -> assertThat(u.promoted()).isPresent());
        // once more: answered as done (helper 104), and nobody promoted twice
        assertThat(forum.unregister(meetingId, people.get(0))).hasValueSatisfying(u -> assertThat(u.promoted()).isEmpty());

        assertThat(seats()).isEqualTo(2).isEqualTo((int) registered());
        assertThat(mongo.findById(Registration.id(meetingId, people.get(2)), Registration.class).status()).isEqualTo(Status.REGISTERED);
        assertThat(mongo.findById(meetingId, Document.class, Meeting.COLLECTION).getList("seated", String.class))
                .containsExactlyInAnyOrder(Registration.id(meetingId, people.get(1)), Registration.id(meetingId, people.get(2)));
    }
}

package se.foubot.forum;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.messaging.Recipient;
import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;

/**
 * A person promoted from the waitlist who cancels before the promotion is told (black-box test: B cancelled 50–150 ms
 * after A, and got "avbokad" and then "En plats blev ledig", and the mail "Avbokat" before "Inbjudan") hears only of
 * the cancellation. The race is made certain: B cancels on the promotion's own event, before the notices hear of it.
 */
@FouBotTest
@Import(ForumPromotionRaceTest.CancelOnPromotion.class)
class ForumPromotionRaceTest {

    @Autowired
    ForumService forum;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Autowired
    CancelOnPromotion cancelOnPromotion;

    /** Cancels the registration named in {@link #whoCancels} as soon as it is promoted, before anyone is told. */
    @TestConfiguration
    static class CancelOnPromotion {

        final AtomicReference<Recipient> whoCancels = new AtomicReference<>();

        @Bean
        Canceller canceller(ForumService forum) {
            return new Canceller(forum, whoCancels);
        }
    }

    record Canceller(ForumService forum, AtomicReference<Recipient> whoCancels) {

        @EventListener
        @Order(Ordered.HIGHEST_PRECEDENCE)
        public void on(ForumService.MeetingChanged change) {
            Recipient who = whoCancels.get();
            if (change.kind() == ForumService.MeetingChanged.Kind.PROMOTED && who != null
                    && change.registration().person().equals(who) && whoCancels.compareAndSet(who, null)) {
                forum.unregister(change.meeting().id(), who);
            }
        }
    }

    @Test
    void aPromotedPersonWhoCancelsBeforeTheSeatIsToldGetsNoSeatNoticeNorInvite() {
        String id = "forum-test-promotion-race-" + System.nanoTime();
        Instant start = clock.instant().plus(Duration.ofDays(30));
        mongo.insert(new Meeting(id, "FoU-forum: kapplöpning", start, start.plus(Duration.ofHours(3)), "Ekensberg", null, 1,
                clock.instant().plus(Duration.ofDays(20)), null, null, false, 0, 0, null, clock.instant(), clock.instant()));
        Recipient anna = Recipient.slack("URACEANNA");
        Recipient bo = Recipient.slack("URACEBO");
        forum.register(id, anna, "anna.race@farsta.stockholm.se", "farsta", null);
        assertThat(forum.register(id, bo, "bo.race@farsta.stockholm.se", "farsta", null)).isInstanceOf(ForumService.Waitlisted.class);
        cancelOnPromotion.whoCancels.set(bo);

        ForumService.Unregistered annaCancelled = forum.unregister(id, anna).orElseThrow();

        assertThat(annaCancelled.promoted()).map(Registration::person).contains(bo);
        assertThat(cancelOnPromotion.whoCancels.get()).as("Bo cancelled on the promotion's event").isNull();
        assertThat(forum.registration(id, bo)).map(Registration::status).contains(Registration.Status.CANCELLED);
        assertThat(forum.find(id).orElseThrow().seats()).isZero();
        // Bo's mail: the cancellation's CANCEL only, no invitation to a seat he has given back
        assertThat(mongo.find(Query.query(Criteria.where("to").is("bo.race@farsta.stockholm.se")), Document.class, "outbox"))
                .extracting(d -> d.get("calendar", Document.class).getString("method")).containsExactly("CANCEL");
        // and no "En plats blev ledig" in Slack (his own cancellation is told in its answer)
        assertThat(mongo.find(Query.query(Criteria.where("to").is("URACEBO")), Document.class, "slack_outbox")).isEmpty();
    }
}

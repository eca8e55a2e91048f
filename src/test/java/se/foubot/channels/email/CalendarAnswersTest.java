package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import se.foubot.messaging.Recipient;
import se.foubot.forum.ForumService;
import se.foubot.forum.MeetingPlan;
import se.foubot.forum.Registration;
import se.foubot.support.FouBotTest;
import se.foubot.support.TestMail;

/**
 * Calendars' answers to the FoU-forum invites, as Outlook and Google Calendar send them (raw fixtures): never
 * answered, never a request; an acceptance is recorded on the registration, a decline frees the seat for the
 * waitlist after telling the person — once the sender is proven.
 */
@FouBotTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// a context (and store) of its own: the invites' UID names the meeting by its date
@TestPropertySource(properties = {"foubot.mail.trusted-authserv-ids=mx.google.com,exchange-online",
        "foubot.mail.idle=false", "foubot.mail.poll-interval=1h", "foubot.forum.reminder-offsets=P2D"})
class CalendarAnswersTest {

    static final se.foubot.privacy.OutsideTextGuard GUARD = new se.foubot.privacy.OutsideTextGuard();

    static final String BJORN = "bjorn.strom@edu.stockholm.se";
    static final String KIM = "kim.lund@stockholm.se";
    static final String LISA = "lisa.berg@stockholm.se";

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    MailboxReader reader;

    @Autowired
    EmailRequestProcessor processor;

    @Autowired
    OutboxSender sender;

    @Autowired
    ForumService forum;

    @Autowired
    MongoTemplate mongo;

    String meeting;

    @BeforeAll
    void plan() {
        ForumService.Saved saved = (ForumService.Saved) forum.create(new MeetingPlan(GUARD.check("FoU-forum om uppföljning"),
                LocalDate.of(2027, 3, 10), LocalTime.of(13, 0), LocalTime.of(15, 0), GUARD.check("Rum Kärnan"), GUARD.check(null), 2,
                LocalDate.of(2027, 3, 1), GUARD.check(null), GUARD.check(null)), Recipient.slack("UCOORD"));
        meeting = saved.meeting().id();
        for (String person : new String[] {BJORN, KIM, LISA}) {
            forum.register(meeting, Recipient.email(person), person, null, null);
        }
        TestMail.round(reader, processor, sender);
    }

    private TestMail people() {
        return new TestMail(mail);
    }

    private void sendFixture(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/mail/calendar/" + name)) {
            people().sendRaw(in.readAllBytes(), "calendar@relay.example");
        }
        TestMail.round(reader, processor, sender);
    }

    private Registration registration(String person) {
        return forum.registration(meeting, Recipient.email(person)).orElseThrow();
    }

    @Test
    void outlooksAcceptanceIsRecordedAndNotAnswered() throws Exception {
        int before = people().inboxOf(BJORN).size();
        sendFixture("outlook-reply-accepted.eml");
        assertThat(registration(BJORN).calendarAnswer()).isEqualTo("ACCEPTED");
        assertThat(registration(BJORN).status()).isEqualTo(Registration.Status.REGISTERED);
        assertThat(people().inboxOf(BJORN)).as("no answer to a calendar answer").hasSize(before);
        assertThat(mongo.count(new Query(), EmailRequestProcessor.REQUESTS)).as("never a request").isZero();
    }

    @Test
    void googlesDeclineFreesTheSeatForTheWaitlistOnceTheSenderIsProven() throws Exception {
        assertThat(registration(LISA).status()).isEqualTo(Registration.Status.WAITLISTED);
        sendFixture("google-reply-declined-unproven.eml");
        assertThat(registration(KIM).status()).as("unproven: nothing yet").isEqualTo(Registration.Status.REGISTERED);
        assertThat(people().inboxOf(KIM, "Bekräfta:")).singleElement()
                .satisfies(m -> assertThat(m.getContent().toString()).contains("avboka din plats på ”FoU-forum om uppföljning”"));

        sendFixture("google-reply-declined.eml");
        assertThat(registration(KIM).status()).isEqualTo(Registration.Status.CANCELLED);
        assertThat(registration(KIM).calendarAnswer()).isEqualTo("DECLINED");
        assertThat(people().inboxOf(KIM, "Avbokat:")).as("told").hasSize(1);
        assertThat(registration(LISA).status()).as("promoted").isEqualTo(Registration.Status.REGISTERED);
        assertThat(mongo.count(new Query(), EmailRequestProcessor.REQUESTS)).as("never a request").isZero();
    }

    @Test
    void outlooksNewTimeProposalIsConsumedSilentlyAndChangesNothing() throws Exception {
        int before = people().inboxOf(BJORN).size();
        String answerBefore = registration(BJORN).calendarAnswer();
        sendFixture("outlook-counter.eml");
        assertThat(people().inboxOf(BJORN)).as("not answered").hasSize(before);
        assertThat(registration(BJORN).calendarAnswer()).as("a proposal is no answer").isEqualTo(answerBefore);
        assertThat(mongo.findOne(Query.query(Criteria.where("from").is(BJORN).and("outcome").is("calendar:counter")),
                org.bson.Document.class, MailInbox.INBOX)).isNotNull();
    }

    @Test
    void answersKnownOnlyByTheirSubjectAndNewTimeProposalsAreConsumedSilently() throws Exception {
        people().send("per.ek@stockholm.se", "Accepterat: FoU-forum om uppföljning", "", null);
        people().send("per.ek@stockholm.se", "Nytt tidsförslag: FoU-forum om uppföljning", "Kan vi ta 14.00?", null);
        people().send("per.ek@stockholm.se", "Tentative: FoU-forum om uppföljning", "", null);
        TestMail.round(reader, processor, sender);
        assertThat(people().inboxOf("per.ek@stockholm.se")).isEmpty();
        assertThat(mongo.find(Query.query(Criteria.where("from").is("per.ek@stockholm.se")), org.bson.Document.class,
                MailInbox.INBOX)).hasSize(3).allSatisfy(d -> assertThat(d.getString("outcome")).startsWith("calendar:"));
    }
}

package se.foubot.forum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import se.foubot.FouBotApplication;
import se.foubot.channels.email.EmailRequestProcessor;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.MailboxReader;
import se.foubot.channels.email.OutboxSender;
import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.channels.slack.SlackNotices;
import se.foubot.conversation.Language;
import se.foubot.forum.ForumService.MeetingChanged;
import se.foubot.messaging.CommandTable;
import se.foubot.messaging.Inbound;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.store.EmbeddedMongoStore;
import se.foubot.support.OwnThreads;
import se.foubot.support.TestMail;

/**
 * A newly planned FoU-forum meeting is announced once, though two replicas (two application contexts on one store,
 * one mail server, one Slack) both handle its announcement: one post in the coordinator's channel, one mail to each
 * person who wrote "bevakning forum" (in Slack, the terminal or by mail), none to who wrote "avbevaka forum"; a reply
 * "anmäl" to the announcement registers for that meeting.
 */
class ForumAnnouncementsTest {

    private static final OutsideTextGuard GUARD = new OutsideTextGuard();
    private static final String CHANNEL = "C0FOUFORUM";

    @TempDir
    static Path dir;

    static EmbeddedMongoStore store;
    static EmbeddedMailServer mail;
    static FakeSlackApi slack;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() {
        store = EmbeddedMongoStore.start(dir.resolve("shared"), 0);
        mail = EmbeddedMailServer.start(0, 0);
        slack = FakeSlackApi.start();
        a = replica();
        b = replica();
    }

    private static ConfigurableApplicationContext replica() {
        return new SpringApplicationBuilder(FouBotApplication.class).web(WebApplicationType.NONE).run(
                "--foubot.store.mongodb-uri=" + store.connectionString("foubot"), "--foubot.mail.smtp-url=" + mail.smtpUrl(),
                "--foubot.mail.imap-url=" + mail.imapUrl(), "--foubot.mail.poll-interval=1h", "--foubot.mail.outbox-poll-interval=1h",
                "--foubot.mail.idle=false", "--foubot.mail.allowed-sender-domains=stockholm.se",
                "--foubot.slack.bot-token=xoxb-test-token", "--foubot.slack.api-url=" + slack.url(),
                "--foubot.slack.outbox-interval=1h", "--foubot.forum.announce-channel=" + CHANNEL);
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {a, b}) {
            if (c != null && c.isActive()) {
                c.close();
            }
        }
        slack.close();
        mail.close();
        store.close();
    }

    private static String answer(ConfigurableApplicationContext replica, Inbound message) {
        return replica.getBean(CommandTable.class).handle(message).orElseThrow().reply().text();
    }

    private static void sendAll() {
        for (ConfigurableApplicationContext c : List.of(a, b)) {
            c.getBean(SlackNotices.class).postDue();
            c.getBean(OutboxSender.class).sendDue();
        }
    }

    /** Helper 118: anything but the exact phrase went on to the grant reminders and subscribed the person to LUM and MUL. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"bevakning forum tack", "Bevakning forum, tack!", "*bevakning* forum",
            "bevakning av forum-möten", "bevaka forumet", "bevakning av FoU-forum", "subscribe to forum news, please"})
    void forumNewsAskedForInOtherWordsIsForumNewsAndNoGrantReminders(String words) {
        String person = "UWORDS" + Math.abs(words.hashCode());
        assertThat(answer(a, Inbound.chat(Recipient.slack(person), words, Language.SV))).contains("när ett nytt FoU-forum planeras");
        assertThat(a.getBean(ForumNews.class).find("slack", person)).isPresent();
        assertThat(a.getBean(se.foubot.grants.GrantSubscriptions.class).find("slack", person)).isEmpty();

        assertThat(answer(a, Inbound.chat(Recipient.slack(person), "bevakning forum av, tack", Language.SV))).contains("inga fler besked");
    }

    @Test
    void bevakningOfSomethingThatIsNeitherTheForumNorAProgrammeIsAskedBack() {
        String person = "UUNCLEAR";
        assertThat(answer(a, Inbound.chat(Recipient.slack(person), "bevakning forum åäö", Language.SV)))
                .startsWith("Vill du ha påminnelser inför sista dagarna för LUM och MUL?").contains("”bevakning forum”");
        assertThat(a.getBean(se.foubot.grants.GrantSubscriptions.class).find("slack", person)).isEmpty();
        assertThat(answer(a, Inbound.chat(Recipient.slack(person), "bevakning LUM tack", Language.SV))).contains("LUM")
                .doesNotContain("MUL");
        assertThat(answer(a, Inbound.chat(Recipient.slack("UBOTH"), "bevakning båda, tack", Language.SV))).contains("LUM och MUL");
        assertThat(answer(a, Inbound.chat(Recipient.slack("ULUMFORUM"), "bevakning LUM och forum", Language.SV))).contains("LUM")
                .as("helper 119: the forum part was dropped without a word").contains("med ”bevakning forum”");

        // helper 119: by mail, a subject of such words subscribed to both
        assertThat(answer(a, new Inbound(Recipient.email("m3@stockholm.se"), "bevakning av nya projekt", "", null, "m-which-1",
                Language.SV, true))).startsWith("Vill du ha påminnelser inför sista dagarna för LUM och MUL?");
        assertThat(a.getBean(se.foubot.grants.GrantSubscriptions.class).find("email", "m3@stockholm.se")).isEmpty();
        assertThat(answer(a, new Inbound(Recipient.email("m4@stockholm.se"), "Jag vill ha påminnelser", "", null, "m-which-2",
                Language.SV, true))).contains("LUM och MUL");
        assertThat(answer(a, new Inbound(Recipient.email("m5@stockholm.se"), "Bevakning", "Hej, bara LUM tack.", null, "m-which-3",
                Language.SV, true))).contains("LUM").doesNotContain("MUL");
        // helper 120: "subscribe" in an English chat got the help menu
        assertThat(answer(a, Inbound.chat(Recipient.slack("UENGLISH"), "subscribe LUM", Language.EN))).contains("LUM")
                .doesNotContain("MUL");
        assertThat(answer(a, Inbound.chat(Recipient.slack("UENGLISH2"), "subscribe to new projects", Language.EN)))
                .startsWith("Would you like reminders before the LUM and MUL deadlines?");
        // helper 120: the subject went to the forum's list, and a command on a mail's first line was a request
        assertThat(answer(a, new Inbound(Recipient.email("m6@stockholm.se"), "bevakning LUM och forum", "", null, "m-which-4",
                Language.SV, true))).contains("LUM").doesNotContain("MUL").contains("med ”bevakning forum”");
        assertThat(answer(a, new Inbound(Recipient.email("m7@stockholm.se"), "Hej", "bevakning LUM\n\nMvh Mia", null, "m-which-5",
                Language.SV, true))).contains("LUM").doesNotContain("MUL");
        assertThat(answer(a, new Inbound(Recipient.email("m8@stockholm.se"), "Hej", "forum", null, "m-which-6", Language.SV, true)))
                .as("the forum's list").contains("FoU-forum");
        assertThat(a.getBean(CommandTable.class).handle(new Inbound(Recipient.email("m9@stockholm.se"), "Hej",
                "Påminnelser till brukarna om hembesök behöver vi hjälp med", null, "m-which-7", Language.SV, true)))
                .as("a first line that says more is a request").isEmpty();
    }

    @Test
    void aNewMeetingIsAnnouncedOnceInTheChannelAndToEachWhoAskedForForumNews() throws Exception {
        // who asked: Eva in Slack (her profile's address), Per by mail, Lisa by mail and then no more
        assertThat(answer(a, Inbound.chat(Recipient.slack("UEVA"), "bevakning forum", Language.SV))).contains("ueva@stockholm.se");
        assertThat(answer(b, new Inbound(Recipient.email("per@stockholm.se"), "bevakning forum", "", null, "m1", Language.SV, true)))
                .contains("när ett nytt FoU-forum planeras");
        answer(a, new Inbound(Recipient.email("lisa@stockholm.se"), "", "bevakning forum", null, "m2", Language.SV, true));
        assertThat(answer(b, new Inbound(Recipient.email("lisa@stockholm.se"), "Re: Nytt FoU-forum", "avbevaka forum", null, "m3",
                Language.SV, true))).contains("inga fler besked");
        assertThat(answer(a, new Inbound(Recipient.email("olle@stockholm.se"), "bevakning forum", "", null, "m4", Language.SV, false)))
                .as("an unproven sender is asked first").contains("ge dig besked");
        assertThat(a.getBean(ForumNews.class).find("email", "olle@stockholm.se")).isEmpty();
        // "bevakning forum" is not taken for the grant reminders
        assertThat(a.getBean(se.foubot.grants.GrantSubscriptions.class).find("slack", "UEVA")).isEmpty();

        ForumService.Saved saved = (ForumService.Saved) a.getBean(ForumService.class).create(new MeetingPlan(GUARD.check("FoU-forum om analys"),
                LocalDate.of(2030, 3, 13), LocalTime.of(13, 0), LocalTime.of(16, 0), GUARD.check("Rum Kärnan"), GUARD.check(null), 30,
                LocalDate.of(2030, 3, 6), GUARD.check(null), GUARD.check(null)), Recipient.slack("UCOORD"));
        Meeting meeting = saved.meeting();
        // both replicas handle the announcement at once (as after a retry, or a second replica seeing the same event)
        MeetingChanged created = new MeetingChanged(meeting, MeetingChanged.Kind.CREATED, null);
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> a.getBean(ForumAnnouncements.class).on(created), OwnThreads.EACH),
                CompletableFuture.runAsync(() -> b.getBean(ForumAnnouncements.class).on(created), OwnThreads.EACH)).join();
        sendAll();
        sendAll();

        assertThat(slack.calls("chat.postMessage", c -> c.param("channel").equals(CHANNEL) && c.param("text").contains(meeting.id())))
                .singleElement()
                .satisfies(c -> assertThat(c.param("text")).contains("Nytt FoU-forum planerat").contains("FoU-forum om analys")
                        .contains(meeting.id()));
        TestMail people = new TestMail(mail);
        for (String address : List.of("ueva@stockholm.se", "per@stockholm.se")) {
            assertThat(people.inboxOf(address, "Nytt FoU-forum")).as(address).singleElement()
                    .satisfies(m -> assertThat(m.getContent().toString()).contains("anmäl " + meeting.id()).contains("avbevaka forum"));
        }
        assertThat(people.inboxOf("lisa@stockholm.se", "Nytt FoU-forum")).as("stopped").isEmpty();
        assertThat(slack.calls("chat.postMessage", c -> c.param("channel").equals("UEVA"))).as("Eva hears by mail").isEmpty();

        // Per answers the announcement: "anmäl" alone registers him for that meeting
        MimeMessage announcement = people.inboxOf("per@stockholm.se", "Nytt FoU-forum").get(0);
        people.send("per@stockholm.se", "Re: " + announcement.getSubject(), "anmäl", announcement.getMessageID());
        TestMail.round(a.getBean(MailboxReader.class), a.getBean(EmailRequestProcessor.class), a.getBean(OutboxSender.class));
        assertThat(a.getBean(ForumService.class).registration(meeting.id(), Recipient.email("per@stockholm.se")).orElseThrow()
                .status()).isEqualTo(Registration.Status.REGISTERED);
    }

    /**
     * Helper 122: the announcements counted against the ten answers an hour that one address may get, so a subscriber
     * who had had many got no answer to their own mail ("mail_reply_suppressed … 10 replies in the last hour"), nor the
     * "Bekräfta:" for their "anmäl". The limit stops loops with auto-responders: only answers to received mail count.
     */
    @Test
    void aSubscriberWhoHadManyAnnouncementsInAnHourStillGetsAnswersToTheirOwnMail() throws Exception {
        String kim = "kim.kvist@stockholm.se";
        assertThat(answer(a, new Inbound(Recipient.email(kim), "bevakning forum", "", null, "m-many-0", Language.SV, true)))
                .contains("när ett nytt FoU-forum planeras");
        ForumService forum = a.getBean(ForumService.class);
        List<String> planned = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                LocalDate day = LocalDate.of(2031, 9, 2).plusWeeks(i);
                ForumService.Saved saved = (ForumService.Saved) forum.create(new MeetingPlan(GUARD.check("Höstforum " + (i + 1)), day,
                        LocalTime.of(9, 0), LocalTime.of(11, 0), GUARD.check("Rum Höst"), GUARD.check(null), 20, day.minusDays(7),
                        GUARD.check(null), GUARD.check(null)), Recipient.slack("UCOORD"));
                planned.add(saved.meeting().id());
            }
            sendAll();
            TestMail people = new TestMail(mail);
            assertThat(people.inboxOf(kim, "Nytt FoU-forum")).as("every announcement reached her").hasSize(12);

            // her own question by mail is answered
            people.send(kim, "forum", "Vilka forum finns det i höst?", null);
            TestMail.round(a.getBean(MailboxReader.class), a.getBean(EmailRequestProcessor.class), a.getBean(OutboxSender.class));
            assertThat(people.inboxOf(kim).stream().filter(m -> !TestMail.subject(m).startsWith("Nytt FoU-forum")))
                    .as("the answer to her mail").singleElement()
                    .satisfies(m -> assertThat(m.getContent().toString()).contains("Kommande FoU-forum").contains(planned.get(0)));
            // and her "anmäl" in a new mail gets the question whether it was she who wrote it
            people.send(kim, "Anmälan", "anmäl " + planned.get(3), null);
            TestMail.round(a.getBean(MailboxReader.class), a.getBean(EmailRequestProcessor.class), a.getBean(OutboxSender.class));
            assertThat(people.inboxOf(kim).stream().map(TestMail::subject)).anySatisfy(subject -> assertThat(subject).startsWith("Bekräfta"));
        } finally {
            planned.forEach(forum::cancel);
            answer(a, new Inbound(Recipient.email(kim), "avbevaka forum", "", null, "m-many-1", Language.SV, true));
        }
    }
}

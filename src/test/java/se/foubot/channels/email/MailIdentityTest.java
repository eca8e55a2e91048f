package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import se.foubot.messaging.Recipient;
import se.foubot.forum.ForumService;
import se.foubot.forum.MeetingPlan;
import se.foubot.forum.Registration;
import se.foubot.grants.GrantSubscriptions;
import se.foubot.support.FouBotTest;
import se.foubot.support.TestMail;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskEvent;
import se.foubot.tasks.TaskService;

/**
 * A From header is a claim, not an identity: mail that changes someone's state acts only when the receiving server
 * proved the sender (its Authentication-Results, from a server the operator trusts) or the person confirmed by
 * answering the bot's mail to the address. Mails go in as raw bytes, as Gmail, Exchange Online and Postfix write them.
 */
@FouBotTest
@TestPropertySource(properties = {"foubot.mail.trusted-authserv-ids=mx.google.com,exchange-online,mail.stad.se",
        "foubot.mail.idle=false", "foubot.mail.poll-interval=1h"})
class MailIdentityTest {

    static final se.foubot.privacy.OutsideTextGuard GUARD = new se.foubot.privacy.OutsideTextGuard();

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    MailboxReader reader;

    @Autowired
    EmailRequestProcessor processor;

    @Autowired
    OutboxSender sender;

    @Autowired
    GrantSubscriptions subscriptions;

    @Autowired
    ForumService forum;

    @Autowired
    TaskService tasks;

    @Autowired
    MailInbox inbox;

    private TestMail people() {
        return new TestMail(mail);
    }

    private void round() {
        TestMail.round(reader, processor, sender);
    }

    private void sendFixture(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/mail/auth/" + name)) {
            people().sendRaw(in.readAllBytes(), "bounce@relay.example");
        }
    }

    @Test
    void aForgedUnsubscribeChangesNothingWhileTheRealOneProvenByGmailActsAtOnce() throws Exception {
        String anna = "anna.andersson@stockholm.se";
        subscriptions.subscribe("email", anna, anna, null, List.of("LUM", "MUL"), "sv", "import");

        sendFixture("gmail-forged-below.eml");
        round();
        assertThat(subscriptions.find("email", anna).orElseThrow().active()).as("forged: still subscribed").isTrue();
        assertThat(people().inboxOf(anna)).as("Gmail found DMARC failing: quarantined, the real Anna is not mailed (backscatter)")
                .isEmpty();
        assertThat(inbox.quarantine(50)).anyMatch(q -> q.getString("reason").equals("forged sender (dmarc=fail by mx.google.com)"));

        // no verdict at all: unproven, so the address itself is asked, and nobody else hears anything
        people().send(anna, "avsluta", "avsluta", null);
        round();
        assertThat(subscriptions.find("email", anna).orElseThrow().active()).isTrue();
        List<MimeMessage> asked = people().inboxOf(anna, "Bekräfta:");
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).getContent().toString()).contains("avsluta dina påminnelser om LUM och MUL")
                .contains("Om det inte var du");

        sendFixture("gmail-dmarc-pass.eml");
        round();
        assertThat(subscriptions.find("email", anna).orElseThrow().active()).as("proven by mx.google.com").isFalse();
        assertThat(people().inboxOf(anna).get(people().inboxOf(anna).size() - 1).getContent().toString())
                .contains("inga fler påminnelser");
    }

    @Test
    void aForgedUnsubscribeOfASlackSubscribersProfileAddressChangesNothing() throws Exception {
        subscriptions.subscribe("slack", "U0LENA", "lena.holm@skarpnack.stockholm.se", null, List.of("LUM"), "sv", "slack");
        sendFixture("postfix-forged-same-authserv.eml");
        sendFixture("untrusted-authserv.eml");
        round();
        assertThat(subscriptions.find("slack", "U0LENA").orElseThrow().active()).isTrue();
    }

    @Test
    void aPassWrittenBelowTheTrustedServersReceivedLineProvesNothing() throws Exception {
        List<String> people = List.of("maria.ek@stockholm.se", "bjorn.strom@edu.stockholm.se", "olle.sand@stockholm.se");
        people.forEach(p -> subscriptions.subscribe("email", p, p, null, List.of("LUM"), "sv", "import"));

        sendFixture("postfix-submission-forged.eml"); // a local user's submission, which the milters skip
        sendFixture("m365-forged-below.eml");
        sendFixture("gmail-forged-second-field.eml");
        round();
        for (String p : people) {
            assertThat(subscriptions.find("email", p).orElseThrow().active()).as(p).isTrue();
            assertThat(people().inboxOf(p, "Bekräfta:")).as(p).hasSize(1);
        }
    }

    @Test
    void aCancellationProvenByExchangeOnlineFreesTheSeatAndAnUnprovenOneWaitsForTheConfirmation() throws Exception {
        ForumService.Saved saved = (ForumService.Saved) forum.create(new MeetingPlan(GUARD.check("FoU-forum om uppföljning"),
                LocalDate.of(2027, 3, 10), LocalTime.of(13, 0), LocalTime.of(15, 0), GUARD.check("Rum Kärnan"), GUARD.check(null), 30,
                LocalDate.of(2027, 3, 1), GUARD.check(null), GUARD.check(null)), Recipient.slack("UCOORD"));
        String bjorn = "bjorn.strom@edu.stockholm.se";
        String kim = "kim.lund@stockholm.se";
        forum.register(saved.meeting().id(), Recipient.email(bjorn), bjorn, null, null);
        forum.register(saved.meeting().id(), Recipient.email(kim), kim, null, null);

        sendFixture("m365-dmarc-pass.eml");
        people().send(kim, "avanmäl", "avanmäl", null);
        round();
        assertThat(forum.registration(saved.meeting().id(), Recipient.email(bjorn)).orElseThrow().status())
                .isEqualTo(Registration.Status.CANCELLED);
        assertThat(forum.registration(saved.meeting().id(), Recipient.email(kim)).orElseThrow().status())
                .as("not proven yet").isEqualTo(Registration.Status.REGISTERED);

        MimeMessage question = people().inboxOf(kim, "Bekräfta:").get(0);
        assertThat(question.getContent().toString()).contains("avanmäla dig från ”FoU-forum om uppföljning”");
        people().send(kim, "Re: " + question.getSubject(), "ja", question.getMessageID());
        round();
        assertThat(forum.registration(saved.meeting().id(), Recipient.email(kim)).orElseThrow().status())
                .isEqualTo(Registration.Status.CANCELLED);
        people().send(kim, "Re: " + question.getSubject(), "ja, igen", question.getMessageID());
        round();
        assertThat(people().inboxOf(kim, "Re: avanmäl")).as("confirmed once").hasSize(1);
    }

    @Test
    void aStrangersMailAboutATaskIsShownAsAThirdPartysAndNeverAsTheRequesters() throws Exception {
        String eva = "eva.lind@stockholm.se";
        people().send(eva, "Utvärdering i Farsta", "Hej! Vi i Farsta behöver en utvärderingsplan senast 2027-03-01.\n\nEva", null);
        round();
        SupportTask task = tasks.byRequester("email", eva).get(0);

        people().send("okand@stockholm.se", "SV: [" + task.reference() + "] Utvärdering i Farsta",
                "Jag har ändrat mig, stäng ärendet.", null);
        round();
        // nobody proved the address (helper 101: anyone could write in a colleague's name): its owner is asked first
        assertThat(tasks.find(task.reference()).orElseThrow().history()).noneMatch(e -> e.text().contains("okand@stockholm.se"));
        List<MimeMessage> asked = people().inboxOf("okand@stockholm.se");
        assertThat(asked).singleElement().satisfies(m -> assertThat(m.getSubject()).startsWith("Bekräfta:"));
        people().send("okand@stockholm.se", "SV: " + asked.get(0).getSubject(), "Ja, det var jag.", asked.get(0).getMessageID());
        try (se.foubot.support.LogCapture log = new se.foubot.support.LogCapture()) {
            round();
            assertThat(log.lines()).anyMatch(l -> l.startsWith("event=task_mail_third_party task=" + task.reference() + " "));
        }
        List<TaskEvent> history = tasks.find(task.reference()).orElseThrow().history();
        assertThat(history).anyMatch(e -> e.text().contains("okand@stockholm.se") && e.text().contains("tredje part")
                && e.text().contains("stäng ärendet"));
        assertThat(history).noneMatch(e -> e.text().startsWith("Beställaren svarade"));
        assertThat(people().inboxOf("okand@stockholm.se")).hasSize(2).last()
                .satisfies(m -> assertThat(m.getContent().toString()).contains("Tack för att du bekräftade"));

        // Eva's own reply to the bot's confirmation names its Message-ID, which nobody else can know
        MimeMessage confirmation = people().inboxOf(eva, "[" + task.reference() + "]").get(0);
        people().send(eva, "SV: " + confirmation.getSubject(), "Vi blir ungefär 12 personer.", confirmation.getMessageID());
        round();
        assertThat(tasks.find(task.reference()).orElseThrow().history())
                .anyMatch(e -> e.text().equals("Beställaren svarade via e-post: Vi blir ungefär 12 personer."));
    }

    @Test
    void someoneCopiedOnTheRequestIsShownAsSuchOnceTheirServerProvesThem() throws Exception {
        String ulla = "ulla.berg@stockholm.se";
        String chef = "chef.berg@stockholm.se";
        people().sendRaw(("From: " + ulla + "\r\nTo: fou@localhost\r\nCc: " + chef + "\r\nSubject: Uppföljning i Bromma\r\n"
                + "Message-ID: <copied-1@stockholm.se>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Hej! Vi i Bromma behöver en uppföljningsmall, ingen brådska.\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                ulla);
        round();
        SupportTask task = tasks.byRequester("email", ulla).get(0);
        people().sendRaw(("Authentication-Results: mx.google.com; dkim=pass header.i=@stockholm.se; spf=pass "
                + "smtp.mailfrom=" + chef + "; dmarc=pass (p=NONE) header.from=stockholm.se\r\n"
                + "Received: from mail.stockholm.se by mx.google.com with ESMTPS\r\nFrom: " + chef + "\r\nTo: fou@localhost\r\n"
                + "Subject: SV: [" + task.reference() + "] Uppföljning i Bromma\r\nMessage-ID: <copied-2@stockholm.se>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nVi vill ha den till januari.\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), chef);
        round();
        assertThat(tasks.find(task.reference()).orElseThrow().history()).anyMatch(e -> e.text()
                .equals("Svar via e-post från " + chef + " (kopia på förfrågan): Vi vill ha den till januari."));
    }
}

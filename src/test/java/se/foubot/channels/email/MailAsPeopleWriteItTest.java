package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import se.foubot.conversation.Language;
import se.foubot.grants.GrantSubscriptions;
import se.foubot.knowledgegaps.KnowledgeGapService;
import se.foubot.messaging.Recipient;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.support.FouBotTest;
import se.foubot.support.TestMail;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * Mail as people really send it, over SMTP into the embedded server and back over IMAP: HTML-only mail from Outlook
 * on the web and Gmail, a command in the subject alone, "avbevaka LUM", and a request in English.
 */
@FouBotTest
@TestPropertySource(properties = {"foubot.mail.trusted-authserv-ids=mx.google.com,exchange-online,mail.stad.se",
        "foubot.mail.idle=false", "foubot.mail.poll-interval=1h"})
class MailAsPeopleWriteItTest {

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    MailboxReader reader;

    @Autowired
    EmailRequestProcessor processor;

    @Autowired
    OutboxSender sender;

    @Autowired
    TaskService tasks;

    @Autowired
    GrantSubscriptions subscriptions;

    @Autowired
    KnowledgeGapService gaps;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Clock clock;

    private TestMail people() {
        return new TestMail(mail);
    }

    private void round() {
        TestMail.round(reader, processor, sender);
    }

    private void sendFixture(String name, String envelopeFrom) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/mail/web/" + name)) {
            people().sendRaw(in.readAllBytes(), envelopeFrom);
        }
    }

    /** A Gmail mail with nothing but a subject (Gmail still writes an empty line and an empty div), proven by Gmail. */
    private void sendSubjectOnly(String from, String subject, String id) throws Exception {
        String boundary = "00000000000041c2d3061f2eb7c8";
        people().sendRaw(("Authentication-Results: mx.google.com; dkim=pass header.i=@stockholm.se; spf=pass smtp.mailfrom=" + from
                + "; dmarc=pass (p=NONE) header.from=stockholm.se\r\nReceived: from mail.stockholm.se by mx.google.com with ESMTPS\r\n"
                + "MIME-Version: 1.0\r\nDate: Tue, 1 Dec 2026 11:02:41 +0100\r\nMessage-ID: <" + id + "@mail.gmail.com>\r\n"
                + "Subject: " + subject + "\r\nFrom: " + from + "\r\nTo: fou@localhost\r\n"
                + "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=\"UTF-8\"\r\n\r\n\r\n--" + boundary + "\r\n"
                + "Content-Type: text/html; charset=\"UTF-8\"\r\n\r\n<div dir=\"ltr\"><br></div>\r\n\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8), from);
    }

    private String lastAnswerTo(String address) throws Exception {
        List<MimeMessage> received = people().inboxOf(address);
        assertThat(received).as("an answer to " + address).isNotEmpty();
        return received.get(received.size() - 1).getContent().toString();
    }

    private long requestsFrom(String address) {
        return mongo.count(Query.query(Criteria.where("from").is(address)), "email_requests");
    }

    @Test
    void aMailDamagedOnTheWayIsAnsweredFromWhatCouldBeReadAndTheSenderIsToldPartCouldNotBeRead() throws Exception {
        // base64 cut off by a size limit, and a gateway's notice inside the base64: stored as the bytes that arrive
        for (String[] mail : new String[][] {{"64-base64-cut-off-by-a-size-limit.eml", "lars.ost@stockholm.se"},
                {"65-a-gateways-notice-inside-the-base64.eml", "sara.nilsson@stockholm.se"}}) {
            try (InputStream in = getClass().getResourceAsStream("/mail/corpus/" + mail[0])) {
                people().sendRaw(in.readAllBytes(), mail[1]);
            }
        }
        round();
        for (String sender : List.of("lars.ost@stockholm.se", "sara.nilsson@stockholm.se")) {
            assertThat(requestsFrom(sender)).isEqualTo(1);
            assertThat(lastAnswerTo(sender)).as(sender).contains("Innan en FoU-utredare kan ta den behöver vi veta lite mer")
                    .contains("En del av texten i ditt mejl gick inte att läsa; mejlet kan ha skadats på vägen. Om vi har missat "
                            + "något du skrev, svara gärna på det här mejlet och skriv det igen.");
        }
    }

    @Test
    void outlookOnTheWebsHtmlOnlyMailWithLabelledFactsBecomesATask() throws Exception {
        String karin = "karin.lund@stockholm.se";
        sendFixture("outlook-web-html-only-labelled.eml", karin);
        round();
        List<SupportTask> own = tasks.byRequester("email", karin);
        assertThat(own).hasSize(1);
        assertThat(own.get(0).request().district()).isEqualTo("ostermalm");
        assertThat(own.get(0).category()).isEqualTo("implementering");
        assertThat(own.get(0).request().neededBy()).isNotNull();
        assertThat(own.get(0).request().concern()).contains("motiverande samtal");
        assertThat(lastAnswerTo(karin)).contains("registrerad med referensen " + own.get(0).reference())
                .doesNotContain("hittar ingen förvaltning").doesNotContain("gick inte att läsa");
    }

    @Test
    void paragraphsOnOneLineAreReadAsTheirOwnLines() throws Exception {
        String per = "per.ek@stockholm.se";
        sendFixture("gmail-html-only-paragraphs.eml", per);
        round();
        List<SupportTask> own = tasks.byRequester("email", per);
        assertThat(own).hasSize(1);
        assertThat(own.get(0).request().district()).isEqualTo("ostermalm");
        assertThat(own.get(0).category()).isEqualTo("implementering");
    }

    @Test
    void anUnknownDistrictIsEchoedByItsStartOnlyNeverTheWholeRun() throws Exception {
        String eva = "eva.strom@stockholm.se";
        String glued = "Atlantis och resten av en mycket lång rad som någon klistrade in utan radbrytningar alls här";
        people().sendRaw(("From: " + eva + "\r\nTo: fou@localhost\r\nSubject: =?UTF-8?Q?St=C3=B6d?=\r\nMessage-ID: <glued-1@stockholm.se>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<div><b>Förvaltning:</b> " + glued
                + "</div><div>Vi behöver stöd att analysera vår brukarenkät, ingen brådska.</div>\r\n").getBytes(StandardCharsets.UTF_8), eva);
        round();
        String asked = lastAnswerTo(eva);
        assertThat(asked).contains("Jag vet inte vilken förvaltning du menar med ”Atlantis och resten av en mycket lång rad som").contains("…”")
                .doesNotContain("utan radbrytningar").doesNotContain("brukarenkät”");
    }

    @Test
    void aCommandInTheSubjectAloneIsTheCommandNeverANewRequest() throws Exception {
        String lisa = "lisa.nord@stockholm.se";
        sendSubjectOnly(lisa, "status", "subject-status");
        round();
        assertThat(lastAnswerTo(lisa)).contains("Du har inga förfrågningar hos FoU ännu").doesNotContain("Tack för din förfrågan");

        sendSubjectOnly(lisa, "bevakning LUM", "subject-subscribe");
        round();
        assertThat(subscriptions.find("email", lisa).orElseThrow().active()).isTrue();

        sendSubjectOnly(lisa, "avbevaka LUM", "subject-avbevaka");
        round();
        assertThat(subscriptions.find("email", lisa).orElseThrow().active()).as("avbevaka LUM stops the reminders").isFalse();
        assertThat(lastAnswerTo(lisa)).contains("inga fler påminnelser");

        for (String subject : List.of("forum", "hjälp", "kunskapsluckor")) {
            sendSubjectOnly(lisa, subject, "subject-" + subject.hashCode());
            round();
            assertThat(lastAnswerTo(lisa)).as(subject).doesNotContain("Tack för din förfrågan").doesNotContain("Vilken förvaltning");
        }
        assertThat(requestsFrom(lisa)).as("no command became a request").isZero();
        assertThat(tasks.byRequester("email", lisa)).isEmpty();
    }

    @Test
    void hjalpAloneInTheBodyUnderAnySubjectListsTheCommands() throws Exception {
        // helper 120: under a subject of its own, a body of "hjälp" and a signature began a request
        String olle = "olle.strand@stockholm.se";
        people().sendRaw(("From: Olle Strand <" + olle + ">\r\nTo: fou@localhost\r\nSubject: =?UTF-8?Q?Fr=C3=A5ga_till_FoU?=\r\n"
                + "Message-ID: <help-body@stockholm.se>\r\nDate: Mon, 7 Dec 2026 09:12:00 +0100\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "hjälp\r\n\r\nMed vänliga hälsningar\r\nOlle Strand\r\nBromma stadsdelsförvaltning\r\n")
                .getBytes(StandardCharsets.UTF_8), olle);
        round();
        assertThat(lastAnswerTo(olle)).contains("Kommandon").contains("status").doesNotContain("Tack för din förfrågan");
        assertThat(requestsFrom(olle)).isZero();
    }

    @Test
    void unsubscribeInEnglishStopsTheRemindersItNamesAsAvbevakaDoes() throws Exception {
        String sam = "sam.berg@stockholm.se";
        subscriptions.subscribe("email", sam, sam, null, List.of("LUM", "MUL"), "en", "import");
        sendSubjectOnly(sam, "unsubscribe MUL", "subject-unsubscribe");
        round();
        // the English help names "unsubscribe LUM|MUL" for "avbevaka LUM|MUL": only the one named stops
        assertThat(subscriptions.find("email", sam).orElseThrow().programmes()).containsExactly("LUM");
        sendSubjectOnly(sam, "unsubscribe", "subject-unsubscribe-all");
        round();
        assertThat(subscriptions.find("email", sam).orElseThrow().active()).isFalse();
        assertThat(requestsFrom(sam)).isZero();
    }

    @Test
    void kunskapsluckorByMailListsTheDistrictsEntriesAndHowToAnswerByMail() throws Exception {
        String nils = "nils.ask@stockholm.se";
        gaps.open(LocalDate.now(clock).getYear() + 1, new OutsideTextGuard().check("Vi vill höra om det förebyggande arbetet."),
                LocalDate.now(clock).plusDays(30), Recipient.slack("UCOORD"), Language.SV);
        sendSubjectOnly(nils, "kunskapsluckor", "subject-gaps");
        round();
        assertThat(lastAnswerTo(nils)).contains("svarar du på inbjudan eller påminnelsen från FoU").contains("Kunskapslucka:")
                .contains("Tema:").doesNotContain("Tack för din förfrågan");
        sendSubjectOnly(nils, "kunskapslucka", "subject-gap");
        round();
        assertThat(lastAnswerTo(nils)).contains("svarar du på inbjudan eller påminnelsen från FoU")
                .contains("Vad skulle hjälpa:");
        assertThat(requestsFrom(nils)).isZero();
    }

    @Test
    void anEnglishRequestIsAnsweredInEnglishThoughItNamesASwedishDistrict() throws Exception {
        String sam = "sam.taylor@stockholm.se";
        sendFixture("gmail-english-request.eml", sam);
        round();
        String answer = lastAnswerTo(sam);
        assertThat(answer).startsWith("Hello!").doesNotContain("Hej!").doesNotContain("Tack");
    }
}

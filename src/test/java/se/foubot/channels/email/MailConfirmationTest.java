package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;
import se.foubot.support.TestMail;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * The "Bekräfta:" question the bot sends before it acts on an unproven mail: it quotes the mail it is about (subject,
 * when it was sent, the text as stored, without what the privacy guard removed), the person's "ja" is answered, and a
 * late or unplaceable answer is told that the confirmation has expired instead of starting a new request. Mails go in
 * as raw bytes, Date fields as senders write them (also impossible ones).
 */
@FouBotTest
@TestPropertySource(properties = {"foubot.mail.idle=false", "foubot.mail.poll-interval=1h"})
class MailConfirmationTest {

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
    MutableClock clock;

    @Autowired
    MongoTemplate mongo;

    private TestMail people() {
        return new TestMail(mail);
    }

    private void round() {
        TestMail.round(reader, processor, sender);
    }

    private SupportTask taskOf(String person) throws Exception {
        people().send(person, "Utvärdering i Farsta", "Hej! Vi i Farsta behöver en utvärderingsplan senast 2027-03-01.\n\nHälsningar", null);
        round();
        return tasks.byRequester("email", person).get(0);
    }

    /** A reply to the task as Outlook writes it, without In-Reply-To (so the sender is not proven). */
    private void outlookReply(String from, String reference, String date, String messageId, String text) throws Exception {
        people().sendRaw(("From: " + from + "\r\nTo: fou@localhost\r\nSubject: SV: [" + reference + "] =?iso-8859-1?Q?Utv=E4rdering_i_Farsta?=\r\n"
                + "Date: " + date + "\r\nMessage-ID: <" + messageId + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=\"iso-8859-1\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + text + "\r\n").getBytes(StandardCharsets.ISO_8859_1), from);
    }

    private static String body(MimeMessage m) throws Exception {
        return m.getContent().toString();
    }

    @Test
    void theQuestionQuotesTheMailItIsAboutAndTheYesIsAnswered() throws Exception {
        String maja = "maja.ek@stockholm.se";
        SupportTask task = taskOf(maja);
        outlookReply(maja, task.reference(), "Mon, 23 Nov 2026 09:47:12 +0100", "quote-1@stockholm.se",
                "Vi blir ungef=E4r 12 personer.\r\nKlientens nummer 640823-3234 ska inte med.");
        round();

        List<MimeMessage> asked = people().inboxOf(maja, "Bekräfta:");
        assertThat(asked).hasSize(1);
        assertThat(body(asked.get(0))).contains("lägga till ditt mejl i ärendet " + task.reference())
                .contains("> Ämne: SV: [" + task.reference() + "] Utvärdering i Farsta")
                .contains("> Skickat: måndag 23 november 2026 kl. 09.47")
                .contains("> Vi blir ungefär 12 personer.")
                .contains("inom 7 dagar")
                .doesNotContain("640823-3234").doesNotContain("6408233234");

        people().send(maja, "Re: " + asked.get(0).getSubject(), "ja", asked.get(0).getMessageID());
        round();
        assertThat(tasks.find(task.reference()).orElseThrow().history())
                .anyMatch(e -> e.text().startsWith("Beställaren svarade via e-post: Vi blir ungefär 12 personer."));
        List<MimeMessage> thanked = people().inboxOf(maja).stream().filter(m -> {
            try {
                return body(m).contains("Tack för att du bekräftade");
            } catch (Exception e) {
                return false;
            }
        }).toList();
        assertThat(thanked).hasSize(1);
        assertThat(body(thanked.get(0))).contains("Nu har vi lagt till ditt mejl i ärendet " + task.reference());
    }

    @Test
    void anImpossibleDateIsTakenAsTheTimeTheMailCameNeverStoredAsWritten() throws Exception {
        String[][] dates = {{"Wed, 31 Dec 1969 23:59:59 +0000", "date-1969@stockholm.se"},
                {"Fri, 1 Jan 99999 00:00:00 +0000", "date-99999@stockholm.se"},
                {"Sat, 1 Jan 2028 10:00:00 +0100", "date-future@stockholm.se"},
                {"not a date at all", "date-garbage@stockholm.se"}};
        String nils = "nils.ek@stockholm.se";
        SupportTask task = taskOf(nils);
        java.time.Instant came = clock.instant();
        for (String[] d : dates) {
            outlookReply(nils, task.reference(), d[0], d[1], "Ett svar.");
        }
        round();
        for (org.bson.Document stored : mongo.findAll(org.bson.Document.class, MailInbox.INBOX)) {
            if (List.of("date-1969@stockholm.se", "date-99999@stockholm.se", "date-future@stockholm.se", "date-garbage@stockholm.se")
                    .contains(String.valueOf(stored.getString("messageId")).replaceAll("[<>]", ""))) {
                assertThat(stored.getDate("sentAt").toInstant()).as(stored.getString("messageId")).isEqualTo(came);
            }
        }
        assertThat(people().inboxOf(nils, "Bekräfta:")).hasSize(4).allSatisfy(m -> assertThat(body(m))
                .contains("> Skickat: måndag 23 november 2026 kl. " + java.time.format.DateTimeFormatter.ofPattern("HH.mm")
                        .format(came.atZone(java.time.ZoneId.of("Europe/Stockholm"))))
                .doesNotContain("1969").doesNotContain("99999").doesNotContain("2028"));
    }

    @Test
    void aLateYesIsToldTheConfirmationExpiredOnceAnHourAndStartsNothing() throws Exception {
        String ola = "ola.ek@stockholm.se";
        SupportTask task = taskOf(ola);
        outlookReply(ola, task.reference(), "Mon, 23 Nov 2026 10:05:00 +0100", "late-1@stockholm.se", "Vi flyttar m=F6tet.");
        round();
        MimeMessage question = people().inboxOf(ola, "Bekräfta:").get(0);
        long requestsBefore = mongo.getCollection(EmailRequestProcessor.REQUESTS).countDocuments();

        clock.advance(Duration.ofDays(8));
        // a late answer naming the question, and one whose mail program left out In-Reply-To
        people().send(ola, "SV: " + question.getSubject(), "ja", question.getMessageID());
        people().send(ola, "SV: " + question.getSubject(), "ja, det var jag", null);
        round();

        List<MimeMessage> expired = people().inboxOf(ola).stream().filter(m -> {
            try {
                return body(m).contains("Bekräftelsen du svarade på har gått ut");
            } catch (Exception e) {
                return false;
            }
        }).toList();
        // told once: the same words again within the hour would keep the bot mailing a program that answers every mail
        assertThat(expired).hasSize(1).allSatisfy(m -> assertThat(body(m)).contains("skicka ditt mejl till oss igen"));
        clock.advance(Duration.ofMinutes(61));
        people().send(ola, "SV: " + question.getSubject(), "ja, igen", null);
        round();
        assertThat(people().inboxOf(ola).stream().filter(m -> body0(m).contains("Bekräftelsen du svarade på har gått ut")))
                .as("an hour later, told again").hasSize(2);
        assertThat(mongo.getCollection(EmailRequestProcessor.REQUESTS).countDocuments()).as("no new request").isEqualTo(requestsBefore);
        assertThat(tasks.find(task.reference()).orElseThrow().history()).noneMatch(e -> e.text().contains("flyttar"));
        assertThat(people().inboxOf(ola).stream().filter(m -> TestMail.subject(m).contains("Din förfrågan")
                || body0(m).contains("Innan en FoU-utredare kan ta den"))).as("no intake question").isEmpty();
    }

    private static String body0(MimeMessage m) {
        try {
            return body(m);
        } catch (Exception e) {
            return "";
        }
    }
}

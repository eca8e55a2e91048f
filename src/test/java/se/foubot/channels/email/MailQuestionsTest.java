package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.foubot.support.FouBotTest;
import se.foubot.support.TestMail;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * The questions of issue 17 by mail, as a new user writes them, over real SMTP and IMAP: a question is answered with
 * its source and year instead of being taken for a request; an unsure one gets numbered choices, and the reply "N"
 * chooses; the last choice hands the question to an analyst as a task of kind question.
 */
@FouBotTest
class MailQuestionsTest {

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

    private void send(String from, String subject, String text, String messageId, String inReplyTo) throws Exception {
        MimeMessage m = new TestMail(mail).withMessageId(messageId);
        m.setFrom(new InternetAddress(from));
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", inReplyTo);
            m.setHeader("References", inReplyTo);
        }
        m.saveChanges();
        Transport.send(m);
    }

    private void round() {
        reader.poll();
        processor.processWaiting();
        sender.sendDue();
    }

    private List<MimeMessage> inboxOf(String address) {
        return Arrays.stream(mail.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void theQuestionsOfTheIssueAreAnsweredByMailWithTheirSource() throws Exception {
        String[][] cases = {
                {"När är sista ansökningsdag för MUL?", "fredag 10 september 2027"},
                {"Vad är MUL?", "studieres"},
                {"Vad står LUM för?", "lokala utvecklingsmedel"},
                {"När kommer beslutet?", "december"},
                {"Vem kan söka MUL?", "förvaltning"}};
        int n = 0;
        for (String[] c : cases) {
            String from = "ny" + (++n) + "@stockholm.se";
            send(from, "Fråga", "Hej!\n\n" + c[0] + "\n\nMvh Kim", "<q" + n + "@stockholm.se>", null);
            round();
            List<MimeMessage> received = inboxOf(from);
            assertThat(received).as(c[0]).hasSize(1);
            assertThat(received.get(0).getContent().toString()).as(c[0]).contains(c[1]).contains("Källa:")
                    .doesNotContain("Förvaltning: en av");
            assertThat(tasks.byRequester("email", from)).isEmpty();
        }
    }

    @Test
    void anUnsureQuestionGetsNumberedChoicesANumberOutsideThemIsAskedAgainAndTheLastOneHandsItToAnAnalyst() throws Exception {
        String from = "osaker@stockholm.se";
        send(from, "Förändringsteori", "Vad är det för krav på förändringsteori i ansökan?", "<unsure-1@stockholm.se>", null);
        round();
        MimeMessage choices = inboxOf(from).get(0);
        String text = choices.getContent().toString();
        assertThat(text).contains("Jag är inte säker").contains("1. ").contains("Fråga en FoU-utredare")
                .contains("Svara på det här mejlet med numret");

        send(from, "SV: Förändringsteori", "1\n\n> " + text.lines().findFirst().orElse(""), "<unsure-2@stockholm.se>",
                choices.getMessageID());
        round();
        assertThat(inboxOf(from)).hasSize(2);
        assertThat(inboxOf(from).get(1).getContent().toString()).contains("Källa:");

        // a number that chooses nothing is asked again, not taken as a new request
        send(from, "SV: Förändringsteori", "7", "<unsure-2b@stockholm.se>", choices.getMessageID());
        round();
        assertThat(inboxOf(from)).hasSize(3);
        assertThat(inboxOf(from).get(2).getContent().toString()).contains("Jag hade bara alternativ 1 till");
        send(from, "SV: Förändringsteori", "100 tack", "<unsure-2c@stockholm.se>", choices.getMessageID());
        round();
        assertThat(inboxOf(from)).hasSize(4);
        assertThat(inboxOf(from).get(3).getContent().toString()).contains("Jag hade bara alternativ 1 till");
        assertThat(tasks.byRequester("email", from)).isEmpty();

        String last = text.lines().filter(l -> l.endsWith("Fråga en FoU-utredare")).findFirst().orElseThrow();
        // written in full-width digits, as a Japanese input method would
        String fullWidth = last.substring(0, last.indexOf('.')).chars().mapToObj(c -> String.valueOf((char) (c - '0' + '０')))
                .collect(java.util.stream.Collectors.joining());
        send(from, "SV: Förändringsteori", fullWidth, "<unsure-3@stockholm.se>", choices.getMessageID());
        round();
        SupportTask task = tasks.byRequester("email", from).get(0);
        assertThat(task.request().isQuestion()).isTrue();
        assertThat(task.request().concern()).isEqualTo("Vad är det för krav på förändringsteori i ansökan?");
        assertThat(task.request().contactEmail()).isEqualTo(from);
        assertThat(inboxOf(from)).hasSize(5);
        assertThat(inboxOf(from).get(4).getContent().toString()).contains("Din fråga har gått till FoU-utredarna med referensen "
                + task.reference()).contains("per mejl");
        // helper 118: the subject kept the old words only, without the reference to keep in replies
        assertThat(TestMail.subject(inboxOf(from).get(4))).isEqualTo("[" + task.reference() + "] Förändringsteori");
    }

    @Test
    void aMailThatStatesANeedIsARequestEvenWhenItAlsoAsks() throws Exception {
        String from = "projekt@stockholm.se";
        send(from, "Stöd till LUM-ansökan", """
                Hej,

                Ska skicka in en projektansökan om lokala utvecklingsmedel nu i höst, behöver bolla målen och hur vi ska \
                följa upp arbetet. Hur gör vi bäst?

                Senast 20 mars

                Vänliga hälsningar
                Sara Lind
                Bromma stadsdelsförvaltning
                """, "<need-1@stockholm.se>", null);
        round();
        String reply = inboxOf(from).get(0).getContent().toString();
        assertThat(reply).doesNotContain("Jag är inte säker").doesNotContain("Källa:");
        assertThat(reply).containsAnyOf("registrerad", "Förvaltning:", "Typ av stöd:", "Behövs senast:");
    }

    @Test
    void aRequestByMailIsStillARequest() throws Exception {
        String from = "begaran@stockholm.se";
        send(from, "Stöd med analys", "Hej!\n\nVi behöver hjälp att analysera resultaten från vår brukarenkät.\n\nMvh Anna",
                "<still-request@stockholm.se>", null);
        round();
        assertThat(inboxOf(from).get(0).getContent().toString()).contains("Förvaltning: en av");
    }
}

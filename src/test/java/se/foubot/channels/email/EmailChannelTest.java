package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.support.FouBotTest;
import se.foubot.support.LogCapture;
import se.foubot.support.TestMail;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * Email end to end over real SMTP and IMAP (the embedded GreenMail server), the real store and engine: the
 * mailbox is read, mail is processed and the outbox sent, one step at a time, as the scheduler would.
 */
@FouBotTest
class EmailChannelTest {

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
    MongoTemplate mongo;

    @Autowired
    se.foubot.support.MutableClock clock;

    private MimeMessage send(String from, String subject, String text, String messageId, String inReplyTo,
            String... extraHeaders) throws Exception {
        MimeMessage m = new se.foubot.support.TestMail(mail).withMessageId(messageId);
        m.setFrom(new InternetAddress(from));
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", inReplyTo);
            m.setHeader("References", inReplyTo);
        }
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            m.setHeader(extraHeaders[i], extraHeaders[i + 1]);
        }
        m.saveChanges();
        Transport.send(m);
        return m;
    }

    /** One round of the bot's email work: read the mailbox, process, send. */
    private void round() {
        reader.poll();
        processor.processWaiting();
        sender.sendDue();
    }

    private List<MimeMessage> inboxOf(String address) throws Exception {
        return Arrays.stream(mail.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** An analyst claims the task and asks its requester "Hur många deltar?"; @return the requester's mails then. */
    private List<MimeMessage> analystAsksTheRequester(SupportTask task, String requester) throws Exception {
        tasks.claim(task.reference(), "UANALYST1");
        tasks.note(task.reference(), "UANALYST1", "question", "<@UANALYST1> frågade beställaren: Hur många deltar?",
                "Hur många deltar?");
        sender.sendDue();
        return inboxOf(requester);
    }

    /** The received mail (or mails) stored under this Message-ID: its key begins with the Message-ID hashed. */
    private static Query storedAs(String messageId) {
        return Query.query(Criteria.where("_id").regex("^" + java.util.regex.Pattern.quote(MailParser.keyOf(messageId) + MailParser.SAME_MAIL)));
    }

    private static String body(MimeMessage m) throws Exception {
        return m.getContent().toString();
    }

    @Test
    void aMailMissingFactsGetsOneQuestionAndTheAnswerMakesATask() throws Exception {
        String anna = "anna.andersson@stockholm.se";
        send(anna, "Stöd med analys", "Hej!\n\nVi behöver hjälp att analysera resultaten från vår brukarenkät.\n\n"
                + "Med vänlig hälsning\nAnna", "<req-1@stockholm.se>", null);
        round();
        List<MimeMessage> received = inboxOf(anna);
        assertThat(received).hasSize(1);
        MimeMessage question = received.get(0);
        assertThat(question.getSubject()).isEqualTo("Re: Stöd med analys");
        assertThat(question.getHeader("In-Reply-To")[0]).isEqualTo("<req-1@stockholm.se>");
        assertThat(question.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        // asked with the chat's own questions and labels (conversation-flows/intake.yaml)
        assertThat(body(question)).contains("Vilken förvaltning arbetar du på?").contains("Förvaltning: en av Bromma")
                .contains("När behöver ni stödet senast?").contains("Behövs senast: ett datum").doesNotContain("Typ av stöd: en av");

        send(anna, "SV: Stöd med analys", "Förvaltning: Bromma\nSenast: ingen brådska\n\n"
                + "Den 23 nov. 2026 skrev FoU-boten <fou@localhost>:\n> Tack för din förfrågan", "<req-2@stockholm.se>",
                question.getMessageID());
        round();
        SupportTask task = tasks.byRequester("email", anna).get(0);
        assertThat(task.request().district()).isEqualTo("bromma");
        assertThat(task.category()).isEqualTo("analys");
        assertThat(task.request().neededBy()).isNull();
        assertThat(task.request().concern()).contains("analysera resultaten från vår brukarenkät");
        received = inboxOf(anna);
        assertThat(received).hasSize(2);
        assertThat(received.get(1).getSubject()).isEqualTo("[" + task.reference() + "] Stöd med analys");
        assertThat(body(received.get(1))).contains("registrerad med referensen " + task.reference());

        // an out-of-office answer to the confirmation: no task, no answer
        send(anna, "Automatiskt svar: [" + task.reference() + "] Stöd med analys", "Jag är ledig till måndag.",
                "<ooo-1@stockholm.se>", received.get(1).getMessageID(), "Auto-Submitted", "auto-replied");
        round();
        assertThat(inboxOf(anna)).hasSize(2);
        assertThat(mongo.findOne(storedAs("<ooo-1@stockholm.se>"), Document.class, MailInbox.QUARANTINE)).isNotNull();
        assertThat(tasks.find(task.reference()).orElseThrow().history()).noneMatch(e -> e.text().contains("ledig"));
    }

    /**
     * Helper 101: a holiday responder without Auto-Submitted or X-Autoreply answered each of the bot's questions, and
     * each answer was asked again: ten identical mails in 80 seconds. The same question goes twice an hour at most.
     */
    @Test
    void anAutoResponderWithoutItsHeadersHearsTheSameQuestionAtMostTwiceAnHour() throws Exception {
        String away = "semester.svar@stockholm.se";
        send(away, "Hjälp", "Hej", "<loop-0@stockholm.se>", null);
        round();
        for (int i = 1; i <= 6; i++) {
            List<MimeMessage> asked = inboxOf(away);
            MimeMessage last = asked.get(asked.size() - 1);
            send(away, "SV: " + last.getSubject(), "Tack för ditt mejl. Jag är på semester till och med 4 januari och läser inte mejl.",
                    "<loop-" + i + "@stockholm.se>", last.getMessageID());
            round();
        }
        List<MimeMessage> asked = inboxOf(away);
        assertThat(asked).as("the first question, and the same question twice after it").hasSizeLessThanOrEqualTo(3);
        assertThat(body(asked.get(asked.size() - 1))).contains("Vilken förvaltning arbetar du på?");

        // an hour on, an answer that still says nothing is asked once more
        clock.advance(java.time.Duration.ofMinutes(61));
        MimeMessage last = asked.get(asked.size() - 1);
        send(away, "SV: " + last.getSubject(), "Tack för ditt mejl. Jag är på semester.", "<loop-7@stockholm.se>", last.getMessageID());
        round();
        assertThat(inboxOf(away)).hasSize(asked.size() + 1);
    }

    @Test
    void aCompleteMailBecomesATaskAtOnceAndTheSameMailTwiceIsOneTask() throws Exception {
        String per = "per.persson@stockholm.se";
        String text = "Hej, vi på Skarpnäcks stadsdelsförvaltning behöver en utvärderingsplan för vårt nya arbetssätt. "
                + "Vi behöver den senast 2027-02-15.";
        send(per, "Utvärdering", text, "<twice@stockholm.se>", null);
        send(per, "Utvärdering", text, "<twice@stockholm.se>", null);
        round();
        round();
        List<SupportTask> own = tasks.byRequester("email", per);
        assertThat(own).hasSize(1);
        assertThat(own.get(0).request().district()).isEqualTo("skarpnack");
        assertThat(own.get(0).category()).isEqualTo("utvardering");
        assertThat(own.get(0).request().neededBy()).hasToString("2027-02-15");
        assertThat(inboxOf(per)).hasSize(1);
    }

    @Test
    void anotherMailUnderAMessageIdAlreadyReadIsStillARequestOfItsOwn() throws Exception {
        // a scanner or form tool that writes one fixed Message-ID, or someone who sent a copied one first
        String first = "x1.scanner@stockholm.se";
        String second = "x2.scanner@stockholm.se";
        send(first, "Utvärdering", "Vi i Skarpnäck behöver en utvärderingsplan för vårt nya arbetssätt. Vi behöver den senast 2027-02-15.",
                "<same-77@scanner.local>", null, "Date", "Thu, 3 Dec 2026 09:00:00 +0100");
        round();
        send(second, "Utvärdering i Bromma", "Vi i Bromma behöver en utvärderingsplan för vår nya hemtjänstrutin. Vi behöver den senast 2027-03-01.",
                "<same-77@scanner.local>", null);
        round();
        // the same sender, subject, date and Message-ID again, another body (a form tool sending twice within a second): another request
        send(first, "Utvärdering", "Vi i Farsta behöver en utvärderingsplan för vår dagverksamhet. Vi behöver den senast 2027-04-01.",
                "<same-77@scanner.local>", null, "Date", "Thu, 3 Dec 2026 09:00:00 +0100");
        round();
        assertThat(tasks.byRequester("email", first)).hasSize(2);
        assertThat(tasks.byRequester("email", second)).hasSize(1);
        assertThat(tasks.byRequester("email", second).get(0).request().district()).isEqualTo("bromma");
        assertThat(inboxOf(second)).hasSize(1);
    }

    @Test
    void aSendersReplyToTheirOwnRequestGoesOnWithItInsteadOfStartingAnother() throws Exception {
        // written from the sent folder: "I forgot to say…", In-Reply-To the sender's own first mail, not the bot's question
        String nils = "nils.ek@stockholm.se";
        send(nils, "Statistik väntetider", "Vi behöver hjälp att ta fram statistik över väntetiderna till vår dagverksamhet.",
                "<n1-1@stockholm.se>", null);
        round();
        assertThat(inboxOf(nils)).hasSize(1);
        assertThat(body(inboxOf(nils).get(0))).contains("Vilken förvaltning arbetar du på?");
        send(nils, "SV: Statistik väntetider", "Glömde skriva:\nFörvaltning: Farsta\nTyp av stöd: vet inte\nBehövs senast: ingen brådska\n\n"
                + "Från: Nils Ek\nSkickat: den 3 december 2026 09:12\nTill: FoU\nÄmne: Statistik väntetider\n\n"
                + "Vi behöver hjälp att ta fram statistik över väntetiderna till vår dagverksamhet.", "<n1-2@stockholm.se>",
                "<n1-1@stockholm.se>");
        round();
        List<SupportTask> own = tasks.byRequester("email", nils);
        assertThat(own).hasSize(1);
        assertThat(own.get(0).request().district()).isEqualTo("farsta");
        assertThat(own.get(0).request().concern()).contains("statistik över väntetiderna");
        assertThat(inboxOf(nils)).hasSize(2);
        assertThat(body(inboxOf(nils).get(1))).contains("registrerad med referensen " + own.get(0).reference());
    }

    @Test
    void anAnalystsQuestionGoesByMailAndAReplyFromAnotherClientComesBackToTheTask() throws Exception {
        String lisa = "lisa.berg@stockholm.se";
        send(lisa, "Kunskapsluckor", "Vi i Farsta vill inventera kunskapsluckor inför en utbildning. Ingen brådska.",
                "<ask-1@stockholm.se>", null);
        round();
        SupportTask task = tasks.byRequester("email", lisa).get(0);
        List<MimeMessage> received = analystAsksTheRequester(task, lisa);
        assertThat(received).extracting(MimeMessage::getSubject).contains("[" + task.reference() + "] Fråga från FoU");
        MimeMessage question = received.stream().filter(m -> {
            try {
                return m.getSubject().contains("Fråga");
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).findFirst().orElseThrow();
        assertThat(body(question)).contains("Hur många deltar?");

        // a reply whose client kept no In-Reply-To: the [FOU-…] in the subject finds the task, but anyone can write
        // that subject, so Lisa is asked first whether it was her; her answer to that mail proves her address
        send(lisa, "SV: Sv: [" + task.reference() + "] Fråga från FoU", "Ungefär 25 personer.", "<ask-2@stockholm.se>", null);
        round();
        assertThat(tasks.find(task.reference()).orElseThrow().history()).noneMatch(e -> e.text().contains("25 personer"));
        MimeMessage confirm = inboxOf(lisa).stream().filter(m -> se.foubot.support.TestMail.subject(m).startsWith("Bekräfta:")).findFirst()
                .orElseThrow();
        assertThat(body(confirm)).contains("lägga till ditt mejl i ärendet " + task.reference()).contains("svara ”ja” på det här mejlet");
        send(lisa, "SV: " + confirm.getSubject(), "ja", "<ask-3@stockholm.se>", confirm.getMessageID());
        round();
        assertThat(tasks.find(task.reference()).orElseThrow().history())
                .filteredOn(e -> e.text().equals("Beställaren svarade via e-post: Ungefär 25 personer.")).hasSize(1);
    }

    @Test
    void theRequesterIsToldOfTheClaimEachNewStatusAndTheEndButNothingMoreWhenTheTaskIsMade() throws Exception {
        String olle = "olle.strand@stockholm.se";
        send(olle, "Utvärdering", "Vi i Farsta vill utvärdera hemtjänstens nya arbetssätt. Ingen brådska.", "<notice-1@stockholm.se>",
                null);
        round();
        SupportTask task = tasks.byRequester("email", olle).get(0);
        List<MimeMessage> afterIntake = inboxOf(olle);
        assertThat(afterIntake).as("the reply to the mail, and no notice of the task's making beside it").hasSize(1);
        assertThat(body(afterIntake.get(0))).contains(task.reference());

        tasks.claim(task.reference(), "UANALYST1");
        tasks.setStatus(task.reference(), "UANALYST1", se.foubot.tasks.TaskStatus.IN_PROGRESS);
        tasks.note(task.reference(), "UANALYST1", "note", "en anteckning för utredarna");
        tasks.setStatus(task.reference(), "UANALYST1", se.foubot.tasks.TaskStatus.DONE);
        sender.sendDue();
        List<MimeMessage> notices = inboxOf(olle).subList(1, inboxOf(olle).size());
        assertThat(notices).as("a claim, a status, the end; the note tells nothing").hasSize(3);
        assertThat(notices).extracting(TestMail::subject).allMatch(s -> s.contains("Din förfrågan till FoU"));
        List<String> bodies = new java.util.ArrayList<>();
        for (MimeMessage notice : notices) {
            bodies.add(body(notice));
        }
        assertThat(bodies).anyMatch(b -> b.contains("Din förfrågan " + task.reference() + " har tagits av"))
                .anyMatch(b -> b.contains("Din förfrågan " + task.reference() + " har fått status: Pågår"))
                .anyMatch(b -> b.contains("Din förfrågan " + task.reference() + " är klar. Tack för att du vände dig till FoU!"));
    }

    /** A mail as Outlook on a phone writes a new one (not a reply): no In-Reply-To, the subject as the person typed it. */
    private static byte[] newMail(String from, String subject, String messageId, String text) {
        return ("From: " + from + "\r\nTo: FoU <fou@localhost>\r\nSubject: " + subject + "\r\nDate: Sun, 6 Dec 2026 21:40:12 +0100\r\n"
                + "Message-ID: " + messageId + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\n"
                + "Content-Transfer-Encoding: 7bit\r\n\r\n" + text).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void aNewMailNamingTheSendersTaskInItsSubjectWithoutBracketsGoesToThatTaskInTheTasksLanguage() throws Exception {
        TestMail people = new TestMail(mail);
        String emma = "emma.smith@stockholm.se";
        people.sendRaw(newMail("Emma Smith <" + emma + ">", "Help with a survey", "<ref-en-1@stockholm.se>",
                "Hi,\r\n\r\nWe need help with a survey of our home care users in Bromma. We would like it done by 2027-02-26.\r\n"),
                emma);
        round();
        SupportTask task = tasks.byRequester("email", emma).get(0);
        assertThat(task.request().language()).isEqualTo("en");

        // the confirmation asked her to keep the reference in the subject, and she did, her own way, with nothing else
        // to tell the language by
        people.sendRaw(newMail("Emma Smith <" + emma + ">", "cancel " + task.reference().toLowerCase(java.util.Locale.ROOT),
                "<ref-en-2@stockholm.se>", ""), emma);
        round();
        assertThat(tasks.byRequester("email", emma)).as("no new request").hasSize(1);
        MimeMessage confirm = inboxOf(emma).get(inboxOf(emma).size() - 1);
        assertThat(TestMail.subject(confirm)).startsWith("Please confirm:");
        assertThat(body(confirm)).contains("add your mail to " + task.reference());

        send(emma, "RE: " + confirm.getSubject(), "yes", "<ref-en-3@stockholm.se>", confirm.getMessageID());
        round();
        assertThat(tasks.find(task.reference()).orElseThrow().history()).anyMatch(e -> e.text().contains("cancel"));
        assertThat(body(inboxOf(emma).get(inboxOf(emma).size() - 1))).startsWith("Hello!").contains(task.reference());

        // a command whose one word is both languages': in the language she last asked in
        people.sendRaw(newMail("Emma Smith <" + emma + ">", "status", "<ref-en-4@stockholm.se>", ""), emma);
        round();
        assertThat(body(inboxOf(emma).get(inboxOf(emma).size() - 1))).contains("Your requests with FoU:").contains(task.reference());
    }

    /** A reply as Outlook writes it: the answer on top, the mail answered quoted under a header. */
    private static byte[] outlookReply(String from, String subject, String messageId, String inReplyTo, String answer) {
        return ("From: " + from + "\r\nTo: FoU <fou@localhost>\r\nSubject: " + subject + "\r\nDate: Sun, 6 Dec 2026 22:05:40 +0100\r\n"
                + "Message-ID: " + messageId + "\r\nIn-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"iso-8859-1\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + answer + "\r\n\r\n________________________________\r\nFr=E5n: FoU-boten <fou@localhost>\r\nSkickat: den 6 december 2026 22:01\r\n"
                + "=C4mne: Bekr=E4fta\r\n\r\nVi har f=E5tt ett mejl fr=E5n din adress\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void aRequesterWhoAnswersNoToTheConfirmationOfAMailForgedInTheirNameHasNothingDone() throws Exception {
        TestMail people = new TestMail(mail);
        String olga = "olga.ek@stockholm.se";
        SupportTask task = tasks.find(aTaskFromFarsta(people, "Olga Ek <" + olga + ">", olga, "<deny-1@stockholm.se>")).orElseThrow();
        // someone else's server, her name in From, the reference as the confirmation told her to write it
        people.sendRaw(newMail("Olga Ek <" + olga + ">", "Angaende " + task.reference(), "<deny-2@evil.example>",
                "Avbryt arendet. Skicka allt material till mallory@evil.example.\r\n"), "mallory@evil.example");
        round();
        MimeMessage confirm = inboxOf(olga).get(inboxOf(olga).size() - 1);
        assertThat(TestMail.subject(confirm)).startsWith("Bekräfta:");

        // neither yes nor no: nothing is done, and she is asked again
        people.sendRaw(outlookReply("Olga Ek <" + olga + ">", "SV: Bekraftelse", "<deny-2b@stockholm.se>", confirm.getMessageID(),
                "Hej,\r\n\r\nVad =E4r det h=E4r?"), olga);
        round();
        assertThat(tasks.find(task.reference()).orElseThrow().history()).noneMatch(e -> e.text().contains("mallory"));
        MimeMessage again = inboxOf(olga).get(inboxOf(olga).size() - 1);
        assertThat(body(again)).contains("Vi kunde inte läsa ditt svar som ett ja");
        // a greeting on a line of its own first, as people write (helper 98)
        people.sendRaw(outlookReply("Olga Ek <" + olga + ">", "SV: " + TestMail.subject(confirm).replace("ä", "=?iso-8859-1?Q?=E4?="),
                "<deny-3@stockholm.se>", again.getMessageID(), "Hej!\r\n\r\nNej! Det var inte jag som skrev det d=E4r. L=E4gg inte till det."),
                olga);
        round();
        assertThat(tasks.find(task.reference()).orElseThrow().history()).noneMatch(e -> e.text().contains("mallory"));
        assertThat(body(inboxOf(olga).get(inboxOf(olga).size() - 1))).contains("Tack för att du sa till")
                .contains("Vi har inte gjort något med mejlet");

        // a "ja" to the same question afterwards changes nothing
        send(olga, "SV: " + confirm.getSubject(), "ja", "<deny-4@stockholm.se>", confirm.getMessageID());
        round();
        assertThat(tasks.find(task.reference()).orElseThrow().history()).noneMatch(e -> e.text().contains("mallory"));
    }

    @Test
    void aNewMailAboutTheSendersTaskKeepsTheSubjectTheyWroteAndFindsTheirTaskAmongOthersOrWithWordsDashes() throws Exception {
        TestMail people = new TestMail(mail);
        String mats = "mats.lind@stockholm.se";
        String own = aTaskFromFarsta(people, mats, mats, "<subj-1@stockholm.se>");
        String other = tasks.byRequester("email", "olle.strand@stockholm.se").isEmpty() ? "FOU-2026-9998"
                : tasks.byRequester("email", "olle.strand@stockholm.se").get(0).reference();
        people.sendRaw(newMail(mats, "Tillagg till " + own + " - brukarrad", "<subj-2@stockholm.se>",
                "Vi vill ocksa ha med brukarradet.\r\n"), mats);
        round();
        confirmTheLastQuestion(mats, "<subj-2c@stockholm.se>", "Ja, det var jag. En sak till: vi behöver det före nämnden i april.");
        // Word's autocorrect made the dashes an en dash and a minus sign; another task named first
        people.sendRaw(newMail(mats, "=?UTF-8?Q?" + other + "_och_" + own.replaceFirst("-", "=E2=80=93").replace("-", "=E2=88=92") + "?=",
                "<subj-3@stockholm.se>", "Datum: 15 mars.\r\n"), mats);
        round();
        confirmTheLastQuestion(mats, "<subj-3c@stockholm.se>", "ja");
        round();
        assertThat(tasks.byRequester("email", mats)).as("no new request").hasSize(1);
        assertThat(tasks.find(own).orElseThrow().history()).anyMatch(e -> e.text().contains("Tillagg till " + own + " - brukarrad")
                && e.text().contains("Vi vill ocksa ha med brukarradet.") && e.text().contains("före nämnden i april"))
                .anyMatch(e -> e.text().contains("Datum: 15 mars.") && !e.text().endsWith("ja"));
    }

    /** {@code address} asks for an evaluation in Farsta by a new mail, which becomes a task at once. @return its reference */
    private String aTaskFromFarsta(TestMail people, String from, String address, String messageId) throws Exception {
        people.sendRaw(newMail(from, "Utvardering", messageId,
                "Hej! Vi i Farsta vill utvardera hemtjanstens nya arbetssatt. Ingen bradska.\r\n"), address);
        round();
        return tasks.byRequester("email", address).get(0).reference();
    }

    /** Answers the newest "Bekräfta:" mail {@code address} got. */
    private void confirmTheLastQuestion(String address, String messageId, String answer) throws Exception {
        MimeMessage confirm = inboxOf(address).get(inboxOf(address).size() - 1);
        assertThat(TestMail.subject(confirm)).startsWith("Bekräfta:");
        send(address, "SV: " + confirm.getSubject(), answer, messageId, confirm.getMessageID());
        round();
        round();
    }

    @Test
    void aYesToTheQuestionBackAboutGrantRemindersSubscribesAndStartsNoRequest() throws Exception {
        String fia = "fia.frost@stockholm.se";
        send(fia, "bevakning av nya projekt", "", "<which-1@stockholm.se>", null);
        round();
        MimeMessage asked = inboxOf(fia).get(0);
        assertThat(body(asked)).contains("Vill du ha påminnelser inför sista dagarna för LUM och MUL?");

        // helper 120: "ja" began a support request
        send(fia, "SV: " + asked.getSubject(), "ja", "<which-2@stockholm.se>", asked.getMessageID());
        round();
        assertThat(body(inboxOf(fia).get(inboxOf(fia).size() - 1))).contains("LUM och MUL").doesNotContain("Tack för din förfrågan");
        assertThat(mongo.count(Query.query(Criteria.where("from").is(fia)), EmailRequestProcessor.REQUESTS)).isZero();
    }

    @Test
    void aMailAboutATaskRetentionHasAnonymisedIsAnsweredThatItWasNotKept() throws Exception {
        TestMail people = new TestMail(mail);
        String anna = "anna.gallrad@stockholm.se";
        String reference = aTaskFromFarsta(people, anna, anna, "<anon-1@stockholm.se>");
        MimeMessage confirmation = inboxOf(anna).get(0);
        tasks.claim(reference, "UANALYST1");
        tasks.setStatus(reference, "UANALYST1", se.foubot.tasks.TaskStatus.DONE);
        mongo.getCollection("support_tasks").updateOne(new Document("_id", reference), new Document("$set",
                new Document("requester.person", se.foubot.tasks.SupportTask.ANONYMISED).append("request.concern",
                        se.foubot.tasks.SupportTask.ANONYMISED)).append("$unset", new Document("requester.address", "")));

        // helper 119: her answer was filed as a third party's, dropped, and nobody told
        send(anna, "SV: " + confirmation.getSubject(), "Det gäller enheterna i Farsta centrum.", "<anon-2@stockholm.se>",
                confirmation.getMessageID());
        round();
        // (the notices of the claim and the status go out meanwhile, in any order)
        assertThat(inboxOf(anna)).anySatisfy(answer -> assertThat(body(answer)).startsWith("Hej!")
                .contains(reference + " har avslutats och gallrats, så ditt mejl kunde inte läggas till i ärendet och har inte sparats."));
        assertThat(tasks.find(reference).orElseThrow().history()).noneMatch(e -> e.text().contains("Farsta centrum"));
        // helper 120: told "har inte sparats", its text was still in the inbox
        Document stored = mongo.findOne(storedAs("<anon-2@stockholm.se>"), Document.class, MailInbox.INBOX);
        assertThat(stored.getString("outcome")).isEqualTo(MailInbox.NOT_KEPT);
        assertThat(stored.get("text")).isNull();
    }

    @Test
    void theRequesterNamingTheirAnonymisedTaskWithoutBracketsIsToldItWasAnonymisedNotThatItIsSomeoneElses() throws Exception {
        TestMail people = new TestMail(mail);
        String ida = "ida.gallrad@stockholm.se";
        String reference = aTaskFromFarsta(people, ida, ida, "<anon-free-1@stockholm.se>");
        tasks.claim(reference, "UANALYST1");
        tasks.setStatus(reference, "UANALYST1", se.foubot.tasks.TaskStatus.DONE);
        mongo.getCollection("support_tasks").updateOne(new Document("_id", reference), new Document("$set",
                new Document("requester.person", se.foubot.tasks.SupportTask.ANONYMISED).append("request.concern",
                        se.foubot.tasks.SupportTask.ANONYMISED)).append("$unset", new Document("requester.address", "")));
        int before = inboxOf(ida).size();

        // helper 120: "Angående FOU-…" about her own anonymised task was answered "not a request you sent"
        people.sendRaw(newMail(ida, "Angående " + reference, "<anon-free-2@stockholm.se>",
                "Hej! Vi i Farsta vill nu följa upp utvärderingen av hemtjänstens nya arbetssätt. Ingen brådska.\r\n"), ida);
        round();
        assertThat(inboxOf(ida).subList(before, inboxOf(ida).size())).anySatisfy(answer -> assertThat(body(answer))
                .contains("Ämnesraden nämner " + reference + ", men det ärendet har avslutats och gallrats, så vi har tagit emot "
                        + "ditt mejl som en ny förfrågan.")
                .doesNotContain("inte ett ärende som du har skickat in"));
        assertThat(tasks.find(reference).orElseThrow().history()).noneMatch(e -> e.text().contains("följa upp"));
        assertThat(mongo.findOne(storedAs("<anon-free-2@stockholm.se>"), Document.class, MailInbox.INBOX).getString("outcome"))
                .as("taken as a new request").matches("asked|task:FOU-.*").isNotEqualTo("task:" + reference);

        // a command under that subject is answered, and the notice says the same of the reference
        before = inboxOf(ida).size();
        people.sendRaw(newMail(ida, "Re: " + reference, "<anon-free-3@stockholm.se>", "status\r\n"), ida);
        round();
        assertThat(inboxOf(ida).subList(before, inboxOf(ida).size())).anySatisfy(answer -> assertThat(body(answer))
                .contains("Ämnesraden nämner " + reference + ", men det ärendet har avslutats och gallrats, så ditt mejl lades "
                        + "inte till i det."));
    }

    @Test
    void someoneElseNamingATaskInASubjectWithoutBracketsStartsARequestOfTheirOwn() throws Exception {
        TestMail people = new TestMail(mail);
        String first = "stina.holm@stockholm.se";
        String reference = aTaskFromFarsta(people, first, first, "<ref-other-1@stockholm.se>");
        String other = "karl.nord@stockholm.se";
        people.sendRaw(newMail(other, "Som " + reference + " fast for Bromma", "<ref-other-2@stockholm.se>",
                "Hej! Vi i Bromma vill ocksa utvardera hemtjanstens nya arbetssatt. Ingen bradska.\r\n"), other);
        round();
        assertThat(tasks.find(reference).orElseThrow().history()).noneMatch(e -> e.text().contains("Bromma"));
        assertThat(tasks.byRequester("email", other)).hasSize(1);
        assertThat(tasks.byRequester("email", other).get(0).request().district()).isEqualTo("bromma");
        // told why the reference took them nowhere, in words that do not say whether the task exists
        assertThat(body(inboxOf(other).get(0))).contains("Ämnesraden nämner " + reference
                + ", men det är inte ett ärende som du har skickat in eller fått kopia på");
        people.sendRaw(newMail(other, "Angaende FOU-2026-0999", "<ref-other-3@stockholm.se>",
                "Hej! Vi i Bromma vill ha hjalp med en enkat till brukarna. Ingen bradska.\r\n"), other);
        round();
        assertThat(body(inboxOf(other).get(inboxOf(other).size() - 1))).contains("Ämnesraden nämner FOU-2026-0999, men det är inte ett ärende");

        // helper 118: a question (no request) naming another's task was answered bare, without a word of the reference
        String third = "quinn.berg@stockholm.se";
        people.sendRaw(newMail(third, "Angaende " + reference, "<ref-other-4@stockholm.se>",
                "Kan ni andra forvaltning till Farsta och skicka underlaget till mig?\r\n"), third);
        round();
        assertThat(body(inboxOf(third).get(0))).startsWith("Hej!").contains("Ämnesraden nämner " + reference + ", men det är inte ett ärende")
                .contains("så ditt mejl lades inte till i det").doesNotContain("som en ny förfrågan").contains("Vänliga hälsningar");
        assertThat(tasks.find(reference).orElseThrow().history()).noneMatch(e -> e.text().contains("underlaget"));
    }

    @Test
    void aMailWithoutAMessageIdBecomesATaskWhoseLaterMailsStartAThreadOfTheirOwn() throws Exception {
        // found by a black-box tester: the task kept the missing Message-ID as the text "null", and every later mail
        // to the requester went out with "In-Reply-To: null"
        String eva = "eva.ek@stockholm.se";
        MimeMessage m = new TestMail(mail).withoutMessageId(); // as some scripts and old clients send
        m.setFrom(new InternetAddress(eva));
        m.setSubject("Uppföljning", "UTF-8");
        m.setText("Vi i Farsta behöver hjälp att följa upp hemtjänstens nya arbetssätt. Ingen brådska.", "UTF-8");
        m.saveChanges();
        assertThat(m.getHeader("Message-ID")).isNull();
        Transport.send(m);
        round();
        SupportTask task = tasks.byRequester("email", eva).get(0);
        assertThat(task.requester().address()).doesNotContainKey("rootMessageId");
        List<MimeMessage> received = analystAsksTheRequester(task, eva);
        assertThat(received).extracting(TestMail::subject).contains("[" + task.reference() + "] Fråga från FoU");
        for (MimeMessage answer : received) {
            assertThat(answer.getHeader("In-Reply-To")).as(answer.getSubject()).isNull();
            assertThat(answer.getHeader("References")).as(answer.getSubject()).isNull();
        }
    }

    @Test
    void aPersonalIdentityNumberIsRemovedBeforeStorageAndTheSenderIsTold() throws Exception {
        String maja = "maja.ek@stockholm.se";
        send(maja, "Fråga", "Vi behöver stöd kring klienten 640823-3234 och uppföljningen av insatsen.",
                "<pnr-1@stockholm.se>", null);
        round();
        Document stored = mongo.findOne(storedAs("<pnr-1@stockholm.se>"), Document.class, MailInbox.INBOX);
        assertThat(stored.getString("text")).doesNotContain("640823-3234").contains("[personnummer borttaget]");
        assertThat(mongo.find(new Query(), Document.class, EmailRequestProcessor.REQUESTS).toString()).doesNotContain("640823-3234");
        assertThat(body(inboxOf(maja).get(0))).contains("Ditt mejl innehöll ett personnummer");
    }

    @Test
    void aSenderWhoseDistrictIsKnownAsDataIsNotAskedForIt() throws Exception {
        String fm = "fou.farsta@stockholm.se";
        send(fm, "Utvärdering", "Vi behöver en utvärderingsplan, ingen brådska.", "<known-1@stockholm.se>", null);
        round();
        assertThat(tasks.byRequester("email", fm)).singleElement()
                .satisfies(t -> assertThat(t.request().district()).isEqualTo("farsta"));
    }

    @Test
    void oneSenderGetsAtMostTenMailsAnHour() throws Exception {
        String noisy = "loop.tester@stockholm.se";
        for (int i = 0; i < 12; i++) {
            send(noisy, "Fråga " + i, "Kan ni hjälpa oss?", "<noisy-" + i + "@stockholm.se>", null);
        }
        round();
        assertThat(inboxOf(noisy)).hasSize(10);
        assertThat(mongo.count(Query.query(Criteria.where("from").is(noisy)), EmailRequestProcessor.REQUESTS))
                .as("every mail is still taken care of").isEqualTo(12);
    }

    @Test
    void mailFromAnotherDomainIsQuarantinedWithoutAnswer() throws Exception {
        send("offers@example.com", "Erbjudande", "Köp nu!", "<spam-1@example.com>", null);
        round();
        assertThat(mongo.count(storedAs("<spam-1@example.com>"), MailInbox.QUARANTINE)).isEqualTo(1);
        assertThat(inboxOf("offers@example.com")).isEmpty();
    }

    @Test
    void aSenderWithNoReadableAddressIsQuarantinedAndNoControlCharacterReachesTheLog() throws Exception {
        TestMail people = new TestMail(mail);
        long outbox = mongo.count(new Query(), "outbox");
        try (LogCapture log = new LogCapture()) {
            for (String[] from : new String[][] {{"undisclosed-recipients:;", "<no-sender-1@stockholm.se>"},
                    {"\"x\u001b[31mFORGEDESC\"@stockholm.se", "<no-sender-2@stockholm.se>"},
                    {"x\u2028event=forged@stockholm.se", "<no-sender-3@stockholm.se>"},
                    // longer than any address can be: nothing could be sent back to it
                    {"a".repeat(242) + "@stockholm.se", "<no-sender-4@stockholm.se>"}}) {
                people.sendRaw(("From: " + from[0] + "\r\nTo: fou@localhost\r\nSubject: SV: [FOU-2026-0001] Utvärdering\r\n"
                        + "Message-ID: " + from[1] + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                        + "Hej! Vi i Farsta behöver en utvärderingsplan senast 2027-03-01.\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "bounce@stockholm.se");
                round();
                assertThat(mongo.findOne(storedAs(from[1]), org.bson.Document.class, MailInbox.QUARANTINE))
                        .as(from[0]).isNotNull().extracting(d -> d.get("reason")).isEqualTo("no readable sender");
            }
            assertThat(mongo.count(new Query(), "outbox")).as("nobody to answer").isEqualTo(outbox);
            assertThat(log.lines()).allSatisfy(line -> assertThat(line).doesNotContain("\u001b", "\u2028", "\n", "\r"));
        }
    }
}

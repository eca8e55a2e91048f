package se.foubot.grants;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.messaging.Recipient;
import se.foubot.messaging.Notifier;
import se.foubot.channels.email.EmailRequestProcessor;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.MailboxReader;
import se.foubot.channels.email.OutboxSender;
import se.foubot.scheduling.ReminderScheduler;
import se.foubot.support.MutableClock;
import se.foubot.support.OwnThreads;
import se.foubot.support.TestMail;
import se.foubot.support.TestClockConfiguration;
import se.foubot.messaging.HttpProperties;

/**
 * Grant reminders end to end: subscriptions by mail, reminders planned from the calendar and queued by the
 * scheduler, sent through the real outbox to the embedded GreenMail server, unsubscribed by reply and by the
 * one-click link. The clock is moved, never slept on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.admin.token=grants-admin"})
@Import(TestClockConfiguration.class)
class GrantRemindersTest {

    /** Wednesday 11 August 2027, 08:00 in Stockholm (summer time): 30 days before the call closes on 10 September. */
    static final Instant P30D_CALL_CLOSES = Instant.parse("2027-08-11T06:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    MailboxReader reader;

    @Autowired
    EmailRequestProcessor processor;

    @Autowired
    OutboxSender sender;

    @Autowired
    ReminderScheduler scheduler;

    @Autowired
    GrantReminders reminders;

    @Autowired
    GrantSubscriptions subscriptions;

    @Autowired
    MutableClock clock;

    @Autowired
    se.foubot.deadletter.DeadLetters deadLetters;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ReminderPlanner planner;

    @Autowired
    GrantReminderLog sentLog;

    @Autowired
    GrantTexts grantTexts;

    @Autowired
    Notifier notifier;

    @Autowired
    GrantsProperties properties;

    @Autowired
    HttpProperties http;

    @BeforeEach
    void clean() throws Exception {
        mongo.dropCollection(Subscriber.COLLECTION);
        mongo.remove(Query.query(Criteria.where("_id").regex("^grant:")), "outbox");
        mail.greenMail().purgeEmailFromAllMailboxes();
        clock.set(TestClockConfiguration.START);
    }


    private void send(String from, String subject, String text, String inReplyTo) throws Exception {
        new TestMail(mail).send(from, subject, text, inReplyTo);
    }

    private HttpResponse<String> importCsv(String csv) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/grants/subscribers/import")).header("Authorization", "Bearer grants-admin")
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<MimeMessage> inboxOf(String address) {
        return new TestMail(mail).inboxOf(address);
    }

    private void mailRound() {
        TestMail.round(reader, processor, sender);
    }

    private void remindersRound() {
        scheduler.run("grants");
        while (sender.sendDue() > 0) {
            // the outbox sends in batches
        }
    }


    private List<MimeMessage> remindersTo(String address) {
        return new TestMail(mail).inboxOf(address, "Påminnelse");
    }

    @Test
    void subscribersGetEachReminderOnceOnItsWorkingDayAtEightLocalTimeUntilTheyReplyAvsluta() throws Exception {
        String eva = "eva.ek@stockholm.se";
        send(eva, "Bevakning LUM", "Hej, jag vill ha påminnelser.", null);
        mailRound();
        // anyone can put eva's address in From: she is asked first, and her answer proves the address
        MimeMessage confirm = new TestMail(mail).inboxOf(eva, "Bekräfta:").get(0);
        assertThat(subscriptions.find("email", eva)).isEmpty();
        send(eva, "Re: " + confirm.getSubject(), "ja", confirm.getMessageID());
        mailRound();
        assertThat(inboxOf(eva)).hasSize(2);
        assertThat(inboxOf(eva).get(1).getContent().toString()).contains("påminnelser om LUM");
        // a Slack subscriber whose profile has an e-mail address gets the reminders by e-mail
        subscriptions.subscribe("slack", "U0OLA", "ola.berg@stockholm.se", null, List.of("LUM", "MUL"), "sv", "slack");
        // one who subscribed in English, and one whose language was never recorded
        subscriptions.subscribe("email", "john.smith@stockholm.se", "john.smith@stockholm.se", null, List.of("LUM"), "en", "email");
        subscriptions.subscribe("email", "okand@stockholm.se", "okand@stockholm.se", null, List.of("LUM"), null, "import");

        clock.set(P30D_CALL_CLOSES.minusSeconds(60));
        remindersRound();
        assertThat(remindersTo(eva)).as("not before 08:00").isEmpty();

        clock.set(P30D_CALL_CLOSES);
        remindersRound();
        remindersRound();
        assertThat(remindersTo(eva)).hasSize(1);
        assertThat(remindersTo("ola.berg@stockholm.se")).hasSize(1);
        MimeMessage reminder = remindersTo(eva).get(0);
        String body = reminder.getContent().toString();
        assertThat(reminder.getSubject()).contains("Sista dag att söka LUM och MUL").contains("10 september 2027");
        assertThat(body).contains("om 30 dagar").contains("500 000 kr per projekt och år").contains("högst 2 LUM-projekt och 2 studieresor")
                .contains("25 000 kr per studieresa").contains("”stöd”").doesNotContain("English").doesNotContain("SEK");
        assertThat(reminder.getSubject()).doesNotContain("Reminder");
        MimeMessage english = new TestMail(mail).inboxOf("john.smith@stockholm.se", "Reminder").get(0);
        assertThat(english.getSubject()).startsWith("Reminder: ").contains("10 September 2027").doesNotContain("Påminnelse");
        assertThat(english.getContent().toString()).contains("in 30 days").contains("at most SEK 500,000 per project and year")
                .contains("Reply “unsubscribe”").doesNotContain("dagar").doesNotContain("English");
        MimeMessage unknown = new TestMail(mail).inboxOf("okand@stockholm.se", "Påminnelse").get(0);
        assertThat(unknown.getSubject()).contains("10 september 2027 / Reminder: ");
        assertThat(unknown.getContent().toString()).contains("om 30 dagar").contains("— English —").contains("in 30 days");
        String unsubscribe = reminder.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).startsWith("<" + http.link("/grants/unsubscribe?token="));
        assertThat(reminder.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(reminder.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");

        // 14 days before is Friday 27 August
        clock.set(Instant.parse("2027-08-27T06:00:00Z"));
        remindersRound();
        assertThat(remindersTo(eva)).hasSize(2);

        send(eva, "Re: " + reminder.getSubject(), "avsluta\n\n> Påminnelse", reminder.getMessageID());
        mailRound();
        assertThat(inboxOf(eva).get(inboxOf(eva).size() - 1).getContent().toString()).contains("inga fler påminnelser");

        // a forged "avsluta" in the name of a Slack subscriber's profile address changes nothing
        send("ola.berg@stockholm.se", "avsluta", "avsluta", null);
        mailRound();

        clock.set(Instant.parse("2027-09-03T06:00:00Z"));
        remindersRound();
        assertThat(remindersTo(eva)).as("unsubscribed").hasSize(2);
        assertThat(remindersTo("ola.berg@stockholm.se")).hasSize(3);
    }

    @Test
    void theOneClickLinkUnsubscribesOnPostAndAGetOnlyShowsAButton() throws Exception {
        Subscriber s = subscriptions.subscribe("email", "kim@stockholm.se", "kim@stockholm.se", null, List.of("LUM"), "sv", "email");
        HttpClient client = HttpClient.newHttpClient();
        URI link = URI.create("http://127.0.0.1:" + port + "/grants/unsubscribe?token=" + s.token());
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(subscriptions.find("email", "kim@stockholm.se").orElseThrow().active()).isTrue();

        HttpResponse<String> post = client.send(HttpRequest.newBuilder(link).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(subscriptions.find("email", "kim@stockholm.se").orElseThrow().active()).isFalse();

        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/grants/unsubscribe?token=nope")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);
    }

    @Test
    void aReminderMissedWhileDownGoesOutLateOnlyTheLatestOneAndNeverAfterTheDeadline() throws Exception {
        subscriptions.subscribe("email", "lisa@stockholm.se", "lisa@stockholm.se", null, List.of("LUM"), "sv", "email");
        clock.set(P30D_CALL_CLOSES.minusSeconds(3600 * 24 * 60));
        remindersRound(); // subscribed long before
        // down from before P30D until after P14D (27 Aug): at start-up only the 14-day reminder goes, late
        clock.set(Instant.parse("2027-08-28T10:00:00Z"));
        scheduler.run("grants");
        // and the mail server away for two hours after the bot wrote it
        clock.set(Instant.parse("2027-08-28T12:00:00Z"));
        remindersRound();
        assertThat(remindersTo("lisa@stockholm.se")).hasSize(1);
        MimeMessage late = remindersTo("lisa@stockholm.se").get(0);
        // helper 101: it counted the days from the day it was due ("om 14 dagar"), not the day it was written
        assertThat(late.getContent().toString()).contains("om 13 dagar").doesNotContain("om 14 dagar");
        // its date is when the bot wrote it (RFC 5322's origination date), which the days are counted from
        assertThat(late.getSentDate().toInstant()).isEqualTo(Instant.parse("2027-08-28T10:00:00Z"));
        // down over the last reminder and the deadline: nothing late about a passed deadline
        clock.set(Instant.parse("2027-09-11T08:00:00Z"));
        remindersRound();
        assertThat(remindersTo("lisa@stockholm.se")).hasSize(1);
    }

    @Test
    void twoReplicasAndARestartInTheMiddleOfAFanOutQueueEachSubscriberOnce() throws Exception {
        int n = 300;
        clock.set(P30D_CALL_CLOSES.minusSeconds(86_400));
        for (int i = 0; i < n; i++) {
            subscriptions.subscribe("email", "kontakt" + i + "@stockholm.se", "kontakt" + i + "@stockholm.se", null, List.of("MUL"), "sv", "import");
        }
        clock.set(P30D_CALL_CLOSES);
        // a fan-out that died after a third: those are queued already
        ReminderPlanner.PlannedReminder due = planner.due(clock.instant()).get(0);
        for (Subscriber s : subscriptions.activeFor(List.of("MUL"), clock.instant()).subList(0, n / 3)) {
            notifier.send("grant:" + due.id() + ":" + s.id(), s.recipient(), se.foubot.messaging.Notice.of("x", "y"));
        }
        // after the restart, two replicas run the same fan-out at once
        GrantReminders replica = new GrantReminders(planner, subscriptions, notifier, properties, http, sentLog, clock, deadLetters,
                grantTexts);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(reminders::sendDue, OwnThreads.EACH);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(replica::sendDue, OwnThreads.EACH);
        assertThat(a.get() + b.get()).isEqualTo(n - n / 3);
        assertThat(mongo.count(Query.query(Criteria.where("_id").regex("^grant:" + java.util.regex.Pattern.quote(due.id()) + ":")), "outbox"))
                .isEqualTo(n);
        while (sender.sendDue() > 0) {
            // drain
        }
        long distinctRecipients = Arrays.stream(mail.greenMail().getReceivedMessages()).map(m -> {
            try {
                return m.getAllRecipients()[0].toString();
            } catch (jakarta.mail.MessagingException e) {
                return "";
            }
        }).filter(r -> r.startsWith("kontakt")).distinct().count();
        assertThat(distinctRecipients).isEqualTo(n);
        assertThat(mail.greenMail().getReceivedMessages()).hasSize(n);
    }

    @Test
    void thePreviewListsTheDaysRemindersWithoutSendingAny() throws Exception {
        subscriptions.subscribe("email", "mia@stockholm.se", "mia@stockholm.se", null, List.of("LUM"), "sv", "email");
        HttpResponse<String> preview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/grants/reminders?date=2027-08-11")).header("Authorization", "Bearer grants-admin").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("\"deadline\":\"call-closes-2027\"").contains("\"offset\":\"P30D\"")
                .contains("\"recipients\":1");
        assertThat(mongo.count(Query.query(Criteria.where("_id").regex("^grant:")), "outbox")).isZero();
        HttpResponse<String> unauthorised = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + "/api/grants/reminders?date=2027-08-11")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unauthorised.statusCode()).isEqualTo(401);
    }

    /** Helper 100: "2027-02-30" was told "must be YYYY-MM-DD" in English, and year=-5 got a calendar. */
    @Test
    void aDateThatIsNoDayAndAYearFarOffAreRefusedInSwedishWithTheirReason() throws Exception {
        java.util.function.Function<String, HttpResponse<String>> get = path -> {
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer grants-admin").build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        for (String date : List.of("2027-02-30", "30/2", "i morgon")) {
            HttpResponse<String> refused = get.apply("/api/grants/reminders?date=" + java.net.URLEncoder.encode(date,
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(refused.statusCode()).as(date).isEqualTo(400);
            assertThat(refused.body()).as(date).contains("Datumet ska vara ett riktigt datum skrivet ÅÅÅÅ-MM-DD");
        }
        for (String year : List.of("-5", "0", "999999999")) {
            HttpResponse<String> refused = get.apply("/api/grants/calendar?year=" + year);
            assertThat(refused.statusCode()).as(year).isEqualTo(400);
            assertThat(refused.body()).as(year).contains("Året ska ligga mellan");
        }
        assertThat(get.apply("/api/grants/calendar?year=2027").statusCode()).isEqualTo(200);
    }

    /** A black-box tester: the preview without its date was a bare 400 that named nothing. */
    @Test
    void thePreviewWithoutADateNamesTheParameterAndHowToWriteIt() throws Exception {
        for (String path : List.of("/api/grants/reminders", "/api/grants/reminders?date=", "/api/grants/reminders?date=%20")) {
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + path)).header("Authorization", "Bearer grants-admin").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/json");
            assertThat(com.google.gson.JsonParser.parseString(refused.body()).getAsJsonObject().getAsJsonArray("reasons").get(0)
                    .getAsString()).as(path).isEqualTo("Ange vilken dag, skriven ÅÅÅÅ-MM-DD, till exempel ?date=2027-08-11.");
        }
    }

    @Test
    void anAddressLongerThanAnAddressCanBeIsRefusedShortlyAndTheListStillAnswers() throws Exception {
        String longest = "l".repeat(Recipient.EMAIL_MAX_LENGTH - "@stockholm.se".length()) + "@stockholm.se";
        // 200 characters, but å is two bytes in UTF-8 and SMTP counts bytes
        String longInBytes = "å".repeat(187) + "@stockholm.se";
        // the cut after 200 characters falls inside the emoji: the refusal holds no half of it
        String tooLong = "x".repeat(199) + "\uD83D\uDE00" + "x".repeat(100_000) + "@stockholm.se";
        HttpResponse<String> response = importCsv("email,district,programmes\n" + longest + ",Bromma,LUM\n"
                + longInBytes + ",Bromma,LUM\n" + tooLong + ",Bromma,LUM\n");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"subscribed\":1").contains("\"line\":3")
                .contains("longer than an e-mail address can be (387 bytes in UTF-8; at most 254)").contains("\"line\":4")
                .contains("longer than an e-mail address can be (100216 bytes in UTF-8; at most 254)")
                .doesNotContain("\\ud83d\\u2026", "\uD83D\u2026");
        assertThat(response.body().length()).as("the refusal repeats the start of the row, not all of it").isLessThan(2_000);
        assertThat(subscriptions.find("email", longest)).isPresent();
        assertThat(subscriptions.find("email", longInBytes)).isEmpty();
        HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + "/api/grants/subscribers")).header("Authorization", "Bearer grants-admin").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
    }

    @Test
    void aCsvLargerThanAnImportTakesIsRefusedWholeWithoutRunningTheBotOutOfMemory() throws Exception {
        String row = "anna" + "x".repeat(90) + "@stockholm.se,Bromma,LUM\n";
        HttpResponse<String> response = importCsv("email,district,programmes\n" + row.repeat(9 * 1024 * 1024 / row.length()));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("larger than 8 MB; split it into several imports");
        assertThat(subscriptions.find("email", "anna" + "x".repeat(90) + "@stockholm.se")).isEmpty();
        HttpResponse<String> unknownCharset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + "/api/grants/subscribers/import")).header("Authorization", "Bearer grants-admin")
                .header("Content-Type", "text/csv; charset=klingon-8").POST(HttpRequest.BodyPublishers.ofString("email\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownCharset.statusCode()).as("a charset Java does not know is refused as a media type, not read").isEqualTo(415);
        HttpResponse<String> latin1 = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + port + "/api/grants/subscribers/import")).header("Authorization", "Bearer grants-admin")
                .header("Content-Type", "text/csv; charset=ISO-8859-1").POST(HttpRequest.BodyPublishers.ofByteArray(
                        "email,district,programmes\nåke.latin@stockholm.se,Älvsjö,LUM\n".getBytes(StandardCharsets.ISO_8859_1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(latin1.body()).as("read in the charset it names").contains("\"subscribed\":1");
        assertThat(subscriptions.find("email", "åke.latin@stockholm.se")).isPresent();
    }

    @Test
    void anImportedCsvSubscribesGoodRowsAndReportsEachRefusedRowWithItsReason() throws Exception {
        String csv = "email,district,programmes\nanna@stockholm.se,Bromma,LUM\nnot-an-address,Bromma,LUM\n"
                + "bo@stockholm.se,Atlantis,MUL\ncarl@stockholm.se,,LUM MUL\ndan@stockholm.se,Farsta,XYZ\n";
        HttpResponse<String> response = importCsv(csv);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"subscribed\":2").contains("\"line\":3").contains("not an e-mail address")
                .contains("\"line\":4").contains("unknown or ambiguous district 'Atlantis'").contains("\"line\":6")
                .contains("unknown programme 'XYZ'");
        assertThat(subscriptions.find("email", "anna@stockholm.se").orElseThrow().district()).isEqualTo("bromma");
        assertThat(subscriptions.find("email", "carl@stockholm.se").orElseThrow().programmes()).containsExactly("LUM", "MUL");
        assertThat(subscriptions.find("email", "bo@stockholm.se")).isEmpty();
    }

    /**
     * Helper 100: "LUM,MUL" in a quoted cell was an unknown programme, an address with a non-breaking space was taken,
     * and a second row for an address was counted again and replaced the first.
     */
    @Test
    void programmesInAQuotedCellMayBeSeparatedByACommaAndAnAddressHoldsNoSpaceOfAnyKindAndComesOnce() throws Exception {
        HttpResponse<String> response = importCsv("email,district,programmes\nasa.oberg@stockholm.se,Hägersten,\"LUM,MUL\"\n"
                + "ivar@stockholm.se,Farsta,\"MUL; LUM\"\nnbsp\u00a0@stockholm.se,Farsta,LUM\nIVAR@stockholm.se,Bromma,LUM\n");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"subscribed\":2").contains("\"line\":4").contains("not an e-mail address")
                .contains("\"line\":5").contains("the same address as line 3, which is kept");
        assertThat(subscriptions.find("email", "asa.oberg@stockholm.se").orElseThrow().programmes()).containsExactly("LUM", "MUL");
        assertThat(subscriptions.find("email", "ivar@stockholm.se").orElseThrow().programmes()).containsExactly("MUL", "LUM");
        assertThat(subscriptions.find("email", "ivar@stockholm.se").orElseThrow().district()).isEqualTo("farsta");
    }

    @Test
    void aCsvWithQuotedFieldsAcrossLinesIsReadAsRfc4180AndARowHoldingANumberIsRefusedWithoutIt() throws Exception {
        // as Excel writes it in Swedish: ';' between cells, a note in quotes over two lines, a number split by the quote
        String csv = "email;district;programmes\r\nerik@stockholm.se;\"Bromma\";\"LUM\r\nMUL\"\r\n"
                + "\"fia@stockholm.se\";\"Farsta\r\n640823\";LUM\r\n"
                + "\"gun_640823\r\n-3234@stockholm.se\";Farsta;MUL\r\n"
                + "\"hans@stockholm.se\";\"Skarpnäck, \"\"Hägersten\"\"\";MUL\r\n";
        HttpResponse<String> response = importCsv(csv);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(subscriptions.find("email", "erik@stockholm.se").orElseThrow().programmes()).containsExactly("LUM", "MUL");
        assertThat(response.body()).contains("\"subscribed\":1").contains("\"line\":4").contains("\"line\":6")
                .contains("gun_[personnummer borttaget]@stockholm.se").contains("\"line\":7").doesNotContain("3234");
        var guard = new se.foubot.privacy.OutsideTextGuard();
        // hashes, tokens and Message-IDs are hex: ten of their digits in a row pass for a samordningsnummer now and then
        // (a SHA-256 key did, 580786-7105), and they hold nothing anyone wrote
        assertThat(mongo.getCollectionNames().stream().flatMap(c -> mongo.findAll(org.bson.Document.class, c).stream())
                .map(d -> d.toString().replaceAll("[0-9a-f]{16,}", "#"))).noneMatch(d -> d.contains("gun_640823")
                        || guard.check(d).identityNumberRemoved());
    }

    @Test
    void aNumberInTheSubjectOrDisplayNameIsToldInTheConfirmationQuestionAndInTheAnswer() throws Exception {
        String fia = "fia.lund@stockholm.se";
        send("Fia Lund 19640823-3234 <" + fia + ">", "Bevakning MUL för 701063-2391", "Hej, jag vill ha påminnelser.", null);
        mailRound();
        MimeMessage confirm = new TestMail(mail).inboxOf(fia, "Bekräfta:").get(0);
        assertThat(confirm.getSubject()).doesNotContain("2391").contains("personnummer borttaget");
        assertThat(confirm.getContent().toString()).contains("Ditt mejl innehöll ett personnummer; vi tog bort det");
        send(fia, "Re: " + confirm.getSubject(), "ja", confirm.getMessageID());
        mailRound();
        MimeMessage answer = inboxOf(fia).get(1);
        assertThat(answer.getContent().toString()).contains("påminnelser om MUL").contains("Ditt mejl innehöll ett personnummer");
        assertThat(subscriptions.find("email", fia).orElseThrow().programmes()).containsExactly("MUL");
    }
}

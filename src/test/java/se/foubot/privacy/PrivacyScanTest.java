package se.foubot.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.activation.DataHandler;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.FouBotApplication;
import se.foubot.messaging.Recipient;
import se.foubot.channels.email.EmailRequestProcessor;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.MailboxReader;
import se.foubot.channels.email.OutboxSender;
import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.channels.slack.SlackRequests;
import se.foubot.channels.terminal.TerminalChatSession;
import se.foubot.conversation.ConversationEngine;
import se.foubot.conversation.ConversationKey;
import se.foubot.forum.ForumService;
import se.foubot.forum.MeetingPlan;
import se.foubot.support.EmbeddedStoreFixture;
import se.foubot.support.TestMail;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * The privacy scan: personal identity numbers in every writing, sent as a person would through every way in — Slack
 * (direct messages, mentions, /fou, the FoU-forum forms, an analyst's question and the requester's answer, buttons),
 * mail over SMTP (body, subject, display name, attachment names, HTML, an auto-reply, threading headers) and the
 * terminal — with the bot's own logging at its most talkative. Afterwards the raw data file of the embedded store and
 * the captured log are searched for every number in every writing and in its bare digits: nothing may be found.
 * After the same run every collection in the store must have a retention rule.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrivacyScanTest {

    /** Valid numbers (real dates, samordningsnummer day + 60), each with its check digit computed, and its century. */
    static final List<String[]> NUMBERS = Stream.of("640823323:19", "701063239:19", "750105105:19", "750107107:19",
            "750111111:19", "750122122:19", "050315432:20", "891231998:19", "990161310:19", "030704876:20", "451101230:19",
            "580930642:19").map(s -> s.split(":")).map(s -> new String[] {s[0] + PersonalIdentityNumberDetector.checkDigit(s[0]),
                    s[1]}).toList();

    static final List<String> SEPARATORS = List.of("-", "+", "", " ", "\u00a0", "\u2009", "\u202f", "\u2013", "\u2014",
            "\u2212", ".", " \u2013 ", "_", "/");

    private int next;

    /** The next number in the next writing: every injection point gets its own. */
    private String number() {
        String[] n = NUMBERS.get(next % NUMBERS.size());
        String separator = SEPARATORS.get(next % SEPARATORS.size());
        boolean twelve = next % 3 == 2;
        next++;
        return (twelve ? n[1] : "") + n[0].substring(0, 6) + separator + n[0].substring(6);
    }

    @Test
    void noPersonalIdentityNumberReachesTheDataFileOrTheLog(@TempDir Path dataDir, CapturedOutput output) throws Exception {
        FakeSlackApi slackApi = FakeSlackApi.start();
        List<String> refusals = new ArrayList<>();
        // as command-line arguments, so they win over application.yaml's defaults
        try (ConfigurableApplicationContext bot = new SpringApplicationBuilder(FouBotApplication.class).run(
                "--foubot.store.data-dir=" + dataDir, "--server.port=0", "--foubot.slack.bot-token=xoxb-test-token",
                "--foubot.slack.signing-secret=" + SlackRequests.SECRET, "--foubot.slack.api-url=" + slackApi.url(),
                "--foubot.slack.staff-channel=C0STAFF", "--foubot.slack.staff-users=UANALYST1",
                "--foubot.slack.forum-coordinators=UCOORD", "--logging.level.se.foubot=TRACE")) {
            int port = Integer.parseInt(bot.getEnvironment().getProperty("local.server.port"));
            SlackRequests slack = new SlackRequests(port, java.time.Clock.systemUTC());

            // Slack: intake messages, a mention, /fou, buttons
            slack.dm("EvScan1", "UREQ1", "stöd");
            awaitPosts(slackApi, "DUREQ1", 1);
            slack.dm("EvScan2", "UREQ1", "Klienten " + number() + " behöver stöd");
            slack.dm("EvScan3", "UREQ2", number());
            slack.event("EvScan4", SlackRequests.mention("UREQ3", "C0GENERAL", "<@" + FakeSlackApi.BOT_USER + "> pnr: " + number()));
            slack.command("UREQ4", "Gäller (" + number() + ")");
            slack.command("UREQ4", "forum ändra " + number());
            slack.command("UREQ4", "bevakning " + number());
            slack.click("UREQ1", "DUREQ1", "1.1", "answer-0", number(), false);
            await().atMost(Duration.ofSeconds(20)).until(() -> slackApi.calls("chat.postMessage").stream()
                    .filter(c -> c.param("text").contains("personnummer")).count() >= 6);

            // FoU-forum: the plan form and an agenda proposal
            ForumService forum = bot.getBean(ForumService.class);
            OutsideTextGuard guard = bot.getBean(OutsideTextGuard.class);
            var saved = (ForumService.Saved) forum.create(new MeetingPlan(guard.check("FoU-forum i maj"),
                    java.time.LocalDate.of(2027, 5, 19), java.time.LocalTime.of(13, 0), java.time.LocalTime.of(15, 0),
                    guard.check("Lokal Tellus"), guard.check(null), 30, java.time.LocalDate.of(2027, 5, 10), guard.check(null),
                    guard.check(null)), Recipient.slack("UCOORD"));
            refusals.add(slack.interactive(SlackRequests.viewSubmission("UREQ5", "forum-proposal", saved.meeting().id(),
                    Map.of("kind", SlackRequests.selected("question"), "text", SlackRequests.input("Hur följer vi upp " + number()
                            + "?")))).body());
            refusals.add(slack.interactive(SlackRequests.viewSubmission("UCOORD", "forum-plan", "", Map.of(
                    "title", SlackRequests.input("Forum om " + number()), "date", SlackRequests.input("2027-05-12"),
                    "start", SlackRequests.input("13:00"), "end", SlackRequests.input("15:00"),
                    "place", SlackRequests.input("Lokal Tellus"), "capacity", SlackRequests.input("30"),
                    "deadline", SlackRequests.input("2027-05-01"), "agenda", SlackRequests.input("1. " + number())))).body());

            // an analyst's question (refused when it holds a number) and the requester's answer
            TaskService tasks = bot.getBean(TaskService.class);
            SupportTask task = tasks.create("scan-1", new Requester("slack", "UREQ6", Map.of("slackChannel", "DUREQ6")),
                    new SupportRequest("bromma", null, "Stöd med en uppföljningsmall", null, "uppfoljning", null, null, "sv"),
                    List.of());
            tasks.claim(task.reference(), "UANALYST1"); // the card offers the question once the task is taken
            refusals.add(slack.interactive(SlackRequests.viewSubmission("UANALYST1", "ask-requester", task.reference(),
                    Map.of("question/text", SlackRequests.input("Gäller det " + number() + "?")))).body());
            slack.interactive(SlackRequests.viewSubmission("UANALYST1", "ask-requester", task.reference(),
                    Map.of("question/text", SlackRequests.input("Hur många deltar?"))));
            awaitPosts(slackApi, "DUREQ6", 1);
            slack.dm("EvScan5", "UREQ6", "Ungefär 25, bland dem " + number());
            awaitPosts(slackApi, "DUREQ6", 2);
            assertThat(refusals).allSatisfy(body -> assertThat(body).contains("\"errors\"").contains("personnummer"));

            // mail over SMTP: body, subject, display name, attachment names, HTML, an auto-reply, threading headers
            EmbeddedMailServer mail = bot.getBean(EmbeddedMailServer.class);
            sendMail(mail, "Anna Berg <anna.berg@stockholm.se>", "Fråga om " + number(), "Vi behöver stöd kring klienten "
                    + number() + " i Bromma, ingen brådska.", null, "<scan-1@stockholm.se>", null);
            sendMail(mail, "\"Bo " + number() + "\" <bo.ek@stockholm.se>", "Stöd med analys", "Hej! Vi vill ha hjälp med analys.",
                    "bilaga " + number() + ".pdf", "<scan-2." + number().replaceAll("\\D", "") + "@stockholm.se>", null);
            sendMail(mail, "Cia <cia@stockholm.se>", "Uppföljning", null, null, "<scan-3@stockholm.se>",
                    "<p>Klienten 640823<b>-</b>3234 och " + number() + "</p>");
            sendMail(mail, "Dan <dan@stockholm.se>", "Automatiskt svar: " + number(), "Jag är ledig. " + number(), null,
                    "<scan-4@stockholm.se>", null, "Auto-Submitted", "auto-replied", "References",
                    "<ref-" + number().replaceAll("\\D", "") + "@x>");
            sendMail(mail, "Eva <eva@stockholm.se>", "Utvärdering", "Vi behöver en utvärderingsplan.", "journal_" + number() + ".docx",
                    "<scan-5@stockholm.se>", null, "Cc", "kalle_" + number() + "@stockholm.se", "In-Reply-To",
                    "<" + number() + "@outlook.com>");
            TestMail.round(bot.getBean(MailboxReader.class), bot.getBean(EmailRequestProcessor.class), bot.getBean(OutboxSender.class));
            TestMail.round(bot.getBean(MailboxReader.class), bot.getBean(EmailRequestProcessor.class), bot.getBean(OutboxSender.class));
            assertThat(new TestMail(mail).inboxOf("anna.berg@stockholm.se")).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.getContent().toString()).contains("personnummer"));

            // the terminal
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            new TerminalChatSession(bot.getBean(se.foubot.messaging.MessageRouter.class), new ConversationKey(TerminalChatSession.CHANNEL, "scan"),
                    new java.io.BufferedReader(new java.io.StringReader("stöd\n" + number() + "\nbromma\n" + number() + "\n")),
                    new java.io.PrintStream(out, true, StandardCharsets.UTF_8), guard).run();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("personnummer");

            // every collection the run wrote has a retention rule, and the rules run
            RetentionJob retention = bot.getBean(RetentionJob.class);
            Set<String> collections = new TreeSet<>(bot.getBean(MongoTemplate.class).getCollectionNames());
            collections.removeIf(c -> c.startsWith("system."));
            assertThat(collections).contains("conversations", "support_tasks", "mail_inbox", "mail_quarantine", "outbox",
                    "slack_outbox", "forum_meetings");
            assertThat(collections).as("collections without a retention rule").allSatisfy(c ->
                    assertThat(retention.coveredCollections()).contains(c));
            retention.run();
        } finally {
            slackApi.close();
        }

        assertThat(next).as("every number and every writing sent at least once")
                .isGreaterThanOrEqualTo(Math.max(NUMBERS.size(), SEPARATORS.size()));
        List<String> inDataFile = findings(Files.walk(dataDir).filter(Files::isRegularFile).map(PrivacyScanTest::read)
                .reduce(new byte[0], PrivacyScanTest::concat));
        assertThat(inDataFile).as("personal identity numbers in the data directory").isEmpty();
        List<String> inLog = findings(output.getAll().getBytes(StandardCharsets.UTF_8));
        assertThat(inLog).as("personal identity numbers in the log").isEmpty();
        assertThat(new OutsideTextGuard().check(output.getAll()).identityNumberRemoved()).as("the guard over the whole log").isFalse();
    }

    @Test
    void theScanFindsANumberThatIsStoredSoItsZeroMeansSomething(@TempDir Path dataDir) {
        try (EmbeddedStoreFixture store = new EmbeddedStoreFixture(dataDir)) {
            store.template().insert(new org.bson.Document("text", "Klienten 19750105\u20131051 och 701063 2391"), "control");
        }
        byte[] file = Stream.of(dataDir.toFile().listFiles()).map(f -> read(f.toPath())).reduce(new byte[0], PrivacyScanTest::concat);
        assertThat(findings(file)).contains("7501051051", "7010632391");
    }

    /** Every number of the corpus found in {@code bytes}, in any writing or as bare digits. */
    static List<String> findings(byte[] bytes) {
        String asText = new String(bytes, StandardCharsets.UTF_8);
        String asLatin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        List<String> found = new ArrayList<>();
        for (String[] n : NUMBERS) {
            List<String> forms = new ArrayList<>(List.of(n[0], n[1] + n[0]));
            for (String separator : SEPARATORS) {
                forms.add(n[0].substring(0, 6) + separator + n[0].substring(6));
                forms.add(n[1] + n[0].substring(0, 6) + separator + n[0].substring(6));
            }
            if (forms.stream().anyMatch(f -> asText.contains(f) || asLatin1.contains(f))) {
                found.add(n[0]);
            }
        }
        return found;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static void awaitPosts(FakeSlackApi api, String channel, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.calls("chat.postMessage", c -> channel.equals(c.param("channel"))).size() >= count);
    }

    /** A mail as a mail program sends it: plain text or HTML, an optional attachment, extra headers. */
    private static void sendMail(EmbeddedMailServer server, String from, String subject, String text, String attachmentName,
            String messageId, String html, String... headers) throws Exception {
        MimeMessage m = new TestMail(server).withMessageId(messageId);
        m.setFrom(new InternetAddress(from));
        m.setSubject(subject, "UTF-8");
        if (html != null) {
            m.setContent(html, "text/html; charset=UTF-8");
        } else if (attachmentName != null) {
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[] {37, 80, 68, 70}, "application/pdf")));
            file.setFileName(jakarta.mail.internet.MimeUtility.encodeText(attachmentName, "UTF-8", null));
            m.setContent(new MimeMultipart(body, file));
        } else {
            m.setText(text, "UTF-8");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            m.setHeader(headers[i], headers[i + 1]);
        }
        m.saveChanges();
        Transport.send(m);
    }
}

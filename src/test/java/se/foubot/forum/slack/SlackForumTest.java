package se.foubot.forum.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import se.foubot.channels.slack.BlockKitRules;
import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.channels.slack.SlackRequests;
import se.foubot.channels.slack.SlackNotices;
import se.foubot.channels.email.EmailRequestProcessor;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.MailboxReader;
import se.foubot.channels.email.OutboxSender;
import se.foubot.forum.ForumService;
import se.foubot.forum.Meeting;
import se.foubot.scheduling.ReminderScheduler;
import se.foubot.support.MutableClock;
import se.foubot.support.OwnThreads;
import se.foubot.support.TestMail;
import se.foubot.support.TestClockConfiguration;

/**
 * FoU-forum as people use it: a coordinator plans in a Slack modal, district staff register from Slack buttons
 * and by mail, the waitlist moves, invites arrive in the (embedded GreenMail) mailboxes and are read with a
 * second calendar library (biweekly), reminders go out when the clock reaches them, and the admin exports CSV.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.admin.token=forum-admin",
                "foubot.slack.channel-messages-per-second=200", "foubot.slack.channel-burst=50", "foubot.slack.outbox-interval=1h"})
@Import(TestClockConfiguration.class)
class SlackForumTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();

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
    SlackNotices slackNotices;

    @Autowired
    ReminderScheduler scheduler;

    @Autowired
    ForumService forum;

    @Autowired
    MutableClock clock;

    @Autowired
    se.foubot.grants.GrantSubscriptions subscriptions;


    @DynamicPropertySource
    static void slackSettings(DynamicPropertyRegistry registry) {
        registry.add("foubot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("foubot.slack.signing-secret", () -> SlackRequests.SECRET);
        registry.add("foubot.slack.api-url", SLACK::url);
        registry.add("foubot.slack.staff-users", () -> "UANALYST1");
        registry.add("foubot.slack.forum-coordinators", () -> "UCOORD");
        registry.add("foubot.forum.announce-channel", () -> "CANNOUNCE");
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    private SlackRequests slack() {
        return new SlackRequests(port, clock);
    }

    /**
     * Submits the planning form as Slack sends it: a raw view_submission fixture (date and time pickers, a number and a
     * URL input in {@code state.values}), signed; {@code fromTo} changes what was picked or written (pairs of JSON text).
     */
    private HttpResponse<String> submitPlan(String user, String editing, String fixture, String... fromTo) throws Exception {
        return slack().interactive(planForm(user, editing, fixture, fromTo));
    }

    /** The signed body's payload of one opened planning form (its own view id, as each modal Slack opens has). */
    private String planForm(String user, String editing, String fixture, String... fromTo) throws Exception {
        String json;
        try (java.io.InputStream in = getClass().getResourceAsStream("/slack/forms/" + fixture)) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        json = json.replace("\"user\":{\"id\":\"UCOORD\"", "\"user\":{\"id\":\"" + user + "\"")
                .replace("\"private_metadata\":\"\"", "\"private_metadata\":" + SlackRequests.json(editing));
        for (int i = 0; i + 1 < fromTo.length; i += 2) {
            assertThat(json).contains(fromTo[i]);
            json = json.replace(fromTo[i], fromTo[i + 1]);
        }
        return json.replace("V0FOUPLAN", "V" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase());
    }

    /** The errors a view_submission answer shows, by block id (read with Jackson, not the SDK that wrote them). */
    private static Map<String, String> errors(HttpResponse<String> response) {
        tools.jackson.databind.JsonNode body = new tools.jackson.databind.ObjectMapper().readTree(response.body().isEmpty() ? "{}"
                : response.body());
        Map<String, String> errors = new LinkedHashMap<>();
        if ("errors".equals(body.path("response_action").asString(""))) {
            body.path("errors").properties().forEach(e -> errors.put(e.getKey(), e.getValue().asString()));
        }
        return errors;
    }

    /** A submitted proposal form, from a modal of its own (a view id of its own, as Slack gives each opened modal). */
    private HttpResponse<String> registerWithProposal(String user, String meeting, String kind, String text) throws Exception {
        return slack().interactive("{\"type\":\"view_submission\",\"team\":{\"id\":\"T0FOU\"},\"user\":{\"id\":\"" + user
                + "\",\"username\":\"" + user + "\"},\"api_app_id\":\"A0FOU\",\"token\":\"x\",\"trigger_id\":\"" + UUID.randomUUID()
                + "\",\"view\":{\"id\":\"V" + UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT)
                + "\",\"type\":\"modal\",\"callback_id\":\"forum-proposal\",\"private_metadata\":\"" + meeting
                + "\",\"state\":{\"values\":{\"kind\":{\"kind\":{\"type\":\"static_select\",\"selected_option\":{\"text\":{\"type\":"
                + "\"plain_text\",\"text\":\"x\"},\"value\":\"" + kind + "\"}}},\"text\":{\"text\":{\"type\":\"plain_text_input\",\"value\":"
                + SlackRequests.json(text) + "}}}}}}");
    }


    /** A meeting planned by the coordinator on {@code date}, 9–12, registration open until 13 days before. */
    private String plannedMeeting(String title, java.time.LocalDate date, String place, int capacity) {
        return plannedMeeting(title, date, place, capacity, null);
    }

    /** As above, with {@code agenda} (null: none). */
    private String plannedMeeting(String title, java.time.LocalDate date, String place, int capacity, String agenda) {
        clock.set(TestClockConfiguration.START);
        var guard = new se.foubot.privacy.OutsideTextGuard();
        var result = forum.create(new se.foubot.forum.MeetingPlan(guard.check(title), date, java.time.LocalTime.of(9, 0),
                java.time.LocalTime.of(12, 0), guard.check(place), guard.check(null), capacity, date.minusDays(13), guard.check(null),
                guard.check(agenda)), se.foubot.messaging.Recipient.slack("UCOORD"));
        return ((ForumService.Saved) result).meeting().id();
    }

    private void send(String from, String subject, String text, String inReplyTo) throws Exception {
        new TestMail(mail).send(from, subject, text, inReplyTo);
    }

    private List<MimeMessage> inboxOf(String address) {
        return new TestMail(mail).inboxOf(address);
    }

    private void mailRound() {
        TestMail.round(reader, processor, sender);
    }


    /**
     * The invites in {@code address}'s mailbox, read with biweekly (not the library that wrote them), each checked first
     * in the bytes as the mail server received them: 7-bit on the wire, and the calendar part, read again from those
     * bytes with a fresh Jakarta Mail session, folded at 75 octets and valid in iCal4j.
     */
    private List<ICalendar> invitesOf(String address) throws Exception {
        List<ICalendar> out = new java.util.ArrayList<>();
        for (MimeMessage m : inboxOf(address)) {
            checkRawInvite(m);
            if (!(m.getContent() instanceof Multipart mixed)) {
                continue;
            }
            Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
            for (int i = 0; i < alternative.getCount(); i++) {
                BodyPart part = alternative.getBodyPart(i);
                if (part.getContentType().startsWith("text/calendar")) {
                    String ics = new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    ICalendar cal = Biweekly.parse(ics).first();
                    assertThat(part.getContentType()).contains("method=" + cal.getMethod().getValue());
                    out.add(cal);
                }
            }
        }
        return out;
    }

    private static void checkRawInvite(MimeMessage received) throws Exception {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        received.writeTo(raw);
        byte[] bytes = raw.toByteArray();
        String wire = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!wire.contains("text/calendar")) {
            return;
        }
        for (byte b : bytes) {
            assertThat(b & 0xff).as("8-bit byte in the mail as sent").isLessThan(0x80);
        }
        MimeMessage again = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(bytes));
        Multipart alternative = (Multipart) ((Multipart) again.getContent()).getBodyPart(0).getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            jakarta.mail.internet.MimeBodyPart part = (jakarta.mail.internet.MimeBodyPart) alternative.getBodyPart(i);
            if (!part.getContentType().startsWith("text/calendar")) {
                continue;
            }
            assertThat(part.getEncoding()).isIn("quoted-printable", "base64");
            String ics = new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            for (String line : ics.split("\r\n")) {
                assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
            }
            assertThat(new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.StringReader(ics)).validate().getEntries())
                    .isEmpty();
        }
    }

    private static String lastTextTo(String channel) {
        List<FakeSlackApi.Call> posts = SLACK.calls("chat.postMessage", c -> c.param("channel").equals(channel));
        return posts.isEmpty() ? "" : posts.get(posts.size() - 1).param("text");
    }

    /** The last post to {@code channel} that contains {@code containing}; empty when there is none. */
    private static String postTo(String channel, String containing) {
        List<FakeSlackApi.Call> posts = SLACK.calls("chat.postMessage", c -> c.param("channel").equals(channel)
                && c.param("text").contains(containing));
        return posts.isEmpty() ? "" : posts.get(posts.size() - 1).param("text");
    }

    private static void awaitText(String channel, String contains) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lastTextTo(channel)).contains(contains));
    }

    @Test
    void aCoordinatorPlansThreePeopleRegisterOneWaitsIsPromotedAndEveryoneHoldsAValidInvite() throws Exception {
        // the modal opens for a coordinator
        assertThat(slack().command("UCOORD", "forum ny").statusCode()).isEqualTo(200);
        assertThat(SLACK.calls("views.open", c -> c.param("view").contains("forum-plan"))).isNotEmpty();

        // the form uses Slack's own pickers and inputs, and Slack would take it as it is
        String view = SLACK.calls("views.open", c -> c.param("view").contains("forum-plan")).get(0).param("view");
        assertThat(BlockKitRules.brokenBy(view)).isEmpty();
        assertThat(BlockKitRules.elementTypes(view)).containsEntry("date", "datepicker").containsEntry("deadline", "datepicker")
                .containsEntry("start", "timepicker").containsEntry("end", "timepicker").containsEntry("capacity", "number_input")
                .containsEntry("video", "url_text_input").containsEntry("title", "plain_text_input");

        // refused plans answer in the modal, each reason under the field it belongs to
        String date = "\"selected_date\":\"2027-03-10\"";
        String deadline = "\"selected_date\":\"2027-03-01\"";
        HttpResponse<String> holiday = submitPlan("UCOORD", "", "forum-plan-submission.json", date, "\"selected_date\":\"2027-01-06\"",
                deadline, "\"selected_date\":\"2026-12-20\"");
        assertThat(errors(holiday)).containsOnlyKeys("date").hasEntrySatisfying("date", e -> assertThat(e).contains("helgdag"));
        // helper 101: a Saturday was accepted like any day
        HttpResponse<String> saturday = submitPlan("UCOORD", "", "forum-plan-submission.json", date, "\"selected_date\":\"2027-03-13\"",
                deadline, "\"selected_date\":\"2027-03-05\"");
        assertThat(errors(saturday)).containsOnlyKeys("date").hasEntrySatisfying("date", e -> assertThat(e)
                .isEqualTo("Lördag 13 mars 2027 infaller på en helg. FoU-forum hålls på vardagar."));
        HttpResponse<String> backwards = submitPlan("UCOORD", "", "forum-plan-end-before-start.json");
        assertThat(errors(backwards)).containsOnlyKeys("end")
                .hasEntrySatisfying("end", e -> assertThat(e).contains("måste vara efter starten"));
        HttpResponse<String> late = submitPlan("UCOORD", "", "forum-plan-late-deadline.json");
        assertThat(errors(late)).containsOnlyKeys("deadline").hasEntrySatisfying("deadline", e -> assertThat(e)
                .isEqualTo("Sista anmälningsdag (torsdag 11 mars 2027) är efter mötet (onsdag 10 mars 2027)."));
        // helper 102: a new meeting whose registration had already closed was announced with free seats
        HttpResponse<String> closedAlready = submitPlan("UCOORD", "", "forum-plan-submission.json", deadline, "\"selected_date\":\"2026-11-20\"");
        assertThat(errors(closedAlready)).containsOnlyKeys("deadline").hasEntrySatisfying("deadline", e -> assertThat(e)
                .isEqualTo("Sista anmälningsdag (fredag 20 november 2026) har redan varit."));
        HttpResponse<String> notCoordinator = submitPlan("UANNA", "", "forum-plan-submission.json");
        assertThat(errors(notCoordinator)).hasEntrySatisfying("title", e -> assertThat(e).contains("Bara FoU:s samordnare"));

        HttpResponse<String> saved = submitPlan("UCOORD", "", "forum-plan-submission.json");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(errors(saved)).isEmpty();
        Meeting meeting = forum.find("forum-2027-03-10").orElseThrow();
        assertThat(meeting.start()).isEqualTo(Instant.parse("2027-03-10T12:00:00Z"));
        assertThat(meeting.capacity()).isEqualTo(2);
        HttpResponse<String> overlap = submitPlan("UCOORD", "", "forum-plan-submission.json", "\"selected_time\":\"13:00\"",
                "\"selected_time\":\"15:00\"", "\"selected_time\":\"16:00\"", "\"selected_time\":\"17:00\"",
                "\"value\":\"Lokal Ekensberg\"", "\"value\":\"lokal ekensberg\"");
        assertThat(errors(overlap)).containsOnlyKeys("place").hasEntrySatisfying("place", e -> assertThat(e).contains("redan bokad vid den tiden"));
        HttpResponse<String> withLink = submitPlan("UCOORD", "", "forum-plan-with-link.json");
        assertThat(errors(withLink)).isEmpty();
        assertThat(forum.find("forum-2027-03-17").orElseThrow().videoLink()).isEqualTo("https://meet.stockholm.se/fou-forum");

        // the change form opens filled in with what was planned, in the same elements
        slack().command("UCOORD", "forum ändra " + meeting.id());
        String edit = SLACK.calls("views.open", c -> c.param("view").contains(meeting.id())).get(0).param("view");
        assertThat(BlockKitRules.brokenBy(edit)).isEmpty();
        assertThat(edit).contains("\"initial_date\":\"2027-03-10\"").contains("\"initial_time\":\"13:00\"")
                .contains("\"initial_time\":\"16:00\"").contains("\"initial_date\":\"2027-03-01\"");
        forum.cancel("forum-2027-03-17");

        // district staff see it and register: two from Slack, one by mail
        slack().command("UANNA", "forum");
        awaitText("UANNA", "Kommande FoU-forum");
        slack().click("UANNA", "DUANNA", "1.1", SlackForum.REGISTER, meeting.id(), false);
        awaitText("UANNA", "Du är anmäld");
        slack().click("UANNA", "DUANNA", "1.1", SlackForum.REGISTER, meeting.id(), false);
        awaitText("UANNA", "Du är redan anmäld");
        slack().click("UBO", "DUBO", "1.1", SlackForum.PROPOSE, meeting.id(), false);
        assertThat(BlockKitRules.brokenBy(SLACK.calls("views.open", c -> c.param("view").contains("forum-proposal")).get(0)
                .param("view"))).isEmpty();
        registerWithProposal("UBO", meeting.id(), "example", "Vår uppföljningsmall för hemtjänst");
        awaitText("UBO", "Du är anmäld");

        String carl = "carl.carlsson@stockholm.se";
        send(carl, "FoU-forum", "Hej! Vilka forum finns?", null);
        mailRound();
        assertThat(inboxOf(carl).get(0).getContent().toString()).contains(meeting.id()).contains("Fullbokat (2 platser)");
        send(carl, "Re: FoU-forum", "anmäl " + meeting.id() + "\nFråga: Hur mäter vi effekter?", inboxOf(carl).get(0).getMessageID());
        mailRound();
        assertThat(inboxOf(carl).get(1).getContent().toString()).contains("nummer 1 på väntelistan");
        assertThat(invitesOf(carl)).isEmpty();

        // Anna and Bo hold valid invites
        for (String address : List.of("uanna@stockholm.se", "ubo@stockholm.se")) {
            List<ICalendar> invites = invitesOf(address);
            assertThat(invites).hasSize(1);
            ICalendar cal = invites.get(0);
            assertThat(cal.getMethod().getValue()).isEqualTo("REQUEST");
            assertThat(cal.getTimezoneInfo().getComponents()).extracting(tz -> tz.getTimezoneId().getValue()).contains("Europe/Stockholm");
            VEvent event = cal.getEvents().get(0);
            assertThat(event.getUid().getValue()).isEqualTo("forum-2027-03-10@fou-bot");
            assertThat(event.getSequence().getValue()).isZero();
            assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2027-03-10T12:00:00Z"));
            assertThat(event.getDateEnd().getValue().toInstant()).isEqualTo(Instant.parse("2027-03-10T15:00:00Z"));
            assertThat(event.getOrganizer().getEmail()).isEqualTo("fou@localhost");
            assertThat(event.getAttendees()).extracting(a -> a.getEmail()).containsExactly(address);
            assertThat(event.getLocation().getValue()).isEqualTo("Lokal Ekensberg");
        }

        // Bo cancels: Carl is promoted and told at once, with his invite; Bo gets a CANCEL
        slack().click("UBO", "DUBO", "1.2", SlackForum.UNREGISTER, meeting.id(), false);
        awaitText("UBO", "avbokad");
        mailRound();
        // one message per action: the answer to the click is the person's only direct message about it
        slackNotices.postDue();
        assertThat(SLACK.calls("chat.postMessage", c -> c.param("channel").equals("UANNA")
                && c.param("text").contains("anmäld till") && !c.param("text").contains("redan"))).as("Anna's registration").hasSize(1);
        assertThat(SLACK.calls("chat.postMessage", c -> c.param("channel").equals("UBO") && c.param("text").contains("avbokad")))
                .as("Bo's cancellation").hasSize(1);
        assertThat(new TestMail(mail).inboxOf(carl, "Inbjudan")).isNotEmpty();
        assertThat(invitesOf(carl)).hasSize(1);
        List<ICalendar> bo = invitesOf("ubo@stockholm.se");
        assertThat(bo.get(bo.size() - 1).getMethod().getValue()).isEqualTo("CANCEL");
        assertThat(bo.get(bo.size() - 1).getEvents().get(0).getUid().getValue()).isEqualTo("forum-2027-03-10@fou-bot");
        assertThat(bo.get(bo.size() - 1).getEvents().get(0).getSequence().getValue()).as("Bo's CANCEL supersedes his invite")
                .isEqualTo(1);

        // the coordinator moves the meeting an hour later: updated invites with a higher SEQUENCE
        assertThat(errors(submitPlan("UCOORD", meeting.id(), "forum-plan-submission.json", "\"selected_time\":\"13:00\"",
                "\"selected_time\":\"14:00\"", "\"selected_time\":\"16:00\"", "\"selected_time\":\"17:00\""))).isEmpty();
        mailRound();
        for (String address : List.of("uanna@stockholm.se", carl)) {
            List<ICalendar> invites = invitesOf(address);
            VEvent latest = invites.get(invites.size() - 1).getEvents().get(0);
            assertThat(latest.getSequence().getValue()).isEqualTo(1);
            assertThat(latest.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2027-03-10T13:00:00Z"));
        }

        // helper 101: a person's own cancellation kept the meeting's SEQUENCE, so a calendar could take the invite of their
        // comeback (the same SEQUENCE again) as no newer than the cancellation and leave the meeting cancelled
        slack().click("UANNA", "DUANNA", "1.3", SlackForum.UNREGISTER, meeting.id(), false);
        awaitText("UANNA", "avbokad");
        slack().click("UANNA", "DUANNA", "1.4", SlackForum.REGISTER, meeting.id(), false);
        awaitText("UANNA", "Du är anmäld");
        mailRound();
        List<ICalendar> anna = invitesOf("uanna@stockholm.se");
        // the two may arrive in either order (the outbox sends in parallel): the SEQUENCE tells a calendar which is newer
        List<ICalendar> bySequence = anna.stream().sorted(java.util.Comparator.comparing(c -> c.getEvents().get(0).getSequence()
                .getValue())).toList();
        assertThat(bySequence).extracting(c -> c.getEvents().get(0).getSequence().getValue()).containsExactly(0, 1, 2, 3);
        assertThat(bySequence).extracting(c -> c.getMethod().getValue()).containsExactly("REQUEST", "REQUEST", "CANCEL", "REQUEST");
        // only the move's invite is an updated one: her comeback to the moved meeting is a new invite of hers (helper 104)
        assertThat(new TestMail(mail).inboxOf("uanna@stockholm.se", "Uppdaterad inbjudan: ")).hasSize(1);
        assertThat(new TestMail(mail).inboxOf("uanna@stockholm.se", "Inbjudan: ")).hasSize(2);
        assertThat(new TestMail(mail).inboxOf(carl, "Uppdaterad inbjudan: ")).as("Carl's invite to the moved meeting").hasSize(1);

        // reminders: two days before at the meeting's local hour, then two hours before
        clock.set(Instant.parse("2027-03-08T13:00:00Z").minusSeconds(1));
        scheduler.run("forum");
        slackNotices.postDue();
        assertThat(lastTextTo("UANNA")).doesNotContain("Påminnelse");
        clock.set(Instant.parse("2027-03-08T13:00:00Z"));
        scheduler.run("forum");
        scheduler.run("forum");
        slackNotices.postDue();
        mailRound();
        assertThat(SLACK.calls("chat.postMessage", c -> c.param("channel").equals("UANNA") && c.param("text").contains("Välkommen till FoU-forum")))
                .hasSize(1);
        assertThat(new TestMail(mail).inboxOf(carl, "Påminnelse")).hasSize(1);
        assertThat(lastTextTo("UCOORD")).contains("2 anmälda av 2 platser").contains("Fråga: Hur mäter vi effekter?");

        // the export lists the attendees
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/exports/forum/" + meeting.id() + "/attendees.csv")).header("Authorization", "Bearer forum-admin").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).contains("registered,slack,UANNA,uanna@stockholm.se").contains("registered,email," + carl)
                .doesNotContain("UBO");
        HttpResponse<String> agenda = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/exports/forum/" + meeting.id() + "/agenda.csv")).header("Authorization", "Bearer forum-admin").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(agenda.body()).contains("question,Hur mäter vi effekter?");
    }

    @Test
    void aPlanningFormSubmittedTwiceOrToTwoReplicasAtOnceIsOneMeetingAnsweredAsSavedEachTime() throws Exception {
        clock.set(TestClockConfiguration.START);
        String form = planForm("UCOORD", "", "forum-plan-with-link.json", "\"selected_date\":\"2027-03-17\"",
                "\"selected_date\":\"2027-04-21\"", "Rum K\\u00e4rnan", "Replay-rummet",
                "FoU-forum: uppf\\u00f6ljning i praktiken", "Replay");
        HttpResponse<String> first = slack().interactive(form);
        HttpResponse<String> again = slack().interactive(form);
        for (HttpResponse<String> answer : List.of(first, again)) {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(errors(answer)).isEmpty();
            assertThat(answer.body()).contains("\"response_action\":\"clear\"");
        }
        // the same body at the same moment, as to two replicas behind a load balancer
        String twin = planForm("UCOORD", "", "forum-plan-with-link.json", "\"selected_date\":\"2027-03-17\"",
                "\"selected_date\":\"2027-05-19\"", "Rum K\\u00e4rnan", "Replay-rummet",
                "FoU-forum: uppf\\u00f6ljning i praktiken", "Tvillingen");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> slack().interactive(twin));
            var b = pool.submit(() -> slack().interactive(twin));
            assertThat(errors(a.get())).isEmpty();
            assertThat(errors(b.get())).isEmpty();
        } finally {
            pool.shutdown();
        }
        assertThat(forum.upcoming().stream().filter(m -> m.title().equals("Replay"))).hasSize(1);
        assertThat(forum.upcoming().stream().filter(m -> m.title().equals("Tvillingen"))).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.calls("chat.postMessage",
                c -> "UCOORD".equals(c.param("channel")) && c.param("text").contains("Tvillingen"))).hasSize(1));
        assertThat(SLACK.calls("chat.postMessage", c -> "UCOORD".equals(c.param("channel")) && c.param("text").contains("*Replay*")))
                .hasSize(1);
    }

    /**
     * Helper 100: a meeting's title and place went to the announcement channel and to every registrant's DM as Slack
     * markup, so "<!channel>" called the whole channel and a link showed other words than where it went. They are a
     * coordinator's words, shown as written.
     */
    @Test
    void aMeetingsTitleAndPlaceShowAsWrittenInTheAnnouncementAndInEveryDm() throws Exception {
        String title = "<!channel> Viktigt <https://evil.example|Klicka här> & mer";
        HttpResponse<String> saved = submitPlan("UCOORD", "", "forum-plan-submission.json",
                "\"value\":\"FoU-forum: uppf\\u00f6ljning i praktiken\"", "\"value\":" + SlackRequests.json(title),
                "\"selected_date\":\"2027-03-10\"", "\"selected_date\":\"2027-06-16\"",
                "\"value\":\"Lokal Ekensberg\"", "\"value\":\"Rum <@UANNA>\"");
        assertThat(errors(saved)).isEmpty();
        String id = "forum-2027-06-16";
        assertThat(forum.find(id).orElseThrow().title()).isEqualTo(title);
        String shown = "&lt;!channel&gt; Viktigt &lt;https://evil.example|Klicka här&gt; &amp; mer";
        awaitText("UCOORD", shown);
        assertThat(lastTextTo("UCOORD")).contains("Rum &lt;@UANNA&gt;");

        // its own announcement, whichever of the other tests' announcements are posted after it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            slackNotices.postDue();
            assertThat(postTo("CANNOUNCE", shown)).isNotEmpty();
        });
        assertThat(postTo("CANNOUNCE", shown)).contains("Rum &lt;@UANNA&gt;").doesNotContain("<!channel>").doesNotContain("<@UANNA>");

        slack().click("UTITEL", "DUTITEL", "1.1", SlackForum.REGISTER, id, false);
        awaitText("UTITEL", "Du är anmäld till ”" + shown + "”");
        slack().click("UTITEL", "DUTITEL", "1.1", SlackForum.REGISTER, id, false);
        awaitText("UTITEL", "Du är redan anmäld");
        assertThat(SLACK.calls("chat.postMessage", c -> "UTITEL".equals(c.param("channel")))).extracting(c -> c.param("text"))
                .allSatisfy(text -> assertThat(text).doesNotContain("<!channel>").doesNotContain("<https://evil.example"));
        forum.cancel(id);
    }

    /**
     * A meeting's title was quoted in some answers and not in others (”Test C” in a change's news, Test C in "Du är
     * anmäld till …", *Test C* in the coordinator's "är inställt"): every sentence quotes it as its language quotes, in
     * Slack and by mail, and only the list, where titles head each meeting, shows it bold.
     */
    @Test
    void aMeetingsTitleIsQuotedAsItsLanguageQuotesInEverySentenceAndBoldOnlyWhereTheListHeadsIt() throws Exception {
        String id = plannedMeeting("Forum med citat", java.time.LocalDate.of(2027, 11, 10), "Lokal Citat", 1);
        try {
            slack().click("UCITAT", "DUCITAT", "1.1", SlackForum.REGISTER, id, false);
            awaitText("UCITAT", "Du är anmäld till ”Forum med citat”.");
            assertThat(said(false, "UCITAT", "anmäl " + id)).contains("Du är redan anmäld till ”Forum med citat” – inget mer behövs.");
            assertThat(said(false, "UQUOTE", "english")).isNotEmpty();
            assertThat(said(false, "UQUOTE", "register " + id)).contains("on the waiting list for “Forum med citat”");
            // the list heads each meeting with its title in bold, unquoted
            String list = answered(true, "UCITAT", "forum");
            assertThat(list).contains("*Forum med citat* · `" + id + "`").doesNotContain("”Forum med citat”");

            // by mail: the answer and the invite's news
            String maja = "maja.mejl@stockholm.se";
            send(maja, "Anmälan", "avanmäl " + id, null);
            mailRound();
            assertThat(inboxOf(maja)).singleElement().satisfies(m -> assertThat(textOf(m))
                    .contains("avanmäla dig från ”Forum med citat”"));

            // the coordinator's words in sentences quote too (before, "*Forum med citat* (…) är inställt")
            assertThat(said(false, "UCOORD", "forum ställ in " + id)).contains("Vill du ställa in ”Forum med citat” (" + id + ")");
            slack().click("UCOORD", "DUCOORD", "1.1", SlackForum.CANCEL_CONFIRM, id, false);
            awaitText("UCOORD", "”Forum med citat” (" + id + ") är inställt; de anmälda får en avbokning.");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                slackNotices.postDue();
                assertThat(lastTextTo("UCITAT")).contains("FoU-forumet ”Forum med citat” onsdag 10 november 2027 är inställt.");
                assertThat(lastTextTo("UQUOTE")).contains("The FoU-forum “Forum med citat” on Wednesday 10 November 2027 is cancelled.");
            });
        } finally {
            forum.cancel(id);
        }
    }

    /**
     * Helper 100: "anmäl" by mail to a meeting whose registration had closed got a "Bekräfta:" first, and "har stängt"
     * only after the "ja". That it has closed is a fact about the meeting, not the sender: said at once.
     */
    @Test
    void aMailRegistrationForAMeetingThatHasClosedIsToldSoAtOnceWithoutAConfirmation() throws Exception {
        String id = plannedMeeting("Forum som redan stängt", java.time.LocalDate.of(2027, 1, 13), "Lokal Vinter", 10);
        try {
            clock.set(Instant.parse("2027-01-05T08:00:00Z"));
            String dora = "dora.dahl@stockholm.se";
            send(dora, "Anmälan", "anmäl " + id, null);
            mailRound();
            assertThat(inboxOf(dora)).singleElement().satisfies(m -> {
                assertThat(m.getSubject()).doesNotStartWith("Bekräfta");
                assertThat(m.getContent().toString()).contains("Anmälan till ”Forum som redan stängt” har stängt.");
            });
            assertThat(forum.registrations(id, se.foubot.forum.Registration.Status.REGISTERED)).isEmpty();
        } finally {
            clock.set(TestClockConfiguration.START);
            forum.cancel(id);
        }
    }

    /** The forum's planning form as the fixture has it, with {@code fromTo} changed and {@code more} after them. */
    private static String[] with(String[] fromTo, String... more) {
        String[] all = Arrays.copyOf(fromTo, fromTo.length + more.length);
        System.arraycopy(more, 0, all, fromTo.length, more.length);
        return all;
    }

    /** The last message posted to {@code channel} after {@code since} posts, awaited. */
    private static String awaitPostAfter(String channel, int since) {
        await().atMost(Duration.ofSeconds(10)).until(() -> postsTo(channel) > since);
        return postedTo(channel, since);
    }

    /**
     * Helper 122: at 21.41 the form planned a meeting at 13.00 the same day, answered it as saved and announced it with
     * free seats nobody could take; moving a meeting to an hour that had passed was taken too. Both are refused under
     * the start, as a date that has passed is under the date.
     */
    @Test
    void aStartThatHasPassedTodayIsRefusedUnderTheStartWhenPlannedOrMovedThere() throws Exception {
        String moved = plannedMeeting("Flyttas bakåt", java.time.LocalDate.of(2026, 12, 9), "Lokal Bakåt", 10);
        try {
            clock.set(Instant.parse("2026-12-07T20:41:00Z"));
            HttpResponse<String> late = submitPlan("UCOORD", "", "forum-plan-submission.json", "\"selected_date\":\"2027-03-10\"",
                    "\"selected_date\":\"2026-12-07\"", "\"selected_time\":\"16:00\"", "\"selected_time\":\"14:00\"",
                    "\"value\":\"2\"", "\"value\":\"10\"", "\"selected_date\":\"2027-03-01\"", "\"selected_date\":\"2026-12-07\"",
                    "\"value\":\"FoU-forum: uppf\\u00f6ljning i praktiken\"", "\"value\":\"Test C\"");
            assertThat(late.body()).doesNotContain("\"clear\"");
            assertThat(errors(late)).containsOnlyKeys("start").containsEntry("start", "Kl. 13.00 i dag har redan varit.");
            assertThat(forum.find("forum-2026-12-07")).isEmpty();
            slackNotices.postDue();
            assertThat(postTo("CANNOUNCE", "Test C")).as("announced").isEmpty();

            // 08.30 on the day of a meeting at 9–12: moving it to 8 is refused, to 10 is a change like any other
            clock.set(Instant.parse("2026-12-09T07:30:00Z"));
            String[] sameDay = {"\"selected_date\":\"2027-03-10\"", "\"selected_date\":\"2026-12-09\"",
                    "\"selected_date\":\"2027-03-01\"", "\"selected_date\":\"2026-11-26\""};
            HttpResponse<String> earlier = submitPlan("UCOORD", moved, "forum-plan-submission.json", with(sameDay,
                    "\"selected_time\":\"13:00\"", "\"selected_time\":\"08:00\"", "\"selected_time\":\"16:00\"", "\"selected_time\":\"09:00\""));
            assertThat(errors(earlier)).containsOnlyKeys("start").containsEntry("start", "Kl. 08.00 i dag har redan varit.");
            assertThat(forum.find(moved).orElseThrow().start()).isEqualTo(Instant.parse("2026-12-09T08:00:00Z"));
            HttpResponse<String> later = submitPlan("UCOORD", moved, "forum-plan-submission.json", with(sameDay,
                    "\"selected_time\":\"13:00\"", "\"selected_time\":\"10:00\"", "\"selected_time\":\"16:00\"", "\"selected_time\":\"11:00\""));
            assertThat(errors(later)).isEmpty();
            assertThat(forum.find(moved).orElseThrow().start()).isEqualTo(Instant.parse("2026-12-09T09:00:00Z"));
        } finally {
            clock.set(TestClockConfiguration.START);
            forum.cancel(moved);
        }
    }

    /**
     * Helper 122: the change form saved as it was told every registrant "FoU-forum har ändrats – se den nya tiden och
     * platsen nedan." and mailed an updated invite; so did a change of only the seats or the last day to register. Now
     * nothing changed is nothing sent, a change the invite does not show sends nothing, and a change it shows names
     * what changed.
     */
    @Test
    void aChangeFormSavedAsItWasOrWithOnlySeatsAndDeadlineChangedSendsNoInviteAndAChangeNamesWhatChanged() throws Exception {
        clock.set(TestClockConfiguration.START);
        String[] planned = {"\"selected_date\":\"2027-03-10\"", "\"selected_date\":\"2027-06-09\"",
                "\"value\":\"FoU-forum: uppf\\u00f6ljning i praktiken\"", "\"value\":\"Samma forum\"",
                "\"value\":\"Lokal Ekensberg\"", "\"value\":\"Lokal Samma\""};
        String[] deadline = {"\"selected_date\":\"2027-03-01\"", "\"selected_date\":\"2027-06-01\""};
        assertThat(errors(submitPlan("UCOORD", "", "forum-plan-submission.json", with(planned, deadline)))).isEmpty();
        String id = "forum-2027-06-09";
        slack().click("USAMMA", "DUSAMMA", "1.1", SlackForum.REGISTER, id, false);
        awaitText("USAMMA", "Du är anmäld till ”Samma forum”");
        mailRound();
        assertThat(invitesOf("usamma@stockholm.se")).hasSize(1);
        try {
            // saved as it was: the coordinator is told so, nobody else anything
            int told = postsTo("USAMMA");
            int coordinator = postsTo("UCOORD");
            assertThat(errors(submitPlan("UCOORD", id, "forum-plan-submission.json", with(planned, deadline)))).isEmpty();
            assertThat(awaitPostAfter("UCOORD", coordinator)).contains("Inget ändrades i ”Samma forum” (`" + id + "`) – de anmälda får inget besked.")
                    .doesNotContain("uppdaterad inbjudan");
            slackNotices.postDue();
            mailRound();
            assertThat(postsTo("USAMMA")).isEqualTo(told);
            assertThat(new TestMail(mail).inboxOf("usamma@stockholm.se", "Uppdaterad inbjudan")).isEmpty();
            assertThat(forum.find(id).orElseThrow().sequence()).isZero();

            // only the seats and the last day to register: not in the invite, so nobody is told
            coordinator = postsTo("UCOORD");
            String[] seatsAndDeadline = with(planned, "\"value\":\"2\"", "\"value\":\"5\"", "\"selected_date\":\"2027-03-01\"",
                    "\"selected_date\":\"2027-06-03\"");
            assertThat(errors(submitPlan("UCOORD", id, "forum-plan-submission.json", seatsAndDeadline))).isEmpty();
            assertThat(awaitPostAfter("UCOORD", coordinator)).contains("Du ändrade antalet platser och sista anmälningsdagen, som inte står i "
                    + "kalenderinbjudan – de anmälda får inget besked.");
            slackNotices.postDue();
            mailRound();
            assertThat(postsTo("USAMMA")).isEqualTo(told);
            assertThat(new TestMail(mail).inboxOf("usamma@stockholm.se", "Uppdaterad inbjudan")).isEmpty();
            Meeting after = forum.find(id).orElseThrow();
            assertThat(after.sequence()).isZero();
            assertThat(after.capacity()).isEqualTo(5);

            // the description is in the invite: an updated one, and the news names what changed
            coordinator = postsTo("UCOORD");
            assertThat(errors(submitPlan("UCOORD", id, "forum-plan-submission.json", with(seatsAndDeadline, "Vi delar goda exempel",
                    "Vi delar nya exempel")))).isEmpty();
            assertThat(awaitPostAfter("UCOORD", coordinator)).contains("Du ändrade beskrivningen – de anmälda får en uppdaterad inbjudan.");
            slackNotices.postDue();
            mailRound();
            String news = "I FoU-forumet ”Samma forum” har beskrivningen ändrats – se nedan.";
            assertThat(postedTo("USAMMA", told)).contains(news).doesNotContain("den nya tiden");
            assertThat(new TestMail(mail).inboxOf("usamma@stockholm.se", "Uppdaterad inbjudan")).singleElement()
                    .satisfies(m -> assertThat(textOf(m)).contains(news).contains("Vi delar nya exempel"));
            List<ICalendar> invites = invitesOf("usamma@stockholm.se");
            assertThat(invites.get(invites.size() - 1).getEvents().get(0).getSequence().getValue()).isEqualTo(1);
        } finally {
            forum.cancel(id);
        }
    }

    /**
     * A last day to register on the meeting's own day closes at its start, so moving the meeting moved the deadline
     * with it, and nobody was told: the coordinator's confirmation says from what to what (and that registration has
     * closed when the new deadline has passed), and the registered are told the new deadline with the change.
     */
    @Test
    void movingAMeetingTellsTheCoordinatorAndTheRegisteredThatItsRegistrationDeadlineMoved() throws Exception {
        clock.set(TestClockConfiguration.START);
        String[] named = {"\"value\":\"FoU-forum: uppf\\u00f6ljning i praktiken\"", "\"value\":\"Forum som flyttas\"",
                "\"value\":\"Lokal Ekensberg\"", "\"value\":\"Lokal Flytt\"", "\"selected_time\":\"13:00\"", "\"selected_time\":\"<start>\"",
                "\"selected_time\":\"16:00\"", "\"selected_time\":\"<end>\""};
        // the day and the last day to register: the fixture's own (10 and 1 March) replaced by these
        java.util.function.BiFunction<String, String, String[]> on = (day, last) -> with(named, "\"selected_date\":\"2027-03-10\"",
                "\"selected_date\":\"" + day + "\"", "\"selected_date\":\"2027-03-01\"", "\"selected_date\":\"" + last + "\"");
        String[] planned = with(on.apply("2027-04-14", "2027-04-14"), "<start>", "13:00", "<end>", "16:00");
        assertThat(errors(submitPlan("UCOORD", "", "forum-plan-submission.json", planned))).isEmpty();
        String id = "forum-2027-04-14";
        slack().click("UFLYTT", "DUFLYTT", "1.1", SlackForum.REGISTER, id, false);
        awaitText("UFLYTT", "Du är anmäld");
        mailRound();
        try {
            // two hours later the same day: registration, open until the start, now closes two hours later
            int told = postsTo("UFLYTT");
            int coordinator = postsTo("UCOORD");
            assertThat(errors(submitPlan("UCOORD", id, "forum-plan-submission.json", with(on.apply("2027-04-14", "2027-04-14"),
                    "<start>", "15:00", "<end>", "17:00")))).isEmpty();
            assertThat(awaitPostAfter("UCOORD", coordinator)).contains("Du ändrade tiden – de anmälda får en uppdaterad inbjudan.\n"
                    + "Sista anmälan har flyttats från onsdag 14 april 2027 kl. 13.00 till onsdag 14 april 2027 kl. 15.00.");
            String news = "har tiden ändrats – se nedan. Sista anmälan har flyttats till onsdag 14 april 2027 kl. 15.00.";
            slackNotices.postDue();
            mailRound();
            assertThat(postedTo("UFLYTT", told)).contains(news);
            assertThat(new TestMail(mail).inboxOf("uflytt@stockholm.se", "Uppdaterad inbjudan")).singleElement()
                    .satisfies(m -> assertThat(textOf(m)).contains(news));

            // a week later, with a last day that has already passed: registration has closed, and both are told so
            told = postsTo("UFLYTT");
            coordinator = postsTo("UCOORD");
            String[] weekLater = with(on.apply("2027-04-21", "2026-11-20"), "<start>", "15:00", "<end>", "17:00");
            assertThat(errors(submitPlan("UCOORD", id, "forum-plan-submission.json", weekLater))).isEmpty();
            assertThat(awaitPostAfter("UCOORD", coordinator)).contains("Sista anmälan har flyttats från onsdag 14 april 2027 kl. 15.00 "
                    + "till fredag 20 november 2026, som redan har varit – anmälan är stängd.");
            slackNotices.postDue();
            assertThat(postedTo("UFLYTT", told)).contains("Sista anmälan har flyttats till fredag 20 november 2026, som redan har varit "
                    + "– anmälan är stängd.");

            // a change that leaves the deadline where it was says nothing of it
            coordinator = postsTo("UCOORD");
            assertThat(errors(submitPlan("UCOORD", id, "forum-plan-submission.json", with(weekLater, "Vi delar goda exempel",
                    "Vi delar andra exempel")))).isEmpty();
            assertThat(awaitPostAfter("UCOORD", coordinator)).contains("Du ändrade beskrivningen").doesNotContain("Sista anmälan har flyttats");
        } finally {
            forum.cancel(id);
        }
    }

    /**
     * Helper 122: an old Anmäl mig button for a cancelled meeting said there was no such meeting, "anmäl" in a DM that its
     * registration had closed, and Anmäl mig med förslag still opened the form. Each says it is cancelled.
     */
    @Test
    void aCancelledMeetingIsSaidToBeCancelledByAnOldButtonAndInADmAndOpensNoProposalForm() throws Exception {
        String id = plannedMeeting("Kapplöpning", java.time.LocalDate.of(2027, 5, 19), "Lokal Kapplöpning", 10);
        slack().click("UCOORD", "DUCOORD", "1.1", SlackForum.CANCEL_CONFIRM, id, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> forum.find(id).orElseThrow().cancelled());
        String cancelled = "”Kapplöpning” (" + id + ") är inställt.";

        slack().click("UGAMMAL", "DUGAMMAL", "1.1", SlackForum.REGISTER, id, false);
        awaitText("UGAMMAL", cancelled);
        assertThat(said(false, "UGAMMAL", "anmäl " + id)).contains(cancelled).doesNotContain("har stängt");
        int forms = SLACK.calls("views.open", c -> c.param("view").contains("forum-proposal")).size();
        int before = postsTo("UGAMMAL");
        slack().click("UGAMMAL", "DUGAMMAL", "1.2", SlackForum.PROPOSE, id, false);
        assertThat(awaitPostAfter("UGAMMAL", before)).contains(cancelled);
        assertThat(SLACK.calls("views.open", c -> c.param("view").contains("forum-proposal"))).hasSize(forms);
        assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("UGAMMAL"))).isEmpty();
    }

    /**
     * Helper 122: a mail "anmäl" to a meeting whose registration had closed was told "har stängt" above a list showing it
     * with free seats and its last day, Slack's list and App Home offered Anmäl mig for it, and the closing example named a
     * full meeting. A closed meeting is listed as closed without the buttons, and the example names one to register for.
     */
    @Test
    void aMeetingWhoseRegistrationHasClosedIsListedAsClosedWithoutButtonsAndTheExampleNamesOneOpenToAll() throws Exception {
        String closed = plannedMeeting("Stängt forum", java.time.LocalDate.of(2027, 1, 20), "Lokal Stängd", 5);
        String full = plannedMeeting("Fullt forum", java.time.LocalDate.of(2027, 1, 25), "Lokal Trång", 1);
        String open = plannedMeeting("Öppet forum", java.time.LocalDate.of(2027, 1, 27), "Lokal Öppen", 5);
        forum.register(closed, se.foubot.messaging.Recipient.email("tidig@stockholm.se"), "tidig@stockholm.se", null, null);
        forum.register(full, se.foubot.messaging.Recipient.email("forst@stockholm.se"), "forst@stockholm.se", null, null);
        try {
            clock.set(Instant.parse("2027-01-10T09:00:00Z"));
            String dag = "dag.dahl@stockholm.se";
            send(dag, "Anmälan", "anmäl " + closed, null);
            mailRound();
            List<MimeMessage> answers = inboxOf(dag);
            String answer = answers.get(answers.size() - 1).getContent().toString().replace("\r\n", "\n");
            assertThat(answer).contains("Anmälan till ”Stängt forum” har stängt.")
                    .contains("Platser: 4 lediga platser av 5 · anmälan stängd")
                    .doesNotContain("sista anmälan torsdag 7 januari 2027")
                    .contains("Anmäl dig genom att svara ”anmäl " + open + "”");

            String list = answered(true, "ULISTA", "forum");
            assertThat(list).contains("anmälan stängd").contains("\"" + open + "\"").doesNotContain("\"" + closed + "\"");
            slack().event("EvForumHome" + System.nanoTime(), "{\"type\":\"app_home_opened\",\"user\":\"ULISTA\",\"channel\":\"DULISTA\","
                    + "\"tab\":\"home\"}");
            await().atMost(Duration.ofSeconds(15)).until(() -> !SLACK.calls("views.publish", c -> "ULISTA".equals(c.param("user_id"))).isEmpty());
            String home = SLACK.calls("views.publish", c -> "ULISTA".equals(c.param("user_id"))).get(0).param("view");
            assertThat(home).contains("Stängt forum").contains("\"" + open + "\"").doesNotContain("\"" + closed + "\"");
        } finally {
            clock.set(TestClockConfiguration.START);
            forum.cancel(closed);
            forum.cancel(full);
            forum.cancel(open);
        }
    }

    /** Helper 122: "Platser: fullt, 1 plats", and "… är fullt – du står som nummer 1 …" after a title of any gender. */
    @Test
    void aFullMeetingIsFullyBookedInTheListAndInTheWaitlistsAnswer() throws Exception {
        String id = plannedMeeting("Fullbokat forum", java.time.LocalDate.of(2027, 9, 22), "Lokal Full", 1);
        forum.register(id, se.foubot.messaging.Recipient.email("forsta@stockholm.se"), "forsta@stockholm.se", null, null);
        slack().click("UFULL", "DUFULL", "1.1", SlackForum.REGISTER, id, false);
        awaitText("UFULL", "Mötet är fullbokat – du står som nummer 1 på väntelistan till ”Fullbokat forum”");
        assertThat(answered(true, "UFULL", "forum")).contains("Fullbokat (1 plats) · sista anmälan").doesNotContain("fullt,");
        forum.cancel(id);
    }

    /**
     * Helper 122: the registered of a cancelled meeting were told "Kapplöpning är inställt." and the waitlisted the time
     * in brackets; both are told the same sentence, with the day written as the bot writes days.
     */
    @Test
    void theRegisteredAndTheWaitlistedOfACancelledMeetingAreToldTheSameSentenceWithItsDay() throws Exception {
        String id = plannedMeeting("Kapplöpning", java.time.LocalDate.of(2027, 5, 26), "Lokal Kapp", 1);
        slack().click("UKAPP1", "DUKAPP1", "1.1", SlackForum.REGISTER, id, false);
        awaitText("UKAPP1", "Du är anmäld");
        slack().click("UKAPP2", "DUKAPP2", "1.1", SlackForum.REGISTER, id, false);
        awaitText("UKAPP2", "väntelistan");
        mailRound();
        slack().click("UCOORD", "DUCOORD", "1.1", SlackForum.CANCEL_CONFIRM, id, false);
        String sentence = "FoU-forumet ”Kapplöpning” onsdag 26 maj 2027 är inställt.";
        // the click is done after its ack, and its notices are queued after the meeting is marked cancelled
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            slackNotices.postDue();
            assertThat(lastTextTo("UKAPP1")).contains(sentence);
            assertThat(lastTextTo("UKAPP2")).contains(sentence);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            mailRound();
            assertThat(new TestMail(mail).inboxOf("ukapp1@stockholm.se", "Avbokat")).singleElement()
                    .satisfies(m -> assertThat(letter(m)).startsWith("Hej!\n\n" + sentence));
        });
    }

    /** Helper 122: "Högst 3000 tecken." beside "från 1 till 1 000", and a holiday without the weekend's reason. */
    @Test
    void theFormWritesTheLongestTextAsItWritesCountsAndAHolidayWithTheWeekdaysReason() throws Exception {
        clock.set(TestClockConfiguration.START);
        HttpResponse<String> answer = submitPlan("UCOORD", "", "forum-plan-submission.json", "\"selected_date\":\"2027-03-10\"",
                "\"selected_date\":\"2027-01-06\"", "\"selected_date\":\"2027-03-01\"", "\"selected_date\":\"2026-12-20\"",
                "Vi delar goda exempel", "x".repeat(3001));
        assertThat(errors(answer)).containsOnlyKeys("date", "description")
                .containsEntry("date", "Onsdag 6 januari 2027 är en helgdag. FoU-forum hålls på vardagar.")
                .containsEntry("description", "Högst 3\u00a0000 tecken.");
    }

    /** Helper 122: a mailed invite and reminder said "skriv `/fou forum` i Slack", Slack's markup in a plain-text mail. */
    @Test
    void aMailedInviteAndReminderSayHowToCancelWithoutSlackMarkup() throws Exception {
        String id = plannedMeeting("Forum utan markering", java.time.LocalDate.of(2027, 9, 29), "Lokal Ren", 10);
        String rut = "rut.ren@stockholm.se";
        try {
            send(rut, "FoU-forum", "Vilka forum finns?", null);
            mailRound();
            send(rut, "Re: FoU-forum", "anmäl " + id, inboxOf(rut).get(0).getMessageID());
            mailRound();
            assertThat(new TestMail(mail).inboxOf(rut, "Inbjudan")).singleElement()
                    .satisfies(m -> assertThat(textOf(m)).contains("skriv ”/fou forum” i Slack").doesNotContain("`"));
            clock.set(Instant.parse("2027-09-27T07:00:00Z"));
            scheduler.run("forum");
            mailRound();
            assertThat(new TestMail(mail).inboxOf(rut, "Påminnelse")).singleElement()
                    .satisfies(m -> assertThat(textOf(m)).contains("skriv ”/fou forum” i Slack").doesNotContain("`"));
        } finally {
            clock.set(TestClockConfiguration.START);
            forum.cancel(id);
        }
    }

    /** Helper 122: the announcement by mail began with the news and ended unsigned, unlike the bot's other letters. */
    @Test
    void anAnnouncementByMailIsALetterGreetedAndSignedAsTheBotsOtherLetters() throws Exception {
        clock.set(TestClockConfiguration.START);
        assertThat(said(false, "UNYFIKEN", "bevakning forum")).contains("unyfiken@stockholm.se");
        assertThat(errors(submitPlan("UCOORD", "", "forum-plan-submission.json", "\"selected_date\":\"2027-03-10\"",
                "\"selected_date\":\"2027-10-20\"", "\"value\":\"Lokal Ekensberg\"", "\"value\":\"Lokal Brev\"",
                "\"value\":\"FoU-forum: uppf\\u00f6ljning i praktiken\"", "\"value\":\"Forum med brev\""))).isEmpty();
        mailRound();
        assertThat(new TestMail(mail).inboxOf("unyfiken@stockholm.se", "Nytt FoU-forum: Forum med brev")).singleElement()
                .satisfies(m -> assertThat(textOf(m).replace("\r\n", "\n").strip()).startsWith("Hej!\n\nEtt nytt FoU-forum är planerat.")
                        .endsWith("Vänliga hälsningar\nFoU-boten"));
        forum.cancel("forum-2027-10-20");
    }

    /**
     * The invitations, reminders and cancellations mailed to registrants began with the news and ended unsigned, unlike
     * the announcements: each is a letter greeted and signed in the registrant's language, and one whose language is
     * not known gets the letter in Swedish and then in English.
     */
    @Test
    void invitationsRemindersAndCancellationsByMailAreLettersGreetedAndSignedInTheRegistrantsLanguage() throws Exception {
        String id = plannedMeeting("Forum med hälsning", java.time.LocalDate.of(2027, 10, 13), "Lokal Hälsning", 2);
        String sv = "signe.svensk@stockholm.se";
        String en = "emma.english@stockholm.se";
        String unknown = "okand.okand@stockholm.se";
        String waiting = "vera.vantar@stockholm.se";
        try {
            forum.register(id, se.foubot.messaging.Recipient.email(sv), sv, null, null, se.foubot.conversation.Language.SV);
            forum.register(id, se.foubot.messaging.Recipient.email(en), en, null, null, se.foubot.conversation.Language.EN);
            forum.register(id, se.foubot.messaging.Recipient.email(unknown), unknown, null, null, null);
            forum.register(id, se.foubot.messaging.Recipient.email(waiting), waiting, null, null, se.foubot.conversation.Language.SV);
            clock.set(Instant.parse("2027-10-11T07:00:00Z"));
            scheduler.run("forum");
            mailRound();
            // Signe cancels: the first waiting gets her seat and an invite; then the meeting is cancelled
            forum.unregister(id, se.foubot.messaging.Recipient.email(sv));
            forum.cancel(id);
            mailRound();

            TestMail people = new TestMail(mail);
            for (String subject : List.of("Inbjudan: Forum med hälsning", "Påminnelse: Forum med hälsning", "Avbokat: Forum med hälsning")) {
                assertThat(people.inboxOf(sv, subject)).as(subject).singleElement().satisfies(m -> assertThat(letter(m))
                        .startsWith("Hej!\n\n").endsWith("\n\nVänliga hälsningar\nFoU-boten").doesNotContain("Hello!"));
            }
            for (String subject : List.of("Invitation: Forum med hälsning", "Reminder: Forum med hälsning", "Cancelled: Forum med hälsning")) {
                assertThat(people.inboxOf(en, subject)).as(subject).singleElement().satisfies(m -> assertThat(letter(m))
                        .startsWith("Hello!\n\n").endsWith("\n\nBest regards\nThe FoU bot").doesNotContain("Hej!"));
            }
            for (String subject : List.of("Inbjudan: Forum med hälsning", "Avbokat: Forum med hälsning")) {
                assertThat(people.inboxOf(unknown, subject)).as(subject).singleElement().satisfies(m -> assertThat(letter(m))
                        .startsWith("Hej!\n\n").contains("\n\nVänliga hälsningar\nFoU-boten\n\nHello!\n\n")
                        .endsWith("\n\nBest regards\nThe FoU bot"));
            }
            assertThat(people.inboxOf(waiting, "Inställt: Forum med hälsning")).singleElement().satisfies(m -> assertThat(letter(m))
                    .startsWith("Hej!\n\nFoU-forumet").endsWith("\n\nVänliga hälsningar\nFoU-boten"));
        } finally {
            clock.set(TestClockConfiguration.START);
            forum.cancel(id);
        }
    }

    /** A received mail's text as a reader sees it: its lines, without the line breaks' carriage returns or the last break. */
    private static String letter(MimeMessage m) throws Exception {
        return textOf(m).replace("\r\n", "\n").strip();
    }

    @Test
    void aThousandSeatsReadAsSwedishWritesThemWithANonBreakingSpace() throws Exception {
        String id = plannedMeeting("FoU-forum i Aulan", java.time.LocalDate.of(2027, 9, 15), "Aulan", 1000);
        slack().command("UTUSEN", "forum");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLACK.calls("chat.postMessage",
                c -> "UTUSEN".equals(c.param("channel"))).stream().map(c -> c.param("text") + c.param("blocks")).collect(Collectors.joining()))
                .contains("1\u00a0000 lediga platser av 1\u00a0000").doesNotContain("1000 lediga"));
        forum.cancel(id);
    }

    /** The text of every message posted to {@code channel} (a user's DM) after {@code since} calls, with its blocks. */
    private static String postedTo(String channel, int since) {
        List<FakeSlackApi.Call> posts = SLACK.calls("chat.postMessage", c -> channel.equals(c.param("channel")));
        return posts.subList(Math.min(since, posts.size()), posts.size()).stream().map(c -> c.param("text") + "\n" + c.param("blocks"))
                .collect(Collectors.joining("\n"));
    }

    private static int postsTo(String channel) {
        return SLACK.calls("chat.postMessage", c -> channel.equals(c.param("channel"))).size();
    }

    /** Writes {@code text} in a DM (or after /fou) and returns what the bot answered there. */
    private String said(boolean slash, String user, String text) throws Exception {
        String answer = answered(slash, user, text);
        Thread.sleep(150); // a second message of the same answer (none expected) would be here by now
        return answer;
    }

    /** As {@link #said}, without waiting for a second message: for the words that only put a conversation back. */
    private String answered(boolean slash, String user, String text) throws Exception {
        // a DM is answered in the DM's channel, /fou in the person's DM (by their user id)
        String where = slash ? user : "D" + user;
        int before = postsTo(where);
        if (slash) {
            slack().command(user, text);
        } else {
            slack().dm("Ev" + UUID.randomUUID().toString().replace("-", ""), user, text);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> postsTo(where) > before);
        return postedTo(where, before);
    }

    @Test
    void aCoordinatorsWordsWorkTheSameInADmAndAfterSlashFou() throws Exception {
        for (boolean slash : List.of(false, true)) {
            String id = plannedMeeting("Ställs in " + slash, java.time.LocalDate.of(2027, 10, slash ? 13 : 6), "Rum " + slash, 20);
            if (!slash) {
                String open = said(false, "UCOORD", "forum ny");
                assertThat(open).contains("Planera ett nytt FoU-forum i formuläret").contains(SlackForum.PLAN_OPEN);
                int opened = SLACK.calls("views.open").size();
                slack().click("UCOORD", "DUCOORD", "1.1", SlackForum.PLAN_OPEN, "", false);
                await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.calls("views.open").size() > opened);
                assertThat(SLACK.calls("views.open").get(opened).param("view")).contains("forum-plan");
                assertThat(said(false, "UCOORD", "forum ändra " + id)).contains("Ändra ”Ställs in false”").contains(SlackForum.PLAN_OPEN);
                assertThat(said(false, "UANNA", "forum ny")).contains("Bara FoU:s samordnare");
            }
            // helper 104: the words without an id got the greeting; now they ask which meeting, naming the coming ones
            assertThat(said(slash, "UCOORD", "forum ställ in")).contains("Skriv också vilket möte du menar, till exempel ”forum ställ in ")
                    .contains("• " + id + " – ”Ställs in " + slash + "”").doesNotContain("Hej! Jag är FoU-boten")
                    .doesNotContain(SlackForum.CANCEL_CONFIRM);
            assertThat(said(slash, "UCOORD", "forum ändra")).contains("”forum ändra ").contains(id).doesNotContain("Hej! Jag är FoU-boten");
            assertThat(said(slash, "UANNA", "forum ställ in")).contains("Bara FoU:s samordnare");
            if (slash) {
                // helper 106: the answer to /fou itself said the words back as markup, a pasted page whole
                String echoed = slack().command("UCOORD", "forum ändra <!channel> <@UANNA> " + "x".repeat(5000)).body();
                String shown = com.google.gson.JsonParser.parseString(echoed).getAsJsonObject().get("text").getAsString();
                // Slack's markup read as the words it shows (as in a DM), said back with no markup of its own
                assertThat(shown).contains("Inget planerat möte heter ”@channel @UANNA x").doesNotContain("<!channel>")
                        .doesNotContain("<@UANNA>").hasSizeLessThan(200);
                // Slack sends a typed "&" as "&amp;": said back escaped once, so Slack shows "R&D"
                String ampersand = com.google.gson.JsonParser.parseString(slack().command("UCOORD", "forum ändra R&amp;D-mötet").body())
                        .getAsJsonObject().get("text").getAsString();
                assertThat(ampersand).contains("”R&amp;D-mötet”").doesNotContain("&amp;amp;");
            }
            // helper 101: the words cancelled at once; now they ask, with what cancelling does, and a button cancels
            String asked = said(slash, "UCOORD", "forum ställ in " + id);
            assertThat(asked).contains("Vill du ställa in ”Ställs in " + slash + "” (" + id + ")").contains("Ingen anmäld och ingen på väntelistan får veta det")
                    .contains(SlackForum.CANCEL_CONFIRM).contains("Ställ in mötet")
                    .doesNotContain("inte säker").doesNotContain("Hej! Jag är FoU-boten");
            assertThat(forum.find(id).orElseThrow().cancelled()).isFalse();
            // helper 104: the question stood only in the notification's text; Slack shows the blocks
            List<FakeSlackApi.Call> askedPosts = SLACK.calls("chat.postMessage", c -> c.param("channel").equals(slash ? "UCOORD" : "DUCOORD")
                    && String.valueOf(c.param("blocks")).contains(SlackForum.CANCEL_CONFIRM));
            assertThat(BlockKitRules.textOf(askedPosts.get(askedPosts.size() - 1).param("blocks"))).contains("Vill du ställa in")
                    .contains("Ingen anmäld och ingen på väntelistan får veta det");
            int told = postsTo("UCOORD");
            slack().click("UCOORD", "DUCOORD", "1.9", SlackForum.CANCEL_CONFIRM, id, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> postsTo("UCOORD") > told);
            assertThat(postedTo("UCOORD", told)).contains("är inställt");
            assertThat(forum.find(id).orElseThrow().cancelled()).isTrue();
            // a second click (or the words again) says it is done already, not that there is no such meeting
            int again = postsTo("UCOORD");
            slack().click("UCOORD", "DUCOORD", "1.10", SlackForum.CANCEL_CONFIRM, id, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> postsTo("UCOORD") > again);
            assertThat(postedTo("UCOORD", again)).contains("är redan inställt");
            assertThat(said(slash, "UCOORD", "forum ställ in " + id)).contains("är redan inställt");
            assertThat(said(slash, "UCOORD", "forum ställ in forum-1999-01-01")).contains("forum-1999-01-01")
                    .doesNotContain(SlackForum.CANCEL_CONFIRM);
            assertThat(said(slash, "UCOORD", "kunskapsluckor stäng kl-1999")).contains("kl-1999").doesNotContain("Hej! Jag är");
            assertThat(said(slash, "UANALYST1", "kunskapsluckor lägg till FOU-2026-9999")).contains("FOU-2026-9999")
                    .doesNotContain("Hej! Jag är");
        }
        String open = said(false, "UCOORD", "kunskapsluckor ny");
        assertThat(open).contains("Öppna en ny inventering av kunskapsluckor i formuläret");
        int opened = SLACK.calls("views.open").size();
        slack().click("UCOORD", "DUCOORD", "1.1", "knowledgegaps-open-form", "new", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> SLACK.calls("views.open").size() > opened);
    }

    @Test
    void helpInADmListsWhatWorksThereAsTypedThereAndAfterSlashFouWithThePrefix() throws Exception {
        String dm = said(false, "UCOORD", "hjälp");
        assertThat(dm).contains("• `forum ny` –").contains("• `forum ställ in ID` –").contains("• `kunskapsluckor ny` –")
                .contains("• `avbevaka LUM|MUL` –").contains("• `kontrollera ansökan` –").contains("• `english / svenska` –")
                .doesNotContain("/fou");
        assertThat(said(true, "UCOORD", "hjälp")).contains("• `/fou forum ny` –").contains("• `/fou status` –");
        String district = said(false, "UANNA", "hjälp");
        assertThat(district).contains("• `status` –").doesNotContain("forum ny").doesNotContain("kunskapsluckor lägg till");
        assertThat(said(false, "UANALYST1", "hjälp")).contains("• `kunskapsluckor lägg till FOU-…` –");
    }

    @Test
    void everyHelpLineInADmWorksThereAndEveryCommandOfTheTableIsInSomeonesHelp(
            @Autowired se.foubot.messaging.CommandTable table) throws Exception {
        String id = plannedMeeting("Hjälpforum", java.time.LocalDate.of(2027, 11, 10), "Rum hjälp", 20);
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (String user : List.of("UCOORD", "UANALYST1", "UHJALP")) {
            String help = said(false, user, "hjälp");
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("• `([^`]+)` –").matcher(help);
            while (line.find()) {
                shown.add(line.group(1));
                String words = line.group(1).split(" / ")[0].replace("[LUM|MUL]", "LUM").replace("LUM|MUL", "LUM")
                        .replace("FOU-…", "FOU-2026-9999").replace("anmäl ID", "anmäl " + id).replace("ställ in ID", "ställ in kl-0")
                        .replace("ändra ID", "ändra " + id).replace("stäng ID", "stäng kl-1999");
                if (words.equals("tillbaka") || words.equals("avbryt")) {
                    answered(false, user, "stöd"); // a conversation's step words: said in the middle of one
                }
                String answer = said(false, user, words);
                // understood: not the knowledge base's guess, and not the greeting given to words it does not know
                assertThat(answer).as(user + ": " + words).doesNotContain("Jag är inte säker på att jag förstår")
                        .doesNotStartWith("Hej! Jag är FoU-boten");
                answered(false, user, words.equals("english") ? "svenska" : "avbryt");
            }
        }
        assertThat(shown).containsAll(table.allUsages().stream().filter(u -> u.worksIn("slack"))
                .map(se.foubot.messaging.Command.Usage::words).toList());
        forum.cancel(id);
    }

    /**
     * Black-box tester: the English help named the Swedish words ("ny", "bevakning av", "kunskapsluckor", "avbryt" …)
     * although the English ones work. Now every line shows the English words, and each of them is understood.
     */
    @Test
    void theEnglishHelpNamesOnlyEnglishWordsAndEachOfThemWorks() throws Exception {
        String id = plannedMeeting("Help forum", java.time.LocalDate.of(2027, 11, 17), "Room help", 20);
        for (String user : List.of("UCOORD", "UANALYST1", "UHELPEN")) {
            answered(false, user, "english");
            String help = said(false, user, "help");
            assertThat(help).contains("Commands").contains("• `new` –").contains("• `subscribe [LUM|MUL]` –")
                    .contains("• `unsubscribe LUM|MUL` –").contains("• `check application` –").contains("• `back / restart` –");
            for (String swedish : List.of("`ny`", "bevakning", "avbevaka", "kunskapslucka", "kontrollera", "När stänger", "avbryt",
                    "tillbaka", "börja om", "ställ in", "ändra", "stäng", "lägg till", "anmäl", "`hjälp`")) {
                assertThat(help).as(user).doesNotContain(swedish);
            }
            java.util.regex.Matcher line = java.util.regex.Pattern.compile("• `([^`]+)` –").matcher(help);
            while (line.find()) {
                String words = line.group(1).split(" / ")[0].replace("[LUM|MUL]", "LUM").replace("LUM|MUL", "LUM")
                        .replace("FOU-…", "FOU-2026-9999").replace("register ID", "register " + id)
                        .replace("forum cancel ID", "forum cancel kl-0").replace("edit ID", "edit " + id)
                        .replace("close ID", "close kl-1999");
                if (words.equals("back") || words.equals("cancel")) {
                    answered(false, user, "new"); // a conversation's step words: said in the middle of one
                }
                String answer = said(false, user, words);
                assertThat(answer).as(user + ": " + words).doesNotContain("I am not sure I understand")
                        .doesNotStartWith("Hi! I am the FoU bot").doesNotContain("Jag är inte säker").doesNotStartWith("Hej!");
                answered(false, user, words.equals("svenska") ? "english" : "cancel");
            }
            answered(false, user, "svenska");
        }
        forum.cancel(id);
    }

    @Test
    void theEnglishAnswerToSubscribeNamesTheEnglishWordsToStopAndTheyStopOnlyWhatIsNamed() throws Exception {
        answered(false, "USUBEN", "english");
        String subscribed = said(false, "USUBEN", "subscribe LUM MUL");
        assertThat(subscribed).contains("Write “unsubscribe” to stop.").doesNotContain("bevakning");
        assertThat(said(false, "USUBEN", "unsubscribe LUM")).contains("no more reminders about LUM").contains("MUL still come");
        assertThat(subscriptions.find("slack", "USUBEN").orElseThrow().programmes()).containsExactly("MUL");
        assertThat(said(false, "USUBEN", "unsubscribe")).contains("no more LUM and MUL reminders");
        assertThat(subscriptions.find("slack", "USUBEN").orElseThrow().active()).isFalse();
    }

    @Test
    void avbevakaLumInADmStopsOnlyTheLumReminders() throws Exception {
        said(false, "UBEV", "bevakning LUM MUL");
        assertThat(said(false, "UBEV", "avbevaka LUM")).contains("inga fler påminnelser om LUM").contains("Om MUL får du dem som förut");
        assertThat(subscriptions.find("slack", "UBEV").orElseThrow().programmes()).containsExactly("MUL");
        assertThat(said(false, "UBEV", "avbevaka MUL")).contains("du får inga fler påminnelser");
        assertThat(subscriptions.find("slack", "UBEV").orElseThrow().active()).isFalse();
    }

    @Test
    void everyFieldOfAPlanningFormIsCheckedAtOnceEachReasonUnderItsField() throws Exception {
        clock.set(TestClockConfiguration.START);
        int planned = forum.all().size();
        HttpResponse<String> answer = submitPlan("UCOORD", "", "forum-plan-with-link.json", "\"selected_time\":\"16:00\"",
                "\"selected_time\":\"11:00\"", "\"value\":\"40\"", "\"value\":\"0\"", "https:\\/\\/meet.stockholm.se\\/fou-forum",
                "meet.stockholm.se fou", "\"selected_date\":\"2027-03-01\"", "\"selected_date\":\"2027-03-20\"");
        assertThat(errors(answer)).containsOnlyKeys("end", "capacity", "video", "deadline")
                .hasEntrySatisfying("end", e -> assertThat(e).contains("måste vara efter starten"))
                .hasEntrySatisfying("deadline", e -> assertThat(e).contains("är efter mötet"));
        assertThat(forum.all()).hasSize(planned);
    }

    @Test
    void whenManyTakeTheLastSeatsAtOnceExactlyCapacityGetOneAndTheRestWaitInOrder() throws Exception {
        String id = plannedMeeting("Racet", java.time.LocalDate.of(2027, 4, 14), "Lokal Race", 5);
        List<java.util.concurrent.CompletableFuture<ForumService.RegisterResult>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String who = "racer" + i + "@stockholm.se";
            all.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> forum.register(id, se.foubot.messaging.Recipient.email(who),
                    who, null, null), OwnThreads.EACH));
        }
        List<ForumService.RegisterResult> results = all.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(results).filteredOn(r -> r instanceof ForumService.Seated).hasSize(5);
        assertThat(results).filteredOn(r -> r instanceof ForumService.Waitlisted).hasSize(25);
        assertThat(forum.find(id).orElseThrow().seats()).isEqualTo(5);
        assertThat(forum.registrations(id, se.foubot.forum.Registration.Status.REGISTERED)).hasSize(5);
    }

    @Test
    void eachPersonIsToldInTheLanguageKeptOnTheirRegistrationAndInBothOnlyWhenItIsUnknown() throws Exception {
        String id = plannedMeeting("Forum om språk", java.time.LocalDate.of(2027, 4, 28), "Lokal Orion", 10);
        // Slack says who reads English (their locale); nobody here has talked with the bot before
        slack().click("UENGLISH", "DUENGLISH", "1.1", SlackForum.REGISTER, id, false);
        awaitText("UENGLISH", "You are registered for “Forum om språk”");
        slack().click("USVEA", "DUSVEA", "1.1", SlackForum.REGISTER, id, false);
        awaitText("USVEA", "Du är anmäld till ”Forum om språk”");
        // a registration made without a language (an admin import, one from before the language was kept)
        forum.register(id, se.foubot.messaging.Recipient.email("okand@stockholm.se"), "okand@stockholm.se", null, null);
        assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("UENGLISH")).orElseThrow().language())
                .isEqualTo(se.foubot.conversation.Language.EN);
        assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("USVEA")).orElseThrow().language())
                .isEqualTo(se.foubot.conversation.Language.SV);
        mailRound();

        MimeMessage english = new TestMail(mail).inboxOf("uenglish@stockholm.se", "Invitation").get(0);
        assertThat(english.getSubject()).startsWith("Invitation: Forum om språk – Wednesday 28 April 2027 at 09:00–12:00");
        assertThat(textOf(english)).contains("You are registered for “Forum om språk”.").contains("When: Wednesday 28 April 2027")
                .contains("To cancel: reply “cancel " + id + "”").doesNotContain("Du är anmäld").doesNotContain("När:")
                .doesNotContain("avanmäl");
        // helper 122: the words the English invite names work (before, it named the Swedish "avanmäl")
        send("uenglish@stockholm.se", "Re: " + english.getSubject(), "cancel " + id, english.getMessageID());
        mailRound();
        assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("UENGLISH")).orElseThrow().status())
                .isEqualTo(se.foubot.forum.Registration.Status.CANCELLED);
        MimeMessage swedish = new TestMail(mail).inboxOf("usvea@stockholm.se", "Inbjudan").get(0);
        assertThat(swedish.getSubject()).startsWith("Inbjudan: Forum om språk – onsdag 28 april 2027 kl. 09.00–12.00");
        assertThat(textOf(swedish)).contains("Du är anmäld till ”Forum om språk”.").contains("När: onsdag 28 april 2027")
                .doesNotContain("You are").doesNotContain("When:").doesNotContainPattern("\\((You|The|To cancel)");
        MimeMessage both = new TestMail(mail).inboxOf("okand@stockholm.se", "Inbjudan").get(0);
        String text = textOf(both);
        assertThat(text).contains("Du är anmäld till ”Forum om språk”.").contains("You are registered for “Forum om språk”.");
        assertThat(text.indexOf("Du är anmäld")).as("Swedish first").isLessThan(text.indexOf("You are registered"));
    }

    /** The plain text of a received mail, however deep in its parts. */
    private static String textOf(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return part.getContent().toString();
        }
        StringBuilder b = new StringBuilder();
        if (part.getContent() instanceof Multipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                b.append(textOf(multi.getBodyPart(i)));
            }
        }
        return b.toString();
    }

    @Test
    void slashFouBevakningSubscribesToGrantRemindersAtTheProfileAddressAndAvStopsThem() throws Exception {
        assertThat(slack().command("UEVA", "bevakning MUL").statusCode()).isEqualTo(200);
        awaitText("UEVA", "du bevakar MUL");
        var subscriber = subscriptions.find("slack", "UEVA").orElseThrow();
        assertThat(subscriber.email()).isEqualTo("ueva@stockholm.se");
        assertThat(subscriber.programmes()).containsExactly("MUL");
        assertThat(subscriber.recipient().isEmail()).isTrue();

        slack().command("UNOMAIL1", "bevakning");
        awaitText("UNOMAIL1", "direktmeddelande");
        assertThat(subscriptions.find("slack", "UNOMAIL1").orElseThrow().recipient().channel()).isEqualTo("slack");

        slack().command("UEVA", "bevakning av");
        awaitText("UEVA", "inga fler påminnelser");
        assertThat(subscriptions.find("slack", "UEVA").orElseThrow().active()).isFalse();
    }

    @Test
    void aForgedProposalKindIsRefusedUnderTheFieldAndNothingIsRegistered() throws Exception {
        String id = plannedMeeting("Forum om förslag", java.time.LocalDate.of(2027, 4, 21), "Lokal Tellus", 10);

        // a view_submission as a script would forge it: a value the form never offered
        HttpResponse<String> forged = registerWithProposal("UFORGE", id, "<script>alert(1)</script>", "Vår mall");
        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(forged.body()).contains("\"response_action\":\"errors\"").contains("\"kind\"").contains("Välj ett av alternativen");
        HttpResponse<String> empty = registerWithProposal("UFORGE", id, "", "Vår mall");
        assertThat(empty.body()).contains("\"kind\"");
        assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("UFORGE"))).isEmpty();

        assertThat(registerWithProposal("UFORGE", id, "gap", "Vår mall").body()).doesNotContain("errors");
        await().atMost(Duration.ofSeconds(10)).until(() -> forum.registration(id, se.foubot.messaging.Recipient.slack("UFORGE")).isPresent());
        assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("UFORGE")).orElseThrow().proposal().kind()).isEqualTo("gap");
    }

    @Test
    void aSlashCommandWithANumberHiddenByAZeroWidthSpaceIsRefusedAndSubscribesNothing() throws Exception {
        slack().command("UZW", "bevakning av 640823\u200b3234");
        awaitText("UZW", "personnummer");
        slack().command("UZW", "bevakning LUM 6408\u200b23-32\u200d34");
        awaitText("UZW", "personnummer");
        assertThat(subscriptions.find("slack", "UZW")).isEmpty();
    }

    /**
     * Helper 122: "anmäl ID" with a line "Förslag: …" under it in a DM or after /fou was answered "Du är anmäld" and the
     * proposal was dropped (only a mail's line was read), though the list in Slack tells people to write just that; by
     * mail it was kept but never confirmed. One reading for every channel, and the answer says what it received.
     */
    @Test
    void anAgendaProposalWrittenInADmOrAfterSlashFouIsKeptAsByMailAndTheAnswerSaysItWasReceived() throws Exception {
        String id = plannedMeeting("Forum om brukarråd", java.time.LocalDate.of(2027, 5, 12), "Lokal Farsta", 10);
        try {
            assertThat(said(false, "UFORSLAG1", "anmäl " + id + "\nFörslag: Vi berättar om brukarråd i Farsta"))
                    .contains("Du är anmäld till ”Forum om brukarråd”")
                    .contains("Vi har tagit emot ditt förslag till dagordningen – Förslag: ”Vi berättar om brukarråd i Farsta”");
            assertThat(said(true, "UFORSLAG2", "anmäl " + id + "\nFråga: Hur gör ni med samtycke?"))
                    .contains("Du är anmäld till ”Forum om brukarråd”")
                    .contains("Vi har tagit emot ditt förslag till dagordningen – Fråga: ”Hur gör ni med samtycke?”");
            // a label with nothing after it is no proposal, and the next line is not taken for one
            assertThat(said(false, "UFORSLAG3", "anmäl " + id + "\nFörslag:\nTack!")).contains("Du är anmäld")
                    .doesNotContain("förslag");
            assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("UFORSLAG3")).orElseThrow().proposal()).isNull();
            // registered before, a proposal now: kept, said, and what it replaces named (helper 128: "inget mer behövs",
            // and the proposal dropped)
            assertThat(said(false, "UFORSLAG3", "anmäl " + id + "\nFråga: Kan vi prata om tolkar?"))
                    .contains("Du är redan anmäld till ”Forum om brukarråd”.").doesNotContain("inget mer behövs")
                    .contains("Vi har tagit emot ditt förslag till dagordningen – Fråga: ”Kan vi prata om tolkar?”");
            assertThat(said(false, "UFORSLAG3", "anmäl " + id + "\nFörslag: Tolkar i hemtjänsten"))
                    .contains("Det ersätter ditt tidigare förslag: ”Kan vi prata om tolkar?”");
            assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("UFORSLAG3")).orElseThrow().proposal().text())
                    .isEqualTo("Tolkar i hemtjänsten");

            // by mail, answering the bot's list (so the sender is proven), the same line is kept and now confirmed too
            String eva = "eva.ek@stockholm.se";
            send(eva, "FoU-forum", "Vilka forum finns det?", null);
            mailRound();
            send(eva, "Re: FoU-forum", "anmäl " + id + "\nKunskapslucka: Hur följer vi upp insatser för unga vuxna?",
                    inboxOf(eva).get(0).getMessageID());
            mailRound();
            assertThat(inboxOf(eva).stream().map(m -> {
                try {
                    return textOf(m);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).anySatisfy(text -> assertThat(text).contains("Du är anmäld till ”Forum om brukarråd”")
                    .contains("Vi har tagit emot ditt förslag till dagordningen – Kunskapslucka: ”Hur följer vi upp insatser för unga vuxna?”"));

            HttpResponse<String> agenda = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/exports/forum/" + id + "/agenda.csv")).header("Authorization", "Bearer forum-admin").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(agenda.body()).contains("proposal,Vi berättar om brukarråd i Farsta").contains("question,Hur gör ni med samtycke?")
                    .contains("gap,Hur följer vi upp insatser för unga vuxna?").doesNotContain("Tack!");
        } finally {
            forum.cancel(id);
        }
    }

    /**
     * Helper 122: the proposal form kept white space alone (an empty row on the agenda) and 5,000 characters, though its
     * field takes 1,000: a request need not come from Slack's form. Refused under the field, as the planning form's
     * limits are.
     */
    @Test
    void theProposalFormRefusesAnEmptyTextAndMoreThanItsFieldTakesUnderTheField() throws Exception {
        String id = plannedMeeting("Forum om gränser", java.time.LocalDate.of(2027, 5, 19), "Lokal Gräns", 10);
        try {
            slack().click("UGRANS", "DUGRANS", "1.1", SlackForum.PROPOSE, id, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("views.open", c -> c.param("view").contains(id)).isEmpty());
            assertThat(SLACK.calls("views.open", c -> c.param("view").contains(id)).get(0).param("view")).contains("\"max_length\":1000");

            assertThat(errors(registerWithProposal("UGRANS", id, "question", "  \n\t\u00a0 "))).containsOnlyKeys("text")
                    .hasEntrySatisfying("text", e -> assertThat(e).isEqualTo("Skriv kort vad du vill ta upp."));
            assertThat(errors(registerWithProposal("UGRANS", id, "question", "x".repeat(5000)))).containsOnlyKeys("text")
                    .hasEntrySatisfying("text", e -> assertThat(e).isEqualTo("Högst 1\u00a0000 tecken."));
            assertThat(errors(registerWithProposal("UGRANS", id, "", " "))).containsOnlyKeys("text", "kind");
            assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("UGRANS"))).isEmpty();

            // what the field takes is kept whole
            assertThat(errors(registerWithProposal("UGRANS", id, "question", "å".repeat(1000)))).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> forum.registration(id, se.foubot.messaging.Recipient.slack("UGRANS")).isPresent());
            assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("UGRANS")).orElseThrow().proposal().text()).hasSize(1000);
        } finally {
            forum.cancel(id);
        }
    }

    /**
     * Helper 122: after "english" the forum in Slack was Swedish — the list's blocks (dates, seats), its buttons, the
     * proposal form and App Home — all but the notification's text; and the English texts told people to write
     * "anmäl …". Now all of it is in the person's language and names the English words, which work; the buttons' values
     * are the same in every language.
     */
    @Test
    void someoneWhoWroteEnglishSeesTheForumInSlackInEnglishAndIsToldWordsThatWork() throws Exception {
        String id = plannedMeeting("Forum in English", java.time.LocalDate.of(2027, 5, 26), "Lokal Luna", 3);
        try {
            // a Swedish Slack locale: the conversation's language is what counts
            said(false, "UANGLO", "english");
            int before = postsTo("UANGLO");
            slack().command("UANGLO", "forum");
            await().atMost(Duration.ofSeconds(10)).until(() -> postsTo("UANGLO") > before);
            FakeSlackApi.Call list = SLACK.calls("chat.postMessage", c -> "UANGLO".equals(c.param("channel"))).get(before);
            String blocks = list.param("blocks");
            assertThat(BlockKitRules.textOf(blocks)).contains("Forum in English").contains("Wednesday 26 May 2027 at 09:00–12:00")
                    .contains("3 free seats of 3").contains("Register me").contains("Register me with a proposal for the agenda")
                    .doesNotContain("onsdag").doesNotContain("lediga").doesNotContain("Anmäl").doesNotContain("Dagordning");
            // the handlers read the buttons' values, which are the same in every language
            assertThat(blocks).contains("\"action_id\":\"" + SlackForum.REGISTER + "\"").contains("\"action_id\":\"" + SlackForum.PROPOSE + "\"")
                    .contains("\"value\":\"" + id + "\"");
            assertThat(list.param("text")).contains("To register, reply “register ").doesNotContain("anmäl");

            // the proposal form, its refusals and the answer
            slack().click("UANGLO", "DUANGLO", "1.1", SlackForum.PROPOSE, id, false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !SLACK.calls("views.open", c -> c.param("view").contains(id)).isEmpty());
            String form = SLACK.calls("views.open", c -> c.param("view").contains(id)).get(0).param("view");
            assertThat(BlockKitRules.brokenBy(form)).isEmpty();
            assertThat(BlockKitRules.textOf(form)).contains("Register for FoU-forum").contains("What do you want to bring up?").contains("A question")
                    .contains("Register me").doesNotContain("Anmälan till").doesNotContain("En fråga").doesNotContain("Vad vill du");
            assertThat(errors(registerWithProposal("UANGLO", id, "question", " "))).containsEntry("text",
                    "Write briefly what you want to bring up.");
            registerWithProposal("UANGLO", id, "question", "How do you handle consent?");
            awaitText("UANGLO", "You are registered for “Forum in English”");
            assertThat(lastTextTo("UANGLO")).contains("We have received your proposal for the agenda – Question: “How do you handle consent?”");

            // registered: the list says so and offers the cancel button, in English
            int listed = postsTo("UANGLO");
            slack().command("UANGLO", "forum");
            await().atMost(Duration.ofSeconds(10)).until(() -> postsTo("UANGLO") > listed);
            assertThat(BlockKitRules.textOf(SLACK.calls("chat.postMessage", c -> "UANGLO".equals(c.param("channel"))).get(listed)
                    .param("blocks"))).contains("You are registered.").contains("Cancel my registration").contains("2 free seats of 3")
                    .doesNotContain("Avanmäl");
            slack().click("UANGLO", "DUANGLO", "1.2", SlackForum.UNREGISTER, id, false);
            awaitText("UANGLO", "Your registration for “Forum in English” is cancelled.");

            // the English words the texts name work
            assertThat(said(false, "UANGLO", "register " + id)).contains("You are registered for “Forum in English”");
            assertThat(said(false, "UANGLO", "cancel " + id)).contains("Your registration for “Forum in English” is cancelled.");

            // App Home's forum part
            slack().event("EvForumHome" + System.nanoTime(), "{\"type\":\"app_home_opened\",\"user\":\"UANGLO\",\"channel\":\"DUANGLO\",\"tab\":\"home\"}");
            await().atMost(Duration.ofSeconds(15)).until(() -> !SLACK.calls("views.publish", c -> "UANGLO".equals(c.param("user_id"))).isEmpty());
            String home = SLACK.calls("views.publish", c -> "UANGLO".equals(c.param("user_id"))).get(0).param("view");
            assertThat(BlockKitRules.textOf(home)).contains("Coming FoU-forum meetings").containsPattern("(Monday|Tuesday|Wednesday|Thursday|Friday) \\d+ ")
                    .contains("Register me").doesNotContain("Kommande FoU-forum").doesNotContain("Anmäl mig").doesNotContain("onsdag");
        } finally {
            forum.cancel(id);
        }
    }

    /** The blocks of the bot's post number {@code index} to {@code channel}, read with Jackson (not the SDK that wrote them). */
    private static tools.jackson.databind.JsonNode blocksOf(String channel, int index) {
        return new tools.jackson.databind.ObjectMapper().readTree(SLACK.calls("chat.postMessage", c -> channel.equals(c.param("channel")))
                .get(index).param("blocks"));
    }

    /** The ids of the meetings the list's blocks describe (each section that begins with a meeting's title and id), in order. */
    private static List<String> listedMeetings(tools.jackson.databind.JsonNode blocks) {
        List<String> ids = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode block : blocks.values()) {
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("^\\*[^\n]*\\* · `([^`]+)`\n")
                    .matcher(block.path("text").path("text").asString(""));
            if (id.find()) {
                ids.add(id.group(1));
            }
        }
        return ids;
    }

    /**
     * Found by black-box testers: with some sixteen coming meetings the list in Slack (three blocks a meeting) was more
     * than the 50 blocks Slack takes, and Slack refused it (invalid_blocks): "forum" got no answer at all. The nearest
     * meetings are shown with their buttons, the rest named on a line each with how to register for one by its id, in
     * the person's language; App Home shows five and names the rest the same way. A long agenda is cut to what a section
     * takes (3 000 characters) rather than the whole list refused.
     */
    @Test
    void aMeetingListLongerThanSlackTakesShowsTheNearestAndNamesTheRestWithHowToRegisterForOne() throws Exception {
        List<String> planned = new java.util.ArrayList<>();
        java.time.LocalDate day = java.time.LocalDate.of(2028, 2, 1);
        try {
            for (int i = 0; planned.size() < 20; i++, day = day.plusDays(1)) {
                if (day.getDayOfWeek().getValue() > 5) {
                    continue;
                }
                planned.add(plannedMeeting("Långa listan " + planned.size(), day, "Lokal L" + planned.size(), 10,
                        planned.isEmpty() ? "R&D och <b> ".repeat(250) : null));
            }
            List<Meeting> upcoming = forum.upcoming();
            assertThat(upcoming.size()).isGreaterThanOrEqualTo(20);

            for (boolean english : List.of(false, true)) {
                String user = english ? "UENLANG" : "ULANG";
                if (english) {
                    said(false, user, "english");
                }
                int before = postsTo("D" + user);
                slack().dm("Ev" + UUID.randomUUID().toString().replace("-", ""), user, "forum");
                await().atMost(Duration.ofSeconds(10)).until(() -> postsTo("D" + user) > before);
                tools.jackson.databind.JsonNode blocks = blocksOf("D" + user, before);
                assertThat(blocks.size()).isLessThanOrEqualTo(FakeSlackApi.MAX_BLOCKS);
                for (tools.jackson.databind.JsonNode block : blocks.values()) {
                    assertThat(block.path("text").path("text").asString("").length()).isLessThanOrEqualTo(3000);
                }
                // the nearest first, as many as fit with the line about the rest
                List<String> shown = listedMeetings(blocks);
                assertThat(shown).hasSizeGreaterThanOrEqualTo(15)
                        .isEqualTo(upcoming.subList(0, shown.size()).stream().map(Meeting::id).toList());
                String rest = blocks.get(blocks.size() - 1).path("text").path("text").asString();
                List<Meeting> hidden = upcoming.subList(shown.size(), upcoming.size());
                assertThat(rest).contains(english ? "*" + hidden.size() + " more meetings are planned further ahead:*"
                        : "*Ytterligare " + hidden.size() + " möten är planerade längre fram:*")
                        .contains(english ? "To register, write “register” and the meeting's id, for example “register " + hidden.get(0).id() + "”."
                                : "Anmäl dig genom att skriva ”anmäl” och mötets id, till exempel ”anmäl " + hidden.get(0).id() + "”.");
                hidden.forEach(m -> assertThat(rest).contains("`" + m.id() + "`").contains(m.title()));
                assertThat(rest).contains(english ? "Friday" : "fredag");
            }

            // App Home: the nearest five, and the rest named
            slack().event("EvForumHome" + System.nanoTime(), "{\"type\":\"app_home_opened\",\"user\":\"UHEMLANG\",\"channel\":\"DUHEMLANG\","
                    + "\"tab\":\"home\"}");
            await().atMost(Duration.ofSeconds(15)).until(() -> !SLACK.calls("views.publish", c -> "UHEMLANG".equals(c.param("user_id"))).isEmpty());
            tools.jackson.databind.JsonNode home = new tools.jackson.databind.ObjectMapper().readTree(SLACK.calls("views.publish",
                    c -> "UHEMLANG".equals(c.param("user_id"))).get(0).param("view")).path("blocks");
            assertThat(listedMeetings(home)).isEqualTo(upcoming.subList(0, 5).stream().map(Meeting::id).toList());
            assertThat(BlockKitRules.textOf(home.toString())).contains("Ytterligare " + (upcoming.size() - 5) + " möten är planerade längre fram:")
                    .contains("`" + planned.get(planned.size() - 1) + "`");
        } finally {
            planned.forEach(forum::cancel);
        }
    }

    /**
     * Found by black-box testers: a proposal written with "anmäl" in a DM, after /fou or by mail was kept at any length,
     * though the form takes 1 000 characters. The same limit holds there: the answer says it, in the person's language,
     * and nothing is kept — no registration, and a proposal kept before stays as it was; one of 1 000 is kept whole.
     */
    @Test
    void anAgendaProposalLongerThanTheFormTakesIsRefusedInADmAfterSlashFouAndByMailAndNothingIsKept() throws Exception {
        String id = plannedMeeting("Forum om längd", java.time.LocalDate.of(2027, 6, 23), "Lokal Längd", 10);
        try {
            String tooLong = "Ditt förslag till dagordningen är 1\u00a0001 tecken långt, men det får vara högst 1\u00a0000 tecken. "
                    + "Jag har inte sparat något – korta förslaget och skicka ”anmäl " + id + "” igen, med förslaget på en egen rad.";
            for (boolean slash : List.of(false, true)) {
                String user = slash ? "ULANGT2" : "ULANGT1";
                assertThat(said(slash, user, "anmäl " + id + "\nFörslag: " + "x".repeat(1001))).contains(tooLong)
                        .doesNotContain("Du är anmäld");
                assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack(user))).isEmpty();
            }
            // registered with a proposal before: a too long one now leaves it as it was
            assertThat(said(false, "ULANGT1", "anmäl " + id + "\nFråga: " + "å".repeat(1000))).contains("Du är anmäld till ”Forum om längd”");
            assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("ULANGT1")).orElseThrow().proposal().text()).hasSize(1000);
            assertThat(said(false, "ULANGT1", "anmäl " + id + "\nFörslag: " + "😀".repeat(1001))).contains(tooLong);
            assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("ULANGT1")).orElseThrow().proposal().text())
                    .isEqualTo("å".repeat(1000));

            said(false, "UENLANGT", "english");
            assertThat(said(false, "UENLANGT", "register " + id + "\nProposal: " + "y".repeat(1200)))
                    .contains("Your proposal for the agenda is 1,200 characters long, but it can be at most 1,000 characters.")
                    .contains("send “register " + id + "” again");
            assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("UENLANGT"))).isEmpty();

            // by mail, from an address nobody proved: refused at once, not confirmed first and then refused
            String ulla = "ulla.langt@stockholm.se";
            send(ulla, "Anmälan", "anmäl " + id + "\nKunskapslucka: " + "z".repeat(1001), null);
            mailRound();
            List<String> answers = new java.util.ArrayList<>();
            for (MimeMessage answer : inboxOf(ulla)) {
                answers.add(textOf(answer).replace('\u00a0', ' ').replaceAll("\\s+", " "));
            }
            assertThat(answers).hasSize(1).allSatisfy(a -> assertThat(a).contains(tooLong.replace('\u00a0', ' ')).doesNotContain("Bekräfta"));
            assertThat(forum.registration(id, se.foubot.messaging.Recipient.email(ulla))).isEmpty();
        } finally {
            forum.cancel(id);
        }
    }

    /**
     * Found by black-box testers: with 35 meetings planned, "anmäl" of an unknown meeting was answered with the whole
     * list, which Slack cut at its 50th block in the middle of a meeting without saying so. Such an answer lists the
     * nearest ten and says how many more there are, and where the whole list is, in Swedish and in English.
     */
    @Test
    void anAnswerAboutAnUnknownMeetingListsTheNearestTenAndCountsTheRest() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 14; i++) {
                ids.add(plannedMeeting("Möte nummer " + (i + 1), java.time.LocalDate.of(2029, 1, 3).plusWeeks(i), "Rum " + i, 10));
            }
            List<String> upcoming = forum.upcoming().stream().map(Meeting::id).toList();
            int rest = upcoming.size() - 10;
            for (boolean slash : List.of(false, true)) {
                String answer = said(slash, "UMANGA", "anmäl forum-2099-01-01");
                assertThat(answer).contains("Inget planerat möte heter ”forum-2099-01-01”")
                        .contains("Ytterligare " + rest + " möten – skriv ”forum” för hela listan.");
                assertThat(upcoming.subList(0, 10)).allSatisfy(id -> assertThat(answer).contains("(" + id + ")"));
                assertThat(upcoming.subList(10, upcoming.size())).noneSatisfy(id -> assertThat(answer).contains("(" + id + ")"));
            }
            assertThat(said(false, "UMANGA", "anmäl")).contains("Vilket möte menar du?")
                    .contains("Ytterligare " + rest + " möten – skriv ”forum” för hela listan.");
            said(false, "UMANGAEN", "english");
            assertThat(said(false, "UMANGAEN", "register forum-2099-01-01")).contains("No planned meeting is called “forum-2099-01-01”")
                    .contains(rest + " more meetings – write “forum” for the whole list.");
        } finally {
            ids.forEach(forum::cancel);
        }
    }

    /**
     * Found by black-box testers: only the first line of a proposal was read. Three lines of 500 characters were kept as
     * the first 500 (getting round the 1 000 limit), and a "Fråga: …" line under "Förslag: …" was dropped without a
     * word. The proposal is everything from its label to the end, as written, and the limit applies to all of it.
     */
    @Test
    void aProposalOfSeveralLinesIsKeptWholeAndItsWholeLengthIsLimited() throws Exception {
        String id = plannedMeeting("Forum om rader", java.time.LocalDate.of(2027, 6, 30), "Lokal Rader", 10);
        try {
            String line = "r".repeat(500);
            for (boolean slash : List.of(false, true)) {
                String user = slash ? "URADER2" : "URADER1";
                assertThat(said(slash, user, "anmäl " + id + "\nFörslag: " + line + "\n" + line + "\n" + line))
                        .contains("Ditt förslag till dagordningen är 1\u00a0502 tecken långt, men det får vara högst 1\u00a0000 tecken.")
                        .doesNotContain("Du är anmäld");
                assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack(user))).isEmpty();
            }
            assertThat(said(false, "URADER3", "anmäl " + id + "\nFörslag: Brukarråd i Farsta\nhur vi började\n\nFråga: Hur gör ni med samtycke?"))
                    .contains("Du är anmäld till ”Forum om rader”");
            assertThat(forum.registration(id, se.foubot.messaging.Recipient.slack("URADER3")).orElseThrow().proposal())
                    .isEqualTo(new se.foubot.forum.Registration.AgendaProposal("proposal",
                            "Brukarråd i Farsta\nhur vi började\n\nFråga: Hur gör ni med samtycke?"));
        } finally {
            forum.cancel(id);
        }
    }

    /**
     * Found by black-box testers: the English help named the Swedish words, "anmäl ID / avanmäl ID" and "bevakning
     * forum". An English speaker is shown the English words the bot takes, and they work; Swedish speakers keep theirs.
     */
    @Test
    void theEnglishHelpNamesTheEnglishForumWordsAndTheyWork() throws Exception {
        String id = plannedMeeting("Forum for help", java.time.LocalDate.of(2027, 6, 30), "Lokal Help", 10);
        try {
            said(false, "UENHELP", "english");
            String help = said(false, "UENHELP", "help");
            assertThat(help).contains("• `register ID / cancel ID` –").contains("• `subscribe forum` –").contains("• `unsubscribe forum` –")
                    .contains("• `help` –").doesNotContain("anmäl").doesNotContain("bevakning forum").doesNotContain("avbevaka forum");
            assertThat(said(false, "UENHELP", "register " + id)).contains("You are registered for “Forum for help”");
            assertThat(said(false, "UENHELP", "cancel " + id)).contains("Your registration for “Forum for help” is cancelled.");
            assertThat(said(false, "UENHELP", "subscribe forum")).contains("Done – when a new FoU-forum meeting is planned");
            assertThat(said(false, "UENHELP", "unsubscribe forum")).contains("Done");
            assertThat(said(false, "USVHELP", "hjälp")).contains("• `anmäl ID / avanmäl ID` –").contains("• `bevakning forum` –")
                    .doesNotContain("register ID");
        } finally {
            forum.cancel(id);
        }
    }

    /**
     * Found by black-box testers: a meeting named that is none was said back folded, as the bot looks it up ("r-d-motet",
     * after /fou "r-amp-d-motet") instead of the "R&D-mötet" typed. It is said back as typed, escaped once for Slack
     * (Slack sends a typed "&" as "&amp;") and plain in a mail.
     */
    @Test
    void aMeetingNamedThatIsNoneIsSaidBackAsTypedNotFolded() throws Exception {
        for (boolean slash : List.of(false, true)) {
            for (String words : List.of("forum ställ in R&amp;D-mötet", "forum ändra R&amp;D-mötet")) {
                if (slash && words.startsWith("forum ändra")) {
                    continue; // answered in /fou's own answer, tested with the coordinators' words
                }
                assertThat(said(slash, "UCOORD", words)).as(words).contains("Inget planerat möte heter ”R&amp;D-mötet”")
                        .doesNotContain("r-d-motet").doesNotContain("r-amp-d").doesNotContain("&amp;amp;");
            }
            assertThat(said(slash, "UANNA", "anmäl R&amp;D-mötet 2")).contains("Inget planerat möte heter ”R&amp;D-mötet 2”")
                    .doesNotContain("r d motet").doesNotContain("&amp;amp;");
            assertThat(said(slash, "UANNA", "avanmäl mig Forum 2099-01-01")).contains("Inget planerat möte heter ”Forum 2099-01-01”")
                    .doesNotContain("forum-2099-01-01");
        }
        String lisa = "lisa.rd@stockholm.se";
        send(lisa, "Anmälan", "anmäl R&D-mötet 2", null);
        mailRound();
        assertThat(textOf(inboxOf(lisa).get(0))).contains("Inget planerat möte heter ”R&D-mötet 2”").doesNotContain("&amp;");
    }

    /**
     * Found by black-box testers: "anmäl R&D-mötet" (words without digits) got only "Vilket möte menar du?", not what it
     * had read, and in English "register R&D-meeting" and "cancel R&D-meeting" got the greeting. Both say the meeting
     * named is none, as typed, before the question; "cancel" alone still stops a conversation, and "cancel" with words
     * that name no meeting or forum stays the conversation's.
     */
    @Test
    void registeringForWordsThatNameNoMeetingSaysThemBackBeforeAskingWhichInSwedishAndEnglish() throws Exception {
        for (boolean slash : List.of(false, true)) {
            assertThat(said(slash, "UORDSV", "anmäl R&amp;D-mötet")).startsWith("Inget planerat möte heter ”R&amp;D-mötet”. Vilket möte menar du?")
                    .doesNotContain("&amp;amp;");
            assertThat(said(slash, "UORDSV", "avanmäl mig R&amp;D-mötet")).startsWith("Inget planerat möte heter ”R&amp;D-mötet”. Vilket möte menar du?");
        }
        said(false, "UORDEN", "english");
        for (boolean slash : List.of(false, true)) {
            for (String words : List.of("register", "cancel", "unregister")) {
                assertThat(said(slash, "UORDEN", words + " R&amp;D-meeting")).as(words)
                        .startsWith("No planned meeting is called “R&amp;D-meeting”. Which meeting do you mean?");
            }
        }
        assertThat(said(false, "UORDEN", "cancel my request")).doesNotContain("No planned meeting").doesNotContain("Which meeting");
        assertThat(said(false, "UORDEN", "cancel")).startsWith("There is nothing in progress to cancel.");
        String olle = "olle.rd@stockholm.se";
        send(olle, "Anmälan", "anmäl R&D-mötet", null);
        mailRound();
        assertThat(textOf(inboxOf(olle).get(0))).contains("Inget planerat möte heter ”R&D-mötet”. Vilket möte menar du?").doesNotContain("&amp;");
    }
}

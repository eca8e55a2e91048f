package se.foubot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.OutboxSender;
import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;
import se.foubot.support.TestMail;

/**
 * Signing in to the staff web over plain HTTP: single-use links by Slack direct message and by mail, what they refuse,
 * the session cookie, CSRF, and the machine endpoints that keep their own guards beside it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.web.analysts=UANNA,anna.lind@stockholm.se",
                "foubot.web.coordinators=kerstin.berg@stockholm.se", "foubot.slack.outbox-interval=100ms"})
@Import(TestClockConfiguration.class)
// a context of its own that no other class shares: closed after the class, so its schedulers stop
@DirtiesContext
class StaffWebSignInTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();
    private static final Pattern LINK = Pattern.compile("/signin/link\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    OutboxSender outbox;

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    MutableClock clock;

    @Autowired
    se.foubot.forum.ForumService forum;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    se.foubot.tasks.TaskService tasks;

    HttpClient browser;

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        registry.add("foubot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("foubot.slack.signing-secret", () -> "web-test-secret");
        registry.add("foubot.slack.api-url", SLACK::url);
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    @BeforeEach
    void freshBrowser() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        clock.set(TestClockConfiguration.START);
    }

    @Test
    void aVisitorWhoIsNotSignedInIsSentToSignIn() throws Exception {
        for (String page : List.of("/dashboard", "/dashboard/forum", "/dashboard/exports/tasks.csv", "/")) {
            HttpResponse<String> r = get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).as(page).endsWith("/signin");
        }
        assertThat(get("/signin").body()).contains("Skicka inloggningslänk").contains("name=\"_csrf\"");
    }

    @Test
    void aSlackUserGetsALinkByDirectMessageThatSignsInOnceAndOnlyWhenTheButtonIsPressed() throws Exception {
        assertThat(requestLink("UANNA").headers().firstValue("Location").orElse("")).endsWith("/signin?sent");
        String token = awaitSlackLink("UANNA");

        // opening the link (as a chat preview or mail scanner would) signs nobody in
        HttpResponse<String> confirm = get("/signin/link?token=" + token);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Logga in");
        assertThat(get("/dashboard").statusCode()).isEqualTo(302);

        HttpResponse<String> used = post("/signin/link/use", Map.of("token", token, "_csrf", csrf(confirm.body())));
        // back to the page that asked for sign-in
        assertThat(used.headers().firstValue("Location").orElse("")).contains("/dashboard");
        String cookie = used.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        HttpResponse<String> dashboard = get("/dashboard");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("Uppdrag").contains("UANNA");

        // the same link again, from a new session: refused, and counted
        freshBrowser();
        HttpResponse<String> again = get("/signin/link?token=" + token);
        double rejected = rejectedLinks();
        assertThat(post("/signin/link/use", Map.of("token", token, "_csrf", csrf(again.body()))).headers().firstValue("Location")
                .orElse("")).endsWith("/signin?invalid");
        assertThat(rejectedLinks() - rejected).isEqualTo(1.0);
        assertThat(get("/dashboard").statusCode()).isEqualTo(302);
    }

    @Test
    void aMailedLinkWorksForFifteenMinutes() throws Exception {
        requestLink("Anna.Lind@stockholm.se");
        String token = mailedLink("anna.lind@stockholm.se");
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        HttpResponse<String> confirm = get("/signin/link?token=" + token);
        assertThat(post("/signin/link/use", Map.of("token", token, "_csrf", csrf(confirm.body()))).headers().firstValue("Location")
                .orElse("")).endsWith("/signin?invalid");

        requestLink("anna.lind@stockholm.se");
        String fresh = mailedLink("anna.lind@stockholm.se");
        clock.advance(Duration.ofMinutes(14));
        HttpResponse<String> page = get("/signin/link?token=" + fresh);
        assertThat(post("/signin/link/use", Map.of("token", fresh, "_csrf", csrf(page.body()))).headers().firstValue("Location")
                .orElse("")).contains("/dashboard");
    }

    @Test
    void someoneWhoIsNotStaffIsToldTheSameAndGetsNothing() throws Exception {
        int before = SLACK.calls("chat.postMessage").size();
        assertThat(requestLink("eve@example.com").headers().firstValue("Location").orElse("")).endsWith("/signin?sent");
        assertThat(requestLink("UEVE").headers().firstValue("Location").orElse("")).endsWith("/signin?sent");
        drainOutbox();
        assertThat(new TestMail(mail).inboxOf("eve@example.com")).isEmpty();
        Thread.sleep(300);
        assertThat(SLACK.calls("chat.postMessage").stream().skip(before).filter(c -> "UEVE".equals(c.param("channel")))).isEmpty();
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndSendsNothing() throws Exception {
        get("/signin");
        HttpResponse<String> r = post("/signin/link", Map.of("identifier", "kerstin.berg@stockholm.se"));
        assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/signin?expired");
        drainOutbox();
        assertThat(new TestMail(mail).inboxOf("kerstin.berg@stockholm.se")).isEmpty();
    }

    @Test
    void signedInStaffGetTheExportsThroughTheirSessionButNotTheAdminApi() throws Exception {
        signIn("kerstin.berg@stockholm.se");
        HttpResponse<String> csv = get("/dashboard/exports/tasks.csv?year=2026");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFyear,district,category,status,tasks");
        // the admin API is still the admin token's alone (and off here, as without the staff web)
        assertThat(get("/api/exports/tasks.csv").statusCode()).isEqualTo(404);

        HttpResponse<String> out = post("/signout", Map.of("_csrf", csrf(get("/dashboard").body())));
        assertThat(out.headers().firstValue("Location").orElse("")).endsWith("/signin?signedout");
        assertThat(get("/dashboard").statusCode()).isEqualTo(302);
    }

    /**
     * Helper 121: a year no int holds in the address of an export was a 500 and a stack trace in the log, a year far off
     * gave invented reminders; the staff web's exports keep the admin API's year rule, which is the calendar's.
     */
    @Test
    void anExportsYearOutsideTheCalendarsRangeIsRefusedThroughTheSessionToo() throws Exception {
        signIn("kerstin.berg@stockholm.se");
        for (String export : List.of("grant-reminders.csv", "grant-subscribers.csv", "tasks.csv", "task-times.csv",
                "forum-attendance.csv")) {
            for (String year : List.of("2147483647", "-2147483648", "999999999", "-1")) {
                HttpResponse<String> refused = get("/dashboard/exports/" + export + "?year=" + year);
                assertThat(refused.statusCode()).as(export + " " + year).isEqualTo(400);
                assertThat(refused.body()).as(export + " " + year).contains("Året ska ligga mellan 2016 och 2036.")
                        .doesNotContain("999999999");
            }
            assertThat(get("/dashboard/exports/" + export + "?year=2026").statusCode()).as(export).isEqualTo(200);
        }
    }

    /**
     * Helper 100: in December, with next year's meetings planned, the forum page opened on next year, and the wait for a
     * seat at this month's meeting was on no page but this year's.
     */
    @Test
    void theForumPageOpensOnThisYearAndShowsTheWaitForEveryMeetingToCome() throws Exception {
        String december = meeting("Julforum om uppföljning", java.time.LocalDate.of(2026, 12, 16), 1);
        String february = meeting("Vinterforum om kunskapsluckor", java.time.LocalDate.of(2027, 2, 10), 5);
        forum.register(december, se.foubot.messaging.Recipient.email("plats@stockholm.se"), "plats@stockholm.se", null, null, null);
        forum.register(december, se.foubot.messaging.Recipient.email("vantar@stockholm.se"), "vantar@stockholm.se", null, null, null);
        try {
            signIn("kerstin.berg@stockholm.se");
            String page = get("/dashboard/forum").body();
            assertThat(page).contains("Julforum om uppföljning").doesNotContain("Vinterforum om kunskapsluckor")
                    .contains("Väntelista: <span>Julforum om uppföljning</span>");
            assertThat(get("/dashboard/forum?year=2027").body()).contains("Vinterforum om kunskapsluckor")
                    .contains("Väntelista: <span>Julforum om uppföljning</span>");
        } finally {
            forum.cancel(december);
            forum.cancel(february);
        }
    }

    private String meeting(String title, java.time.LocalDate date, int capacity) {
        var guard = new se.foubot.privacy.OutsideTextGuard();
        var result = forum.create(new se.foubot.forum.MeetingPlan(guard.check(title), date, java.time.LocalTime.of(13, 0),
                java.time.LocalTime.of(16, 0), guard.check("Lokal " + date), guard.check(null), capacity, date.minusDays(7),
                guard.check(null), guard.check(null)), se.foubot.messaging.Recipient.slack("UCOORD"));
        return ((se.foubot.forum.ForumService.Saved) result).meeting().id();
    }

    @Test
    void aHandEditedYearGivesTheSwedishPageWithANoticeNotAnError() throws Exception {
        signIn("kerstin.berg@stockholm.se");
        for (String page : List.of("/dashboard", "/dashboard/forum", "/dashboard/grants")) {
            HttpResponse<String> word = get(page + "?year=abc");
            assertThat(word.statusCode()).as(page).isEqualTo(200);
            assertThat(word.headers().firstValue("Content-Type").orElse("")).as(page).startsWith("text/html");
            assertThat(word.headers().firstValue("Content-Language").orElse("")).as(page).isEqualTo("sv");
            assertThat(word.body()).as(page).contains("Året ska skrivas med fyra siffror");

            assertThat(get(page + "?year=1999").body()).as(page).contains("Det finns inga siffror för 1999. Sidan visar");
            assertThat(get(page).body()).as(page).doesNotContain("year-notice");
        }
    }

    /**
     * A black-box tester: {@code ?year=2025&year=2025} was told the year was not written with four digits. The same year
     * twice is that year; two different ones are said to be two, on every page and in the exports through the session.
     */
    @Test
    void aYearGivenTwiceIsReadOnceWhenTheSameAndSaidToBeTwoWhenNot() throws Exception {
        signIn("kerstin.berg@stockholm.se");
        for (String page : List.of("/dashboard", "/dashboard/forum", "/dashboard/grants")) {
            String same = get(page + "?year=2026&year=2026").body();
            assertThat(same).as(page).doesNotContain("year-notice").contains("<option value=\"2026\" selected");
            String different = get(page + "?year=2025&year=2026").body();
            assertThat(different).as(page).contains("Året står två gånger i adressen, med olika värden: 2025 och 2026. Sidan visar 2026.")
                    .doesNotContain("fyra siffror");
        }
        assertThat(get("/dashboard/exports/tasks.csv?year=2026&year=2026").statusCode()).isEqualTo(200);
        HttpResponse<String> twice = get("/dashboard/exports/tasks.csv?year=2025&year=2026");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("Året står två gånger i adressen, med olika värden: 2025 och 2026. Ange ett år, till exempel "
                + "?year=2026.");
    }

    /**
     * Helper 121: the filter form sends the whole page {@code ?district=bromma&category=uppfoljning}, which showed every
     * district and category with nothing chosen, and the figure htmx fetched left the address as it was, so a reload or
     * a link sent on lost the filter.
     */
    @Test
    void theUppdragPageShowsTheFilterItsAddressNamesAndTheFilterPutsItInTheAddress() throws Exception {
        filteredTasks();
        signIn("kerstin.berg@stockholm.se");
        String page = get("/dashboard?year=2026&district=bromma&category=uppfoljning").body();
        assertThat(page).contains("Visar <span>Bromma, Uppföljning</span>")
                .contains("<option value=\"bromma\" selected=\"selected\">Bromma</option>")
                .contains("<option value=\"uppfoljning\" selected=\"selected\">Uppföljning</option>")
                .doesNotContain("filter-notice");
        assertThat(novemberTotal(page)).isEqualTo(1);
        assertThat(novemberTotal(get("/dashboard?year=2026").body())).isEqualTo(3);
        // a change of year keeps the filter
        assertThat(page).containsPattern("id=\"year-filter\"[^>]*><input type=\"hidden\" name=\"district\" value=\"bromma\">"
                + "<input type=\"hidden\" name=\"category\" value=\"uppfoljning\">");

        HttpResponse<String> figure = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/dashboard/per-month?year=2026&district=farsta&category=")).header("HX-Request", "true").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(figure.headers().firstValue("HX-Push-Url")).hasValue("/dashboard?year=2026&district=farsta");
        assertThat(figure.body()).contains("Visar <span>Farsta</span>").contains("hx-swap-oob=\"true\"")
                .contains("<input type=\"hidden\" name=\"district\" value=\"farsta\">");
        assertThat(novemberTotal(figure.body())).isEqualTo(1);
        // the whole page, at that address, shows what the figure showed
        assertThat(get("/dashboard?year=2026&district=farsta").body()).contains("Visar <span>Farsta</span>")
                .contains("<option value=\"farsta\" selected=\"selected\">Farsta</option>").doesNotContain("hx-swap-oob=\"true\"");
    }

    /**
     * Helper 121: a district or category not in the lists was shown as chosen ("Visar atlantis", "Visar bromma,farsta",
     * a value of 5,000 characters whole) with every count 0 and no word of why.
     */
    @Test
    void aDistrictOrCategoryThatIsNotInTheListIsPassedOverWithALineSayingSo() throws Exception {
        filteredTasks();
        signIn("kerstin.berg@stockholm.se");
        String noDistrict = "Förvaltningen i adressen finns inte i listan. Sidan visar alla förvaltningar.";
        String noCategory = "Kategorin i adressen finns inte i listan. Sidan visar alla kategorier.";
        String everything = "Visar <span>alla förvaltningar och kategorier</span>";
        String uppfoljning = java.net.URLEncoder.encode("Uppföljning", java.nio.charset.StandardCharsets.UTF_8);
        for (String path : List.of("/dashboard", "/dashboard/per-month")) {
            String atlantis = get(path + "?year=2026&district=atlantis").body();
            assertThat(atlantis).as(path).contains(noDistrict).contains(everything).doesNotContain("atlantis");
            assertThat(novemberTotal(atlantis)).as(path).isEqualTo(3);

            String twoDistricts = get(path + "?year=2026&district=bromma&district=farsta").body();
            assertThat(twoDistricts).as(path).contains("Adressen anger mer än en förvaltning. Sidan visar alla förvaltningar.")
                    .contains(everything).doesNotContain("bromma,farsta").doesNotContain("selected=\"selected\">Bromma");

            String longValue = get(path + "?year=2026&district=" + "q".repeat(5000)).body();
            assertThat(longValue).as(path).contains(noDistrict).doesNotContain("qqqqqqqqqq");

            String label = get(path + "?year=2026&category=" + uppfoljning).body();
            assertThat(label).as(path).contains(noCategory).contains(everything).doesNotContain(noDistrict);

            String both = get(path + "?year=2026&district=Atlantis&category=okand").body();
            assertThat(both).as(path).contains(noDistrict).contains(noCategory);

            // an id in capitals is the id
            String capitals = get(path + "?year=2026&district=BROMMA&category=Uppfoljning").body();
            assertThat(capitals).as(path).contains("Visar <span>Bromma, Uppföljning</span>")
                    .contains("<option value=\"bromma\" selected=\"selected\">Bromma</option>").doesNotContain("filter-notice");
            assertThat(novemberTotal(capitals)).as(path).isEqualTo(1);
        }
    }

    /** Three requests of November 2026: Bromma's follow-up, Bromma's analysis and Farsta's follow-up (once: by their keys). */
    private void filteredTasks() {
        for (String[] t : new String[][] {{"bromma", "uppfoljning"}, {"bromma", "analys"}, {"farsta", "uppfoljning"}}) {
            tasks.create("filter-" + t[0] + "-" + t[1], new se.foubot.tasks.Requester("email", t[0] + "@stockholm.se", Map.of()),
                    new se.foubot.tasks.SupportRequest(t[0], null, "Vi behöver hjälp med uppföljningen.", null, t[1], null, null, "sv"),
                    List.of());
        }
    }

    /** The total of November in the figure of requests per month. */
    private static int novemberTotal(String html) {
        String figure = html.substring(html.indexOf("id=\"per-month\""));
        figure = figure.substring(0, figure.indexOf("</section>"));
        Matcher m = Pattern.compile("<th scope=\"row\">november</th>(?:<td class=\"num\">\\d+</td>){3}<td class=\"num\">(\\d+)</td>")
                .matcher(figure);
        assertThat(m.find()).as("November in the month figure").isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void theMachineEndpointsKeepTheirOwnGuards() throws Exception {
        assertThat(get("/api/tasks").statusCode()).isEqualTo(404);
        // Slack's own verification answers an unsigned request, not the sign-in
        assertThat(post("/slack/events", Map.of("payload", "{}")).statusCode()).isEqualTo(401);
        assertThat(get("/grants/unsubscribe?token=no-such-token").statusCode()).isEqualTo(404);
        assertThat(post("/grants/unsubscribe?token=no-such-token", Map.of()).statusCode()).isEqualTo(404);
        for (String probe : List.of("/actuator/health", "/livez", "/readyz")) {
            HttpResponse<String> health = get(probe);
            assertThat(health.statusCode()).as(probe).isEqualTo(200);
            assertThat(health.headers().allValues("Set-Cookie")).as(probe).isEmpty();
        }
    }

    // --- helpers

    private void signIn(String address) throws Exception {
        requestLink(address);
        String token = mailedLink(address);
        HttpResponse<String> confirm = get("/signin/link?token=" + token);
        assertThat(post("/signin/link/use", Map.of("token", token, "_csrf", csrf(confirm.body()))).headers().firstValue("Location")
                .orElse("")).contains("/dashboard");
    }

    private HttpResponse<String> requestLink(String identifier) throws Exception {
        return post("/signin/link", Map.of("identifier", identifier, "_csrf", csrf(get("/signin").body())));
    }

    private String awaitSlackLink(String user) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            for (FakeSlackApi.Call c : SLACK.calls("chat.postMessage")) {
                Matcher m = LINK.matcher(String.valueOf(c.param("text")));
                if (user.equals(c.param("channel")) && m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no sign-in link reached " + user + " in Slack");
    }

    private String mailedLink(String address) throws Exception {
        drainOutbox();
        List<MimeMessage> inbox = new TestMail(mail).inboxOf(address, "Inloggning till FoU-webben");
        assertThat(inbox).isNotEmpty();
        Matcher m = LINK.matcher(String.valueOf(inbox.get(inbox.size() - 1).getContent()));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private void drainOutbox() {
        while (outbox.sendDue() > 0) {
            // the outbox sends in batches
        }
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token in the form").isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        return se.foubot.support.Http.form(browser, port, path, form);
    }

    private double rejectedLinks() {
        var counter = meters.find("foubot.web.signin.links.rejected").tag("reason", "unknown_used_or_expired").counter();
        return counter == null ? 0 : counter.count();
    }
}

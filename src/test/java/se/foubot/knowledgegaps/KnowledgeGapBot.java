package se.foubot.knowledgegaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.channels.email.EmailRequestProcessor;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.MailboxReader;
import se.foubot.channels.email.OutboxSender;
import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.channels.slack.SlackNotices;
import se.foubot.channels.slack.SlackRequests;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;
import se.foubot.support.TestMail;

/**
 * The whole bot as the inventory's tests meet it: HTTP on a free port, Slack through signed requests against the fake
 * Slack Web API (one for all of them, so that they share this one application context), the embedded mail server,
 * an admin token, a coordinator who signs in to the staff web by mail. The classes that extend it share the context
 * and its store; each uses its own people and leaves alone what the others count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.admin.token=kl-admin",
                "foubot.slack.channel-messages-per-second=200", "foubot.slack.channel-burst=50", "foubot.slack.outbox-interval=1h",
                "foubot.mail.allowed-sender-domains=stockholm.se,example.se", "foubot.web.coordinators=kerstin.berg@stockholm.se"})
@Import(TestClockConfiguration.class)
public abstract class KnowledgeGapBot {

    /** One fake for the shared context; it lives as long as the test JVM, as the context does. */
    protected static final FakeSlackApi SLACK = FakeSlackApi.start();
    protected static final String TOKEN = "kl-admin";
    protected static final String STAFF = "C0STAFF";
    protected static final String COORDINATOR = "UCOORD";
    protected static final String ANALYSTS = "UANALYST1,UANALYST2";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern LINK = Pattern.compile("/signin/link\\?token=([A-Za-z0-9_-]+)");

    @LocalServerPort
    protected int port;

    @Autowired
    protected EmbeddedMailServer mail;
    @Autowired
    protected MailboxReader reader;
    @Autowired
    protected EmailRequestProcessor processor;
    @Autowired
    protected OutboxSender sender;
    @Autowired
    protected SlackNotices slackNotices;
    @Autowired
    protected MutableClock clock;

    @DynamicPropertySource
    static void slackSettings(DynamicPropertyRegistry registry) {
        registry.add("foubot.slack.bot-token", () -> "xoxb-test-token");
        registry.add("foubot.slack.signing-secret", () -> SlackRequests.SECRET);
        registry.add("foubot.slack.api-url", SLACK::url);
        registry.add("foubot.slack.staff-users", () -> ANALYSTS);
        registry.add("foubot.slack.staff-channel", () -> STAFF);
        registry.add("foubot.slack.forum-coordinators", () -> COORDINATOR);
    }

    protected SlackRequests slack() {
        return new SlackRequests(port, clock);
    }

    protected TestMail mailbox() {
        return new TestMail(mail);
    }

    /** One round of the mail work: read the mailbox, process, send everything queued. */
    protected void mailRound() {
        TestMail.round(reader, processor, sender);
    }

    /** Every text the bot posted to any of {@code channels}, oldest first. */
    protected static List<String> textsTo(String... channels) {
        List<String> out = new ArrayList<>();
        for (FakeSlackApi.Call c : SLACK.calls("chat.postMessage", c -> List.of(channels).contains(c.param("channel")))) {
            out.add(c.param("text"));
        }
        return out;
    }

    /** A DM to the bot, and its answer (the next message the bot posts in that DM). */
    protected String say(String user, String text) throws Exception {
        int before = textsTo("D" + user, user).size();
        slack().dm("Ev" + java.util.UUID.randomUUID().toString().replace("-", ""), user, text);
        await().atMost(Duration.ofSeconds(15)).until(() -> textsTo("D" + user, user).size() > before);
        List<String> all = textsTo("D" + user, user);
        return all.get(all.size() - 1);
    }

    protected static void awaitText(String channel, String contains) {
        await().atMost(Duration.ofSeconds(15)).until(() -> textsTo(channel).stream().anyMatch(t -> t != null && t.contains(contains)));
    }

    protected static String body(MimeMessage m) throws Exception {
        return m.getContent().toString();
    }

    /** An admin API call with a JSON body (or none). */
    protected HttpResponse<String> api(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A browser of the staff web: keeps its cookies, follows no redirect. */
    protected static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    protected HttpResponse<String> page(HttpClient browser, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> form(HttpClient browser, String path, Map<String, String> fields) throws Exception {
        return se.foubot.support.Http.form(browser, port, path, fields);
    }

    /** Signs the coordinator in to the staff web with the link mailed to them. */
    protected void signInAsCoordinator(HttpClient browser) throws Exception {
        String address = "kerstin.berg@stockholm.se";
        form(browser, "/signin/link", Map.of("identifier", address, "_csrf", csrf(page(browser, "/signin").body())));
        mailRound();
        List<MimeMessage> links = mailbox().inboxOf(address, "Inloggning till FoU-webben");
        Matcher link = LINK.matcher(body(links.get(links.size() - 1)));
        assertThat(link.find()).isTrue();
        String confirm = page(browser, "/signin/link?token=" + link.group(1)).body();
        assertThat(form(browser, "/signin/link/use", Map.of("token", link.group(1), "_csrf", csrf(confirm))).headers()
                .firstValue("Location").orElse("")).contains("/dashboard");
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token in the form").isTrue();
        return m.group(1);
    }
}

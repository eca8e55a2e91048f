package se.foubot.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import se.foubot.FouBotApplication;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.OutboxSender;
import se.foubot.store.EmbeddedMongoStore;
import se.foubot.support.TestMail;

/**
 * A staff member signed in on one process stays signed in on another on the same store: a second replica behind the
 * load balancer, or the same bot after a restart (before, sessions lived in the servlet container's memory and every
 * restart signed everyone out). Signing out ends the session everywhere.
 */
class StaffWebSessionAcrossProcessesTest {

    private static final Pattern LINK = Pattern.compile("/signin/link\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path dir;

    static EmbeddedMongoStore store;
    static EmbeddedMailServer mail;

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        store = EmbeddedMongoStore.start(dir.resolve("shared"), 0);
        mail = EmbeddedMailServer.start(0, 0);
    }

    @AfterAll
    static void stop() {
        mail.close();
        store.close();
    }

    private static ConfigurableApplicationContext process() {
        return process("anna.lind@stockholm.se", "");
    }

    private static ConfigurableApplicationContext process(String analysts, String coordinators) {
        return new SpringApplicationBuilder(FouBotApplication.class).run("--server.port=0", "--foubot.store.mongodb-uri="
                + store.connectionString("foubot"), "--foubot.mail.smtp-url=" + mail.smtpUrl(), "--foubot.mail.imap-url="
                + mail.imapUrl(), "--foubot.mail.poll-interval=1h", "--foubot.mail.outbox-poll-interval=1h", "--foubot.mail.idle=false",
                "--foubot.web.analysts=" + analysts, "--foubot.web.coordinators=" + coordinators);
    }

    @Test
    void aCoordinatorTakenOffTheListLosesTheRoleInTheSessionTheyHaveAndSomeoneNoLongerStaffIsSignedOut() throws Exception {
        String kerstin = "kerstin.berg@stockholm.se";
        ConfigurableApplicationContext process = process("anna.lind@stockholm.se," + kerstin, kerstin);
        try {
            int port = port(process);
            signIn(process, port, kerstin);
            assertThat(get(port, "/dashboard").body()).contains("(samordnare, utredare)");
        } finally {
            process.close();
        }

        // helper 121: restarted with her off the coordinators, her session still downloaded the attendee lists
        process = process("anna.lind@stockholm.se," + kerstin, "");
        try {
            int port = port(process);
            HttpResponse<String> export = get(port, "/dashboard/exports/forum/forum-2026-12-23/attendees.csv");
            assertThat(export.statusCode()).as("a coordinator's export, no longer hers").isEqualTo(403);
            assertThat(export.body()).contains("Den här sidan är bara för FoU:s samordnare.").doesNotContain("ingen roll");
            assertThat(get(port, "/dashboard").body()).doesNotContain("samordnare,").contains("(utredare)");
        } finally {
            process.close();
        }

        process = process("anna.lind@stockholm.se", "");
        try {
            int port = port(process);
            HttpResponse<String> page = get(port, "/dashboard");
            assertThat(page.statusCode()).as("no longer staff: signed out").isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/signin");
            assertThat(get(port, "/signin").body()).contains("Skicka inloggningslänk");
        } finally {
            process.close();
        }
    }

    private void signIn(ConfigurableApplicationContext process, int port, String address) throws Exception {
        post(port, "/signin/link", Map.of("identifier", address, "_csrf", csrf(get(port, "/signin").body())));
        OutboxSender outbox = process.getBean(OutboxSender.class);
        while (outbox.sendDue() > 0) {
            // the outbox sends in batches
        }
        List<MimeMessage> inbox = new TestMail(mail).inboxOf(address, "Inloggning till FoU-webben");
        Matcher link = LINK.matcher(String.valueOf(inbox.get(inbox.size() - 1).getContent()));
        assertThat(link.find()).isTrue();
        HttpResponse<String> confirm = get(port, "/signin/link?token=" + link.group(1));
        post(port, "/signin/link/use", Map.of("token", link.group(1), "_csrf", csrf(confirm.body())));
        assertThat(get(port, "/dashboard").statusCode()).isEqualTo(200);
        // signed in, the sign-in page has nothing to offer: to the dashboard (helper 121: the form, as if signed out)
        assertThat(get(port, "/signin").headers().firstValue("Location").orElse("")).endsWith("/dashboard");
    }

    @Test
    void aSessionBegunOnOneProcessHoldsOnAnotherAndAfterTheFirstStopsAndSigningOutEndsItEverywhere() throws Exception {
        ConfigurableApplicationContext first = process();
        ConfigurableApplicationContext second = null;
        try {
            int one = port(first);
            signIn(first, one, "anna.lind@stockholm.se");

            // the store holds a hash of the session's id, never the id the cookie carries
            String id = new String(Base64.getDecoder().decode(sessionCookie().getValue()), StandardCharsets.UTF_8);
            MongoTemplate mongo = first.getBean(MongoTemplate.class);
            assertThat(mongo.findById(id, Document.class, StoredSessions.COLLECTION)).isNull();
            assertThat(mongo.findById(StoredSessions.key(id), Document.class, StoredSessions.COLLECTION)).isNotNull();

            second = process();
            int two = port(second);
            HttpResponse<String> elsewhere = get(two, "/dashboard");
            assertThat(elsewhere.statusCode()).as("signed in on the other process").isEqualTo(200);
            assertThat(elsewhere.body()).contains("Uppdrag");
            first.close();
            assertThat(get(two, "/dashboard").statusCode()).as("after the first process stopped").isEqualTo(200);

            // signing out on one ends it on all: the same cookie is a stranger's again
            String cookieBefore = sessionCookie().getValue();
            HttpResponse<String> signedOut = post(two, "/signout", Map.of("_csrf", csrf(get(two, "/dashboard").body())));
            assertThat(signedOut.headers().firstValue("Location").orElse("")).endsWith("/signin?signedout");
            HttpClient old = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> replayed = old.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + two + "/dashboard"))
                    .header("Cookie", "JSESSIONID=" + cookieBefore).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(replayed.statusCode()).isEqualTo(302);
        } finally {
            if (first.isActive()) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private HttpCookie sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID")).findFirst().orElseThrow();
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token in the form").isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, Map<String, String> form) throws Exception {
        return se.foubot.support.Http.form(browser, port, path, form);
    }
}

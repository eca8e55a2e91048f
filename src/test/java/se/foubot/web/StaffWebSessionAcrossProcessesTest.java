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
        return new SpringApplicationBuilder(FouBotApplication.class).run("--server.port=0", "--foubot.store.mongodb-uri="
                + store.connectionString("foubot"), "--foubot.mail.smtp-url=" + mail.smtpUrl(), "--foubot.mail.imap-url="
                + mail.imapUrl(), "--foubot.mail.poll-interval=1h", "--foubot.mail.outbox-poll-interval=1h", "--foubot.mail.idle=false",
                "--foubot.web.analysts=anna.lind@stockholm.se");
    }

    @Test
    void aSessionBegunOnOneProcessHoldsOnAnotherAndAfterTheFirstStopsAndSigningOutEndsItEverywhere() throws Exception {
        ConfigurableApplicationContext first = process();
        ConfigurableApplicationContext second = null;
        try {
            int one = port(first);
            post(one, "/signin/link", Map.of("identifier", "anna.lind@stockholm.se", "_csrf", csrf(get(one, "/signin").body())));
            OutboxSender outbox = first.getBean(OutboxSender.class);
            while (outbox.sendDue() > 0) {
                // the outbox sends in batches
            }
            List<MimeMessage> inbox = new TestMail(mail).inboxOf("anna.lind@stockholm.se", "Inloggning till FoU-webben");
            Matcher link = LINK.matcher(String.valueOf(inbox.get(inbox.size() - 1).getContent()));
            assertThat(link.find()).isTrue();
            HttpResponse<String> confirm = get(one, "/signin/link?token=" + link.group(1));
            post(one, "/signin/link/use", Map.of("token", link.group(1), "_csrf", csrf(confirm.body())));
            assertThat(get(one, "/dashboard").statusCode()).isEqualTo(200);

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

package se.foubot.hostile;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import org.springframework.context.ApplicationContext;

import se.foubot.channels.email.EmailRequestProcessor;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.email.MailboxReader;
import se.foubot.channels.email.OutboxSender;
import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.support.MutableClock;
import se.foubot.support.TestMail;

/**
 * The running bot as the harness's rows reach it: its mailbox (GreenMail) and people's mail clients, its HTTP port
 * with the admin token, the fake Slack Web API it talks to, its beans, and the movable clock.
 */
public record Bot(ApplicationContext context, int port, String adminToken, FakeSlackApi slack, EmbeddedMailServer mail) {

    public static final String STAFF_CHANNEL = "C0HOSTILE";

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public TestMail people() {
        return new TestMail(mail);
    }

    public MutableClock clock() {
        return bean(MutableClock.class);
    }

    /** One round of mail work, as the scheduler runs it: read the mailbox, process, send. */
    public void mailRound() {
        TestMail.round(bean(MailboxReader.class), bean(EmailRequestProcessor.class), bean(OutboxSender.class));
    }

    /** Hands a stored raw mail (as a receiving server delivered it) to the bot's mailbox. */
    public void sendFixture(String resource) throws Exception {
        try (InputStream in = Bot.class.getResourceAsStream(resource)) {
            people().sendRaw(in.readAllBytes(), "bounce@relay.example");
        }
    }

    public List<MimeMessage> inboxOf(String address) {
        return people().inboxOf(address);
    }

    public HttpResponse<String> adminGet(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String body(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (Exception e) {
            return "";
        }
    }
}

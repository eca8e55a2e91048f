package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import se.foubot.conversation.ConversationKey;
import se.foubot.conversation.ConversationEngine;
import se.foubot.support.TestClockConfiguration;
import se.foubot.support.TestMail;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.TaskService;

/**
 * One address sending more complete requests than the limit gets ten tasks an hour and one mail saying so; the limit
 * and who is at it show in the admin API. (The hostile-input harness sends 200.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.admin.token=flood-admin",
                "foubot.mail.idle=false", "foubot.mail.poll-interval=1h"})
@Import(TestClockConfiguration.class)
class MailFloodTest {

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
    TaskService tasks;

    @Autowired
    ConversationEngine engine;

    @Test
    void aFewCompleteRequestsOverTheLimitMakeTenTasksAndOneMailSaysSo() throws Exception {
        TestMail people = new TestMail(mail);
        String flood = "flood@stockholm.se";
        for (int i = 0; i < 12; i++) {
            people.send(flood, "Utvärdering " + i, "Hej! Vi i Farsta behöver en utvärderingsplan senast 2027-03-01.\n\nOlle", null);
        }
        TestMail.round(reader, processor, sender);

        assertThat(tasks.byRequester("email", flood)).hasSize(10);
        assertThat(people.inboxOf(flood).stream().filter(m -> TestMail.subject(m).startsWith("[FOU-"))).hasSize(10);
        assertThat(people.inboxOf(flood).stream().map(m -> {
            try {
                return m.getContent().toString();
            } catch (Exception e) {
                return "";
            }
        }).filter(b -> b.contains("Du har redan skickat 10 nya förfrågningar den senaste timmen"))).as("told once").hasSize(1);

        HttpResponse<String> limits = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/limits")).header("Authorization", "Bearer flood-admin").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(limits.body()).contains("\"newTasksPerSender\":10").contains("\"sender\":\"flood@stockholm.se\"")
                .contains("\"channel\":\"email\"");
    }

    @Test
    void inAConversationTheLimitIsSaidBeforeTheIntakeAndInPlaceOfTheReferenceWhenReachedMeanwhile() {
        for (int i = 0; i < 9; i++) {
            tasks.create("slack-flood-" + i, new Requester("terminal", "UFLOOD", Map.of()),
                    new SupportRequest("farsta", null, "Uppföljning", null, "uppfoljning", null, null, "sv"), java.util.List.of());
        }
        ConversationKey key = new ConversationKey("terminal", "UFLOOD");
        se.foubot.privacy.OutsideTextGuard guard = new se.foubot.privacy.OutsideTextGuard();
        for (String answer : new String[] {"stöd", "Farsta", "verksamhetsutvecklare", "En uppföljningsmall för hemtjänsten",
                "nej", "uppföljning", "hoppa över", "ufl@stockholm.se"}) {
            engine.handle(key, guard.check(answer));
        }
        // the tenth place is taken meanwhile (another request of theirs): the last answer says so instead of a reference
        tasks.create("slack-flood-9", new Requester("terminal", "UFLOOD", Map.of()),
                new SupportRequest("farsta", null, "Uppföljning", null, "uppfoljning", null, null, "sv"), java.util.List.of());
        String last = engine.handle(key, guard.check("ja")).text();
        assertThat(last).contains("Du har redan skickat 10 nya förfrågningar").doesNotContain("FOU-2026");
        assertThat(tasks.byRequester("terminal", "UFLOOD")).hasSize(10);

        // at the limit, a new request is told so before its first question
        String first = engine.handle(key, guard.check("stöd")).text();
        assertThat(first).contains("Du har redan skickat 10 nya förfrågningar").doesNotContain("Vilken förvaltning");
    }
}

package se.foubot.tasks.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import se.foubot.support.FouBotTest;
import se.foubot.tasks.Requester;
import se.foubot.tasks.RequesterChannel;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskService;

/**
 * A requester who asked by mail hears about their request by mail: one mail in their request's thread per notice,
 * in their language, however often the notice is given.
 */
@FouBotTest
class MailRequesterChannelTest {

    @Autowired
    List<RequesterChannel> channels;

    @Autowired
    TaskService tasks;

    @Autowired
    MongoTemplate mongo;

    private RequesterChannel mail() {
        return channels.stream().filter(c -> c.channel().equals("email")).findFirst().orElseThrow();
    }

    private SupportTask askedByMail(String person, String language) {
        return tasks.create("mail-requester-channel-" + person, new Requester("email", person,
                Map.of("rootMessageId", "<rot-" + language + "@farsta.stockholm.se>")), new SupportRequest("farsta", null,
                "Stöd med en uppföljningsmall", null, "uppfoljning", null, null, language), List.of());
    }

    private List<Document> outboxFor(String to) {
        return mongo.find(Query.query(Criteria.where("to").is(to)), Document.class, "outbox");
    }

    @Test
    void aNoticeIsOneMailInTheRequestsThreadHoweverOftenItIsGiven() {
        SupportTask task = askedByMail("karin.notis@farsta.stockholm.se", "sv");

        mail().tell(task, "notice:" + task.reference() + ":claimed", "Din förfrågan är tagen", "En utredare har tagit den.");
        mail().tell(task, "notice:" + task.reference() + ":claimed", "Din förfrågan är tagen", "En utredare har tagit den.");

        assertThat(outboxFor("karin.notis@farsta.stockholm.se")).singleElement().satisfies(m -> {
            assertThat(m.getString("subject")).isEqualTo("[" + task.reference() + "] Din förfrågan är tagen");
            assertThat(m.getString("text")).startsWith("Hej!\n\nEn utredare har tagit den.").contains("FoU-boten");
            assertThat(m.getString("inReplyTo")).isEqualTo("<rot-sv@farsta.stockholm.se>");
            assertThat(m.getString("autoSubmitted")).isEqualTo("auto-generated");
        });
        assertThat(mail().analyst("UANNA")).as("mail names no Slack user").isNull();
    }

    @Test
    void someoneWhoAskedInEnglishIsToldInEnglish() {
        SupportTask task = askedByMail("sam.notice@farsta.stockholm.se", "en");

        mail().tell(task, "notice:" + task.reference() + ":done", "Your request is done", "The analyst closed it.");

        assertThat(outboxFor("sam.notice@farsta.stockholm.se")).singleElement()
                .satisfies(m -> assertThat(m.getString("text")).startsWith("Hello!\n\nThe analyst closed it.").contains("Best regards"));
    }
}

package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import se.foubot.support.FouBotTest;
import se.foubot.support.TestMail;

/**
 * A spam wave with forged From addresses at one domain must not make the bot mail all those people: answers to
 * senders nobody proved are limited per domain (here 3 an hour), while every mail is still stored and processed, and
 * a person who answers the bot's own mail (which proves the address) is answered as usual.
 */
@FouBotTest
@TestPropertySource(properties = {"foubot.mail.idle=false", "foubot.mail.poll-interval=1h",
        "foubot.mail.unproven-replies-per-domain-per-hour=3", "foubot.mail.allowed-sender-domains="})
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class BackscatterTest {

    @Autowired
    EmbeddedMailServer mail;

    @Autowired
    MailboxReader reader;

    @Autowired
    EmailRequestProcessor processor;

    @Autowired
    OutboxSender sender;

    @Autowired
    MongoTemplate mongo;

    private TestMail people() {
        return new TestMail(mail);
    }

    @Test
    void aForgedWaveAtOneDomainGetsAFewAnswersNotOneEachAndAProvenAnswerStillGoesThrough(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        List<String> forged = IntStream.rangeClosed(1, 8).mapToObj(i -> "person" + i + "@wave.example").toList();
        for (String from : forged) {
            people().send(from, "Hej", "Kan ni hjälpa oss?", null);
        }
        TestMail.round(reader, processor, sender);

        List<String> answered = forged.stream().filter(a -> !people().inboxOf(a).isEmpty()).toList();
        assertThat(answered).as("answers to wave.example in one hour").hasSize(3);
        assertThat(mongo.count(Query.query(Criteria.where("from").regex("@wave\\.example$").and("status").is("processed")),
                MailInbox.INBOX)).as("every mail stored and processed").isEqualTo(8);
        // five answers held back, one line for the operator: the domain and what to set, no address or text
        assertThat(output.getOut().lines().filter(l -> l.contains("WARN") && l.contains("event=mail_reply_suppressed")))
                .singleElement().satisfies(l -> assertThat(l).contains("domain=wave.example")
                        .contains("hint=\"FOUBOT_ALLOWED_SENDER_DOMAINS is not set").doesNotContain("person").doesNotContain("hjälpa"));

        // the first answered person writes back to the bot's question: that proves the address, so the answer goes out
        String real = answered.get(0);
        MimeMessage question = people().inboxOf(real).get(0);
        people().send(real, "Re: " + question.getSubject(), "Förvaltning: Bromma\nTyp av stöd: uppföljning\nSenast: ingen brådska",
                question.getMessageID());
        TestMail.round(reader, processor, sender);
        assertThat(people().inboxOf(real)).as("the proven sender's request registered and answered").hasSize(2);
        assertThat(TestMail.subject(people().inboxOf(real).get(1))).startsWith("[FOU-");

        // another domain is counted on its own
        people().send("kollega@annan.example", "Hej", "Kan ni hjälpa oss?", null);
        TestMail.round(reader, processor, sender);
        assertThat(people().inboxOf("kollega@annan.example")).hasSize(1);
    }
}

package se.foubot.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.internet.MimeMessage;

import se.foubot.FouBotApplication;
import se.foubot.tasks.TaskService;

/** The bot stops in the middle of an email intake; after a restart the person's answer still completes it. */
class EmailRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return FouBotApplication.commandLineApplication().run("--foubot.store.data-dir=" + dataDir);
    }

    @Test
    void anAnswerAfterARestartCompletesTheRequestStartedBefore() throws Exception {
        String asked;
        try (ConfigurableApplicationContext first = start()) {
            EmbeddedMailServer mail = first.getBean(EmbeddedMailServer.class);
            GreenMailUtil.sendTextEmail("fou@localhost", "restart.tester@stockholm.se", "Stöd",
                    "Vi behöver stöd med uppföljning av vårt nya arbetssätt.", mail.greenMail().getSmtp().getServerSetup());
            first.getBean(MailboxReader.class).poll();
            first.getBean(EmailRequestProcessor.class).processWaiting();
            first.getBean(OutboxSender.class).sendDue();
            MimeMessage question = mail.greenMail().getReceivedMessagesForDomain("stockholm.se")[0];
            asked = question.getMessageID();
            assertThat(question.getContent().toString()).contains("Förvaltning");
        }
        try (ConfigurableApplicationContext second = start()) {
            EmbeddedMailServer mail = second.getBean(EmbeddedMailServer.class);
            jakarta.mail.Session session = GreenMailUtil.getSession(mail.greenMail().getSmtp().getServerSetup());
            MimeMessage answer = new MimeMessage(session);
            answer.setFrom("restart.tester@stockholm.se");
            answer.setRecipients(jakarta.mail.Message.RecipientType.TO, "fou@localhost");
            answer.setSubject("SV: Stöd", "UTF-8");
            answer.setText("Förvaltning: Farsta\nSenast: ingen brådska", "UTF-8");
            answer.setHeader("In-Reply-To", asked);
            GreenMailUtil.sendMimeMessage(answer);
            second.getBean(MailboxReader.class).poll();
            second.getBean(EmailRequestProcessor.class).processWaiting();
            assertThat(second.getBean(TaskService.class).byRequester("email", "restart.tester@stockholm.se"))
                    .singleElement().satisfies(t -> assertThat(t.request().district()).isEqualTo("farsta"));
            assertThat(second.getBean(MongoTemplate.class).findOne(Query.query(Criteria.where("from")
                    .is("restart.tester@stockholm.se")), Document.class, EmailRequestProcessor.REQUESTS).getString("status"))
                    .isEqualTo("done");
        }
    }
}

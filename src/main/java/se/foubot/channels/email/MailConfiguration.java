package se.foubot.channels.email;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The mail servers (configured or embedded) and the outbox sender. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MailConfiguration {

    /** Started only when neither FOUBOT_IMAP_URL nor FOUBOT_SMTP_URL is set. */
    @Bean(destroyMethod = "close")
    @Lazy
    EmbeddedMailServer embeddedMailServer(MailProperties properties) {
        return EmbeddedMailServer.start(properties.embeddedSmtpPort(), properties.embeddedImapPort());
    }

    @Bean
    MailEndpoints mailEndpoints(MailProperties properties, ObjectProvider<EmbeddedMailServer> embedded) {
        if (properties.embedded()) {
            EmbeddedMailServer server = embedded.getObject();
            return new MailEndpoints(server.imapUrl(), server.smtpUrl());
        }
        if (MailProperties.blank(properties.smtpUrl()) || MailProperties.blank(properties.imapUrl())) {
            throw new IllegalStateException("Set both FOUBOT_IMAP_URL and FOUBOT_SMTP_URL (or neither, for the embedded "
                    + "mail server): the bot reads requests by IMAP and answers them by SMTP.");
        }
        return new MailEndpoints(properties.imapUrl(), properties.smtpUrl());
    }

    @Bean
    OutboxSender outboxSender(Outbox outbox, MailEndpoints endpoints, MailProperties properties, Clock clock) {
        return new OutboxSender(outbox, endpoints.smtpUrl(), properties.from(), properties.outboxLease(),
                properties.outboxMaxAttempts(), clock);
    }

    @Bean
    OutboxSchedule outboxSchedule(OutboxSender sender) {
        return new OutboxSchedule(sender);
    }

    /** Sends due mail every little while. */
    static final class OutboxSchedule {
        private final OutboxSender sender;

        OutboxSchedule(OutboxSender sender) {
            this.sender = sender;
        }

        @Scheduled(fixedDelayString = "${foubot.mail.outbox-poll-interval}")
        void tick() {
            try {
                sender.sendDue();
            } catch (org.springframework.dao.DataAccessException e) {
                org.slf4j.LoggerFactory.getLogger(OutboxSender.class).warn("event=outbox_unavailable reason=\"{}\"",
                        e.getMostSpecificCause().getMessage());
            }
        }
    }
}

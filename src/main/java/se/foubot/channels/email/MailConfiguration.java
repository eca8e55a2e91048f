package se.foubot.channels.email;

import java.time.Clock;
import java.time.ZoneId;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import se.foubot.conversation.FlowCatalog;
import se.foubot.conversation.FlowSource;
import se.foubot.conversation.OptionList;
import se.foubot.scheduling.ConditionalOnBackgroundWork;

/** The mail servers (configured or embedded), the mailbox reader and the outbox sender; none in a command-line mode. */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    /** Started only when neither FOUBOT_IMAP_URL nor FOUBOT_SMTP_URL is set. */
    @ConditionalOnBackgroundWork
    @Bean(destroyMethod = "close")
    @Lazy
    EmbeddedMailServer embeddedMailServer(MailProperties properties) {
        return EmbeddedMailServer.start(properties.embeddedSmtpPort(), properties.embeddedImapPort());
    }

    @ConditionalOnBackgroundWork
    @Bean
    MailEndpoints mailEndpoints(MailProperties properties, ObjectProvider<EmbeddedMailServer> embedded) {
        if (properties.embedded()) {
            EmbeddedMailServer server = embedded.getObject();
            return new MailEndpoints(server.imapUrl(), server.smtpUrl());
        }
        if (MailProperties.blank(properties.smtpUrl()) || MailProperties.blank(properties.imapUrl())) {
            throw new se.foubot.settings.SettingProblem("Only one of FOUBOT_IMAP_URL and FOUBOT_SMTP_URL is set: the bot reads "
                    + "requests by IMAP and answers them by SMTP.", "Set both (or neither, for the embedded mail server) and start again.");
        }
        return new MailEndpoints(properties.imapUrl(), properties.smtpUrl());
    }

    @ConditionalOnBackgroundWork
    @Bean
    OutboxSender outboxSender(Outbox outbox, MailEndpoints endpoints, MailProperties properties, Clock clock,
            se.foubot.store.ProcessBoot boot) {
        return new OutboxSender(outbox, endpoints.smtpUrl(), properties.from(), properties.outboxLease(),
                properties.outboxMaxAttempts(), properties.smtpConnections(), properties.outboxBatch(), clock, boot);
    }

    @ConditionalOnBackgroundWork
    @Bean
    OutboxSchedule outboxSchedule(OutboxSender sender) {
        return new OutboxSchedule(sender);
    }

    /** Outbox depth and the age of its oldest mail as gauges, read when scraped; NaN while the store cannot be reached. */
    @Bean
    MeterBinder outboxMetrics(Outbox outbox, Clock clock) {
        return registry -> {
            Gauge.builder("foubot.outbox.waiting", outbox, o -> {
                try {
                    return o.count(Outbox.PENDING);
                } catch (RuntimeException e) {
                    return Double.NaN;
                }
            }).register(registry);
            Gauge.builder("foubot.outbox.oldest.age", outbox, o -> {
                try {
                    return o.oldestPending().map(at -> (double) java.time.Duration.between(at, clock.instant()).toSeconds())
                            .orElse(0.0);
                } catch (RuntimeException e) {
                    return Double.NaN;
                }
            }).baseUnit("seconds").description("age of the oldest mail still waiting in the outbox").register(registry);
        };
    }

    @ConditionalOnBackgroundWork
    @Bean
    MailboxReader mailboxReader(MailEndpoints endpoints, MailInbox inbox, MailProperties properties) {
        return new MailboxReader(endpoints.imapUrl(), inbox, properties.processedFolder());
    }

    @Bean
    EmailRequestProcessor emailRequestProcessor(MailInbox inbox, Outbox outbox, MailRequests tasks,
            FlowCatalog catalog, MongoTemplate mongo, Clock clock, ZoneId zone, MailProperties properties,
            FlowSource flows, se.foubot.messaging.CommandTable commands,
            se.foubot.deadletter.DeadLetters deadLetters, se.foubot.deadletter.DeadLetterProperties deadLetterProperties,
            java.util.List<se.foubot.messaging.CalendarAnswers> calendarAnswers, se.foubot.messaging.Texts texts,
            se.foubot.language.TextAnalysis analysis) {
        OptionList districts = catalog.list("districts").orElseThrow();
        MailIntake intake = new MailIntake(catalog.flow("intake").orElseThrow(), tasks::categoryOf,
                SenderDistricts.load(flows, districts));
        return new EmailRequestProcessor(inbox, outbox, tasks, intake, new MailReplies(texts, analysis), mongo, clock, zone,
                properties.repliesPerSenderPerHour(), commands, deadLetters, deadLetterProperties.retryDelay(),
                calendarAnswers, properties.allowedSenderDomains(), properties.unprovenRepliesPerDomainPerHour());
    }

    @ConditionalOnBackgroundWork
    @Bean
    InboxSchedule inboxSchedule(MailboxReader reader, EmailRequestProcessor processor, se.foubot.store.Leases leases,
            MailProperties properties, se.foubot.store.ProcessBoot boot) {
        return new InboxSchedule(reader, processor, leases, properties.readerLease(), boot);
    }

    @ConditionalOnBackgroundWork
    @Bean
    @ConditionalOnProperty(name = "foubot.mail.idle", havingValue = "true", matchIfMissing = true)
    MailboxWatcher mailboxWatcher(MailEndpoints endpoints, InboxSchedule schedule) {
        return new MailboxWatcher(endpoints.imapUrl(), schedule::tick);
    }

    /** Reads the mailbox, then processes what came in (and anything left from before a restart). */
    static final class InboxSchedule implements org.springframework.beans.factory.DisposableBean {
        static final String LEASE = "imap-reader";

        private final MailboxReader reader;
        private final EmailRequestProcessor processor;
        private final se.foubot.store.Leases leases;
        private final java.time.Duration lease;
        /** This replica's name in the reader lease, by this process's id: the next process on the same data directory
         * (a restart after {@code kill -9}) takes the lease over at once instead of after it runs out, so mail that
         * arrives meanwhile is not left in the embedded server's memory for a minute. */
        private final se.foubot.store.Holder holder;
        private final String me;

        InboxSchedule(MailboxReader reader, EmailRequestProcessor processor, se.foubot.store.Leases leases, java.time.Duration lease,
                se.foubot.store.ProcessBoot boot) {
            this.reader = reader;
            this.processor = processor;
            this.leases = leases;
            this.lease = lease;
            this.holder = new se.foubot.store.Holder("reader", boot);
            this.me = holder.name();
        }

        /** Reads the mailbox when this replica holds the reader lease; every replica processes what is stored. */
        @Scheduled(fixedDelayString = "${foubot.mail.poll-interval}", initialDelayString = "${foubot.mail.poll-interval}")
        synchronized void tick() {
            if (holdsReaderLease()) {
                reader.poll();
            }
            // a store that is away throws here: the scheduler's handler says so once a minute, and the next tick tries again
            processor.processWaiting();
        }

        private boolean holdsReaderLease() {
            try {
                String before = holder.takeBackLease(leases, LEASE);
                if (before != null) {
                    org.slf4j.LoggerFactory.getLogger(MailboxReader.class).info("event=reader_predecessor_lease_released from={}", before);
                }
                return leases.acquire(LEASE, me, lease);
            } catch (org.springframework.dao.DataAccessException e) {
                // without MongoDB nothing read could be stored anyway
                return false;
            }
        }

        /** This replica's name in the reader lease. */
        String holder() {
            return me;
        }

        @Override
        public void destroy() {
            leases.release(LEASE, me);
        }
    }

    /** Sends due mail every little while. */
    static final class OutboxSchedule {
        private final OutboxSender sender;

        OutboxSchedule(OutboxSender sender) {
            this.sender = sender;
        }

        /** As soon as the context begins to close, before the scheduler waits for a round under way (10 s at most). */
        @EventListener(ContextClosedEvent.class)
        void stopSending() {
            sender.stop();
        }

        @Scheduled(fixedDelayString = "${foubot.mail.outbox-poll-interval}")
        void tick() {
            // a store that is away throws here: the scheduler's handler says so once a minute, and the next tick tries again
            sender.sendDue();
        }
    }
}

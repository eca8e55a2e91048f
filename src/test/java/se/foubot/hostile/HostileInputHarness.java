package se.foubot.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.channels.slack.FakeSlackApi;
import se.foubot.support.BuggyCommand;
import se.foubot.support.TestClockConfiguration;

/**
 * Hostile input against the whole bot, as a person (or an attacker) would send it: one row per class of input, each
 * must be refused or handled, lose nothing, and leave no stack trace in the log. Prints the table; part of the normal
 * suite (about a minute). Rows come from every {@link HostileInputRows} named in
 * {@code META-INF/services/se.foubot.hostile.HostileInputRows}.
 *
 * <p>Run alone: {@code mvn -B -ntp test -Dtest=HostileInputHarness}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.admin.token=hostile-admin",
                "foubot.mail.idle=false", "foubot.mail.poll-interval=1h", "foubot.mail.allowed-sender-domains=stockholm.se",
                "foubot.mail.trusted-authserv-ids=mx.google.com,exchange-online,mail.stad.se", "foubot.slack.outbox-interval=200ms"})
@Import({TestClockConfiguration.class, BuggyCommand.class})
class HostileInputHarness {

    static final FakeSlackApi SLACK = FakeSlackApi.start();

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        registry.add("foubot.slack.bot-token", () -> "xoxb-hostile");
        registry.add("foubot.slack.api-url", SLACK::url);
        registry.add("foubot.slack.staff-channel", () -> Bot.STAFF_CHANNEL);
        // the Slack rows go through POST /slack/events, signed
        registry.add("foubot.slack.signing-secret", () -> se.foubot.channels.slack.SlackHostileInputs.SIGNING_SECRET);
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    EmbeddedMailServer mail;

    record Row(String section, String inputClass, boolean refusedOrHandled, boolean nothingLost, int stackTraces,
            String evidence) {

        boolean passed() {
            return refusedOrHandled && nothingLost && stackTraces == 0;
        }

        String line() {
            return String.format("%-7s %-62s %-8s %-8s %-6s %s", section, inputClass, refusedOrHandled ? "yes" : "NO",
                    nothingLost ? "yes" : "NO", stackTraces == 0 ? "none" : stackTraces + "!", evidence);
        }
    }

    @Test
    void everyHostileInputIsRefusedOrHandledWithNothingLostAndNoStackTrace() {
        Bot bot = new Bot(context, port, "hostile-admin", SLACK, mail);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Row> table = new ArrayList<>();
        for (HostileInputRows rows : ServiceLoader.load(HostileInputRows.class)) {
            for (HostileInput input : rows.rows()) {
                ListAppender<ILoggingEvent> log = new ListAppender<>();
                log.start();
                root.addAppender(log);
                HostileInput.Outcome outcome;
                try {
                    outcome = input.run().run(bot);
                } catch (Exception | AssertionError e) {
                    outcome = HostileInput.Outcome.of(false, false, "the row itself failed: " + e);
                } finally {
                    root.detachAppender(log);
                }
                int traces = (int) log.list.stream().filter(e -> e.getThrowableProxy() != null).count();
                table.add(new Row(rows.section(), input.inputClass(), outcome.refusedOrHandled(), outcome.nothingLost(), traces,
                        outcome.evidence()));
            }
        }

        System.out.printf("%nHostile-input harness: the whole bot (embedded store, GreenMail, fake Slack API)%n");
        System.out.printf("%-7s %-62s %-8s %-8s %-6s %s%n", "channel", "input", "handled", "nothing", "stack", "evidence");
        System.out.printf("%-7s %-62s %-8s %-8s %-6s %s%n", "", "", "/refused", "lost", "traces", "");
        table.forEach(r -> System.out.println(r.line()));
        System.out.printf("%d rows, %d failed%n", table.size(), table.stream().filter(r -> !r.passed()).count());

        assertThat(table).isNotEmpty().allSatisfy(r -> assertThat(r.passed()).as(r.line()).isTrue());
    }
}

package se.foubot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import se.foubot.store.EmbeddedMongoStore;

/**
 * The command-line modes as a flow author or operator runs them: beside a running bot on the same data directory they
 * stop with one line and a non-zero status; alone they start the store and the features and nothing that runs on its
 * own (no web server, mail server, mailbox reader, outbox sender or scheduler).
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandLineModesTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private PrintStream out() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private PrintStream err() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    @Test
    void chatBesideARunningBotSaysSoInOneLineWithoutAStackTrace(CapturedOutput output) {
        try (EmbeddedMongoStore runningBot = EmbeddedMongoStore.start(dataDir, 0)) {
            int status = ChatCommand.run(new String[] { "--as=anna", "--foubot.store.data-dir=" + dataDir },
                    new ByteArrayInputStream(new byte[0]), out(), err());

            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                    .contains(runningBot.file().toString()).contains("is in use by another process");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START").doesNotContain("Exception");
        }
    }

    @Test
    void grantsPreviewBesideARunningBotSaysSoInOneLine(CapturedOutput output) {
        try (EmbeddedMongoStore runningBot = EmbeddedMongoStore.start(dataDir, 0)) {
            int status = GrantsPreviewCommand.run(new String[] { "2027-09-01", "--foubot.store.data-dir=" + dataDir }, out(), err());

            assertThat(status).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                    .contains("is in use by another process");
            assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    @Test
    void aChatInTheTerminalIsAnsweredAndSaved() {
        String typed = "hjälp\n/quit\n";
        int status = ChatCommand.run(new String[] { "--as=anna", "--foubot.store.data-dir=" + dataDir },
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), out(), err());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("terminalchatt som anna").contains("status")
                .contains("Konversationen är sparad");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aCommandStartsTheStoreAndFeaturesButNothingThatRunsOnItsOwn() throws Exception {
        try (ConfigurableApplicationContext context = CommandLineApplication.start(
                new String[] { "--foubot.store.data-dir=" + dataDir }, "WARN")) {
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.containsBean("messageRouter")).isTrue();
            assertThat(context.containsBean("embeddedMailServer")).as("mail server").isFalse();
            assertThat(context.containsBean("mailboxReader")).as("mailbox reader").isFalse();
            assertThat(context.containsBean("mailboxWatcher")).as("mailbox watcher").isFalse();
            assertThat(context.containsBean("outboxSender")).as("outbox sender").isFalse();
            assertThat(context.getBeansOfType(ScheduledTaskHolder.class)).as("periodic jobs").isEmpty();
            assertThat(context.getBean(Scheduler.class).isStarted()).as("Quartz").isFalse();
            assertThat(context.getBeanNamesForType(com.slack.api.bolt.App.class)).as("Slack").isEmpty();
        }
    }
}

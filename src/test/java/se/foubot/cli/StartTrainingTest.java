package se.foubot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

import se.foubot.FouBotApplication;

/** The class-data archive's training run goes through the whole start to a ready answer, then stops the bot. */
class StartTrainingTest {

    @TempDir
    Path dataDir;

    @Test
    void theTrainingRunEndsWellOnceTheBotHasAnsweredReady() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = StartTraining.run(new SpringApplication(FouBotApplication.class),
                new String[] {"--server.port=0", "--foubot.store.data-dir=" + dataDir, "--foubot.mail.embedded-smtp-port=0",
                        "--foubot.mail.embedded-imap-port=0"},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void aBotWithoutItsWebServerIsAFailedTrainingRun() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = StartTraining.run(FouBotApplication.commandLineApplication(),
                new String[] {"--foubot.store.data-dir=" + dataDir, "--foubot.mail.embedded-smtp-port=0",
                        "--foubot.mail.embedded-imap-port=0"},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no web server");
    }
}

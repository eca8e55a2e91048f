package se.foubot.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import se.foubot.FouBotApplication;

/**
 * Settings an operator got wrong stop the start with Spring Boot's short report — what is wrong, naming the setting,
 * and what to do — instead of a page of stack trace, and never with a setting's value (it may hold a password).
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingProblemTest {

    @TempDir
    Path dir;

    private void start(String... settings) {
        String[] args = new String[settings.length + 3];
        System.arraycopy(settings, 0, args, 0, settings.length);
        args[settings.length] = "--server.port=0";
        args[settings.length + 1] = "--foubot.store.embedded-port=0";
        args[settings.length + 2] = "--logging.level.root=WARN";
        assertThatThrownBy(() -> new SpringApplication(FouBotApplication.class).run(args)).isNotNull();
    }

    private static void assertShortReport(CapturedOutput output, String problem, String action) {
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START").contains(problem).contains(action);
        assertThat(output.getOut().lines().filter(l -> l.startsWith("\tat "))).as("no stack trace").isEmpty();
    }

    @Test
    void aDataDirectoryThatIsAFileIsSaidInOneSentence(CapturedOutput output) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        start("--foubot.store.data-dir=" + file);
        assertShortReport(output, "(FOUBOT_DATA_DIR) cannot be made: a file is there, not a directory.",
                "Set FOUBOT_DATA_DIR to a directory the bot's user may write");
    }

    @Test
    void aMongoUriTheDriverRefusesIsNamedButNotShown(CapturedOutput output) {
        start("--foubot.store.data-dir=" + dir.resolve("data"), "--foubot.store.mongodb-uri=mongo:/fou:hemligt-l0senord@db");
        assertShortReport(output, "FOUBOT_MONGODB_URI is not a MongoDB connection string.", "mongodb://USER:PASSWORD@HOST:27017/foubot");
        assertThat(output.getOut()).doesNotContain("hemligt-l0senord");
    }

    @Test
    void aPublicUrlWithAPasswordIsRefusedSayingWhatIsWrongWithoutShowingIt(CapturedOutput output) {
        start("--foubot.store.data-dir=" + dir.resolve("data"), "--foubot.http.public-url=https://op:hemligt-l0senord@fou.stad.se/");
        assertShortReport(output, "FOUBOT_PUBLIC_URL is not a web address: it holds a user name or password.",
                "Set FOUBOT_PUBLIC_URL to an address such as https://fou.stad.se");
        assertThat(output.getOut()).doesNotContain("hemligt-l0senord");
    }

    @Test
    void anImapServerWithoutAnSmtpServerIsSaidInOneSentence(CapturedOutput output) {
        start("--foubot.store.data-dir=" + dir.resolve("data"), "--foubot.mail.imap-url=imap://fou:pw@127.0.0.1:1");
        assertShortReport(output, "Only one of FOUBOT_IMAP_URL and FOUBOT_SMTP_URL is set", "Set both (or neither");
    }
}

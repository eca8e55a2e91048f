package se.foubot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the jar does with its first word, run as an operator runs it: a question about it is answered and nothing
 * starts; a word it does not know is refused and nothing starts — not a second bot beside the running one, on its
 * ports, reading its mailbox and answering its Slack app.
 */
class LauncherTest {

    @Test
    void versionAndHelpAnswerAndStartNothing() throws Exception {
        assertThat(LauncherProcess.run("--version")).startsWith("0:fou-bot ").doesNotContain("Starting");
        assertThat(LauncherProcess.run("-v")).startsWith("0:fou-bot ");
        assertThat(LauncherProcess.run("--help")).startsWith("0:usage: java -jar fou-bot.jar").contains("chat")
                .contains("store").contains("--version").doesNotContain("Starting");
    }

    @Test
    void aWordThatIsNoCommandNorSettingIsRefusedAndStartsNothing() throws Exception {
        assertThat(LauncherProcess.run("chta")).startsWith("2:")
                .contains("\"chta\" is neither a command nor a --name=value setting; nothing was started").contains("usage:")
                .doesNotContain("Starting");
        for (String typo : new String[] {"-Dserver.port=9", "", "--versoin", "--", "--=x"}) {
            assertThat(LauncherProcess.run(typo)).as(typo).startsWith("2:").contains("nothing was started");
        }
        assertThat(LauncherProcess.run("--server.port=0", "--foubot.slack.bot-tokn")).as("a setting after a good one")
                .startsWith("2:").contains("\"--foubot.slack.bot-tokn\"");
    }
}

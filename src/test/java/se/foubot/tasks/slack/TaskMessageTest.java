package se.foubot.tasks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import se.foubot.tasks.TaskEvent;

/** A change's line in the task's staff thread: the analyst who made it is named as a Slack mention, here at the edge. */
class TaskMessageTest {

    private static final Instant AT = Instant.parse("2027-03-10T12:00:00Z");

    @Test
    void anAnalystsChangeNamesTheAnalystAsAMention() {
        assertThat(TaskMessage.threadLine(new TaskEvent(AT, "UANNA", "claimed", "tog uppdraget")))
                .isEqualTo("<@UANNA> tog uppdraget");
        assertThat(TaskMessage.threadLine(new TaskEvent(AT, "UANNA", "question", "frågade beställaren: Hur många deltar?")))
                .isEqualTo("<@UANNA> frågade beställaren: Hur många deltar?");
    }

    @Test
    void historyWrittenWithTheMentionInItsWordsIsShownAsItWas() {
        assertThat(TaskMessage.threadLine(new TaskEvent(AT, "UANNA", "status", "<@UANNA> satte status: Pågår")))
                .isEqualTo("<@UANNA> satte status: Pågår");
    }

    @Test
    void aRequestersMailIsShownWithoutAMention() {
        assertThat(TaskMessage.threadLine(new TaskEvent(AT, "anna@farsta.stockholm.se", "mail:mid:<a@b>",
                "Beställaren svarade via e-post: Ungefär 40"))).isEqualTo("Beställaren svarade via e-post: Ungefär 40");
    }

    @Test
    void aRequestersWordsCannotNotifyTheChannelOrDisguiseALink() {
        assertThat(TaskMessage.threadLine(new TaskEvent(AT, "UDIST", "answer:r1",
                "Beställaren svarade: <!channel> se <https://evil.example|intranätet> & <@UBERT>")))
                .isEqualTo("Beställaren svarade: &lt;!channel&gt; se &lt;https://evil.example|intranätet&gt; &amp; &lt;@UBERT&gt;");
        assertThat(TaskMessage.threadLine(new TaskEvent(AT, "UANNA", "question", "frågade beställaren: <!here> nu?")))
                .isEqualTo("<@UANNA> frågade beställaren: &lt;!here&gt; nu?");
    }
}

package se.foubot.tasks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import se.foubot.tasks.Priority;
import se.foubot.tasks.Requester;
import se.foubot.tasks.SupportRequest;
import se.foubot.tasks.SupportTask;
import se.foubot.tasks.TaskEvent;
import se.foubot.tasks.TaskStatus;

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

    @Test
    void aMailedRequestNamesItsAddressOnceAndASlackRequestItsOtherAddressBesideTheMention() {
        assertThat(TaskMessage.requester(task("email", "Per.Lind@stockholm.se", "per.lind@stockholm.se")))
                .isEqualTo("Per.Lind@stockholm.se");
        assertThat(TaskMessage.requester(task("slack", "UDIST", "anna.berg@stockholm.se"))).isEqualTo("<@UDIST> (anna.berg@stockholm.se)");
        assertThat(TaskMessage.requester(task("slack", "UDIST", null))).isEqualTo("<@UDIST>");
    }

    private static SupportTask task(String channel, String person, String contactEmail) {
        SupportRequest request = new SupportRequest("farsta", "chef", "Stöd med en uppföljning", null, null, null, contactEmail, "sv");
        return new SupportTask("FOU-2027-0001", "run-1", new Requester(channel, person, Map.of()), request, "uppfoljning", 0.9, false,
                Priority.NORMAL, TaskStatus.NEW, null, null, null, null, false, null, List.of(), List.of(), AT, AT);
    }
}

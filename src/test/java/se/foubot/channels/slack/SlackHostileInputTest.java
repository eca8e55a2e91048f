package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/** Prints the Slack rows of the hostile-input table (README "Hostile input") and fails on any row that is not ok. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.slack.channel-messages-per-second=200",
                "foubot.slack.channel-burst=50", "foubot.dead-letters.retry-delay=50ms"})
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class SlackHostileInputTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void slackSettings(DynamicPropertyRegistry registry) {
        SlackRequests.httpMode(registry, SLACK);
    }

    @AfterAll
    static void stopFake() {
        SLACK.close();
    }

    @Test
    void everyHostileSlackInputIsRefusedOrHandledWithNothingLostAndNoStackTrace(CapturedOutput output) throws Exception {
        List<SlackHostileInputs.Row> rows = new SlackHostileInputs(port, clock, SLACK, output::getOut).run();
        System.out.println("\n" + SlackHostileInputs.table(rows));
        assertThat(rows).allSatisfy(r -> assertThat(r.ok()).as(r.input() + " → " + r.outcome()).isTrue());
    }
}

package se.foubot.channels.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;

import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;

/**
 * The thread that answers Slack never waits for the workers: with the one worker stuck on a slow Slack and its queue
 * full, every message is still acknowledged (it is recorded first), and each is answered once Slack moves again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"foubot.store.data-dir=target/test-data/${random.uuid}", "foubot.slack.workers=1",
                "foubot.slack.work-queue=1", "foubot.slack.channel-messages-per-second=200", "foubot.slack.channel-burst=50"})
@Import(TestClockConfiguration.class)
class SlackAcksWhileWorkersAreBusyTest {

    static final FakeSlackApi SLACK = FakeSlackApi.start();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void slackSettings(DynamicPropertyRegistry registry) {
        SlackRequests.httpMode(registry, SLACK);
    }

    @AfterAll
    static void stopFake() {
        SLACK.letPostsGo();
        SLACK.close();
    }

    private static List<FakeSlackApi.Call> answersTo(String user) {
        return SLACK.calls("chat.postMessage", c -> c.param("channel").equals("D" + user));
    }

    @Test
    void messagesAreAcknowledgedWhileTheWorkersAreStuckAndAnsweredOnceEachAfterwards() throws Exception {
        SlackRequests slack = new SlackRequests(port, clock);
        List<String> people = IntStream.rangeClosed(1, 6).mapToObj(i -> "UBUSY" + i).toList();
        SLACK.holdPosts();
        try {
            for (String person : people) {
                assertThat(slack.event("EvBusy" + person, SlackRequests.dm(person, "stöd")).statusCode())
                        .as("acknowledged while the worker waits for Slack").isEqualTo(200);
            }
            assertThat(people.stream().mapToInt(p -> answersTo(p).size()).sum()).as("Slack has taken no answer yet").isZero();
            // the ack journal hands what it holds to the inbox on a thread of its own, shortly after the acks
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meters.get("foubot.slack.work.refused").counter().count())
                    .as("one worker and a queue of one cannot take six messages").isGreaterThanOrEqualTo(1));
            assertThat(meters.get("foubot.slack.work.queue.age").gauge()).isNotNull();
        } finally {
            SLACK.letPostsGo();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String person : people) {
                assertThat(answersTo(person)).as(person).hasSize(1);
            }
        });
        assertThat(meters.get("foubot.slack.work.wait").timer().count()).isGreaterThanOrEqualTo(people.size());
    }
}

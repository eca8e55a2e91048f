package se.foubot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import se.foubot.grants.GrantSubscriptions;
import se.foubot.support.FouBotTest;
import se.foubot.support.MutableClock;
import se.foubot.support.TestClockConfiguration;
import se.foubot.tasks.TaskFigures;

/** demo-data on a store that is not empty (filling an empty one is what the staff-web browser test starts with). */
@FouBotTest
class DemoDataCommandTest {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    TaskFigures tasks;

    @Autowired
    GrantSubscriptions subscriptions;

    @Test
    void refusesInOneLineToTouchAStoreThatHoldsRealData() {
        int tasksBefore = tasks.createdIn(null).size();
        int subscribersBefore = subscriptions.all().size();
        subscriptions.subscribe("email", "demo-data-refusal@stockholm.se", "demo-data-refusal@stockholm.se", "farsta", List.of("LUM"), "sv", "mail");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(DemoDataCommand.fill(context, clock::set, TestClockConfiguration.START, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("demo-data rör inte en databas med riktiga uppgifter");
        assertThat(tasks.createdIn(null)).hasSize(tasksBefore);
        assertThat(subscriptions.all()).hasSize(subscribersBefore + 1);
    }
}

package se.foubot.hostile;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import se.foubot.channels.slack.SlackHostileInputs;
import se.foubot.hostile.HostileInput.Outcome;

/**
 * Hostile input at the Slack edge ({@code POST /slack/events}): request bodies as Slack and other encoders write them,
 * unsigned, stale, future, oversized, forged log lines, garbage, one post under two event ids, a message whose
 * handling throws. The cases live with the Slack channel ({@link SlackHostileInputs}); each one reads the log lines
 * written while it ran (no body, no forged line may be among them).
 */
public class SlackRows implements HostileInputRows {

    @Override
    public String section() {
        return "slack";
    }

    @Override
    public List<HostileInput> rows() {
        // the names only; each case runs against the harness's bot in run()
        return new SlackHostileInputs(0, java.time.Clock.systemUTC(), null, () -> "").cases().stream()
                .map(c -> new HostileInput("slack: " + c.input(), bot -> run(bot, c.input()))).toList();
    }

    private static Outcome run(Bot bot, String input) throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try {
            SlackHostileInputs inputs = new SlackHostileInputs(bot.port(), bot.clock(), bot.slack(),
                    () -> log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n")));
            SlackHostileInputs.Row row = inputs.cases().stream().filter(c -> c.input().equals(input)).findFirst().orElseThrow()
                    .check().call();
            return Outcome.of(row.ok(), row.ok(), row.outcome());
        } finally {
            root.detachAppender(log);
        }
    }
}

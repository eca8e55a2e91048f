package se.foubot.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

import se.foubot.grants.GrantReminders;

/**
 * {@code java -jar fou-bot.jar grants-preview YYYY-MM-DD}: the grant reminders that would go out that day and to
 * how many, from the same calendar and store as the bot, without sending anything.
 */
final class GrantsPreviewCommand {

    private GrantsPreviewCommand() {
    }

    /** @return the exit status: 0 printed, 1 the bot's parts could not start, 2 not a date */
    static int run(String[] args, PrintStream out, PrintStream err) {
        LocalDate date;
        try {
            date = args.length > 0 ? LocalDate.parse(args[0]) : LocalDate.now();
        } catch (DateTimeParseException e) {
            out.println("Ange ett datum som ÅÅÅÅ-MM-DD. (Give a date as YYYY-MM-DD.)");
            return 2;
        }
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        try (ConfigurableApplicationContext context = CommandLineApplication.start(rest, "WARN")) {
            List<GrantReminders.Preview> previews = context.getBean(GrantReminders.class).preview(date);
            ZoneId zone = context.getBean(ZoneId.class);
            out.println("Påminnelser " + date + " (reminders):");
            if (previews.isEmpty()) {
                out.println("  inga (none)");
            }
            for (GrantReminders.Preview p : previews) {
                out.printf("  %s  %-45s  %s före %s  till %d prenumeranter%s%n", p.sendAt().atZone(zone).toLocalTime(), p.event(),
                        p.offset(), p.deadlineDate(), p.recipients(), p.slackChannel() ? " + Slack-kanal" : "");
            }
            return 0;
        } catch (CommandLineApplication.CannotStart e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}

package se.foubot.grants;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import se.foubot.FouBotApplication;

/**
 * {@code java -jar fou-bot.jar grants-preview YYYY-MM-DD}: the grant reminders that would go out that day and to
 * how many, from the same calendar and store as the bot, without sending anything.
 */
public final class GrantsPreviewCommand {

    private GrantsPreviewCommand() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        LocalDate date;
        try {
            date = args.length > 0 ? LocalDate.parse(args[0]) : LocalDate.now();
        } catch (DateTimeParseException e) {
            out.println("Ange ett datum som ÅÅÅÅ-MM-DD. (Give a date as YYYY-MM-DD.)");
            System.exit(2);
            return;
        }
        SpringApplication app = FouBotApplication.commandLineApplication();
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        // read-only: no mail server, no reading or sending, no reminders run
        app.setDefaultProperties(Map.of("logging.level.root", "WARN", "logging.level.se.foubot", "WARN",
                "foubot.mail.idle", "false", "foubot.mail.poll-interval", "3650d", "foubot.mail.outbox-poll-interval", "3650d",
                "foubot.mail.embedded-smtp-port", "0", "foubot.mail.embedded-imap-port", "0", "foubot.scheduling.enabled", "false",
                "spring.quartz.auto-startup", "false"));
        try (ConfigurableApplicationContext context = app.run()) {
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
        }
    }
}

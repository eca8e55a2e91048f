package se.foubot.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.ConfigurableApplicationContext;

import se.foubot.forum.ForumService;
import se.foubot.grants.GrantSubscriptions;
import se.foubot.privacy.OutsideTextGuard;
import se.foubot.scheduling.ReminderSource;
import se.foubot.store.StoreProperties;
import se.foubot.tasks.TaskFigures;
import se.foubot.tasks.TaskService;
import se.foubot.tasks.slack.StaffPosts;
import se.foubot.time.WorkingDays;

/**
 * {@code java -jar fou-bot.jar demo-data}: fills an empty embedded store with a realistic year ({@link DemoYear}) so a
 * new user sees the staff web filled. It starts only the store and the features' services: no web server, no mail
 * reading or sending, no Slack, no scheduler. It refuses a store that holds requests, meetings or subscribers, and
 * an external MongoDB.
 */
public final class DemoDataCommand {

    private DemoDataCommand() {
    }

    /** @return the exit status: 0 filled, 1 the bot's parts could not start, 2 refused */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Instant now = Instant.now();
        DemoClock clock = new DemoClock(now);
        // the bot's own clock walks through the year, so every service stamps its records as if it had happened
        try (ConfigurableApplicationContext context = CommandLineApplication.start(onlyTheStore(args), "ERROR",
                c -> c.getBeanFactory().registerSingleton("clock", clock))) {
            return fill(context, clock::set, now, out);
        } catch (CommandLineApplication.CannotStart e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** Fills the context's store with the year up to {@code now}, or refuses in one line. @return the exit code */
    public static int fill(ConfigurableApplicationContext context, Consumer<Instant> travel, Instant now, PrintStream out) {
        StoreProperties store = context.getBean(StoreProperties.class);
        if (!store.embedded()) {
            out.println("demo-data fyller bara den inbyggda databasen; FOUBOT_MONGODB_URI är satt, så inget har skrivits.");
            return 2;
        }
        TaskService tasks = context.getBean(TaskService.class);
        ForumService forum = context.getBean(ForumService.class);
        GrantSubscriptions subscriptions = context.getBean(GrantSubscriptions.class);
        if (!context.getBean(TaskFigures.class).createdIn(null).isEmpty() || !forum.all().isEmpty() || !subscriptions.all().isEmpty()) {
            out.println("demo-data rör inte en databas med riktiga uppgifter: " + store.dataDir()
                    + " har redan förfrågningar, FoU-forum eller bevakare. Inget har skrivits.");
            return 2;
        }
        DemoYear.Services services = new DemoYear.Services(tasks, context.getBean(StaffPosts.class), forum, subscriptions,
                new ArrayList<>(context.getBeansOfType(ReminderSource.class).values()), context.getBean(WorkingDays.class),
                context.getBean(OutsideTextGuard.class), context.getBean(ZoneId.class));
        DemoYear.Summary s = new DemoYear(services, travel).write(now);
        out.printf("Demodata i %s: %d förfrågningar (%d ej tagna), %d FoU-forum med %d anmälningar, %d bevakare av LUM/MUL, "
                + "%d påminnelser.%n", store.dataDir(), s.requests(), s.open(), s.meetings(), s.registrations(), s.subscribers(),
                s.remindersQueued());
        out.println("Starta boten och öppna /dashboard; påminnelserna går till den inbyggda e-postservern när boten startar.");
        return 0;
    }

    /** Whatever is configured, the demo writes into the embedded store only. */
    private static String[] onlyTheStore(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--foubot.mail.imap-url=");
        all.add("--foubot.mail.smtp-url=");
        return all.toArray(String[]::new);
    }
}

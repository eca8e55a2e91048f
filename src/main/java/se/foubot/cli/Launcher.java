package se.foubot.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;

import se.foubot.FouBotApplication;

/**
 * The jar's entry point: {@code java -jar fou-bot.jar} runs the bot (Spring's {@code --name=value} arguments may
 * follow); {@code chat}, {@code grants-preview}, {@code store} and {@code demo-data} run a command and exit with its
 * status; {@code start-training} is the start archive's training run (ops/start/cds-archive.sh); {@code --version} and
 * {@code --help} say what they say and exit. Anything else is refused: a mistyped command or setting must not start a
 * second bot beside the running one (reading the same mailbox, answering the same Slack app).
 */
public final class Launcher {

    static final String USAGE = """
            usage: java -jar fou-bot.jar [--name=value …]     run the bot (settings: README, ops/configuration.md)
                   java -jar fou-bot.jar chat [--as=NAME]     talk to it in the terminal
                   java -jar fou-bot.jar grants-preview …     the grant reminders a day would send
                   java -jar fou-bot.jar demo-data            fill an empty store with a year to look at
                   java -jar fou-bot.jar store …              the embedded store on its own; store backup, store restore
                   java -jar fou-bot.jar start-training …     the start archive's training run (ops/start/cds-archive.sh)
                   java -jar fou-bot.jar --version | --help
            """;

    private Launcher() {
    }

    /**
     * The bot. With {@code -Dfoubot.start.steps=jfr} Spring's start-up steps (each bean's creation, each phase) are
     * recorded as Java Flight Recorder events, to see where a start's time goes (README "Start").
     */
    private static SpringApplication bot() {
        SpringApplication app = new SpringApplication(FouBotApplication.class);
        if ("jfr".equals(System.getProperty("foubot.start.steps"))) {
            app.setApplicationStartup(new FlightRecorderApplicationStartup());
        }
        return app;
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        // the terminal is taken as UTF-8: Swedish letters must survive a POSIX locale
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        switch (command) {
            case "chat" -> System.exit(ChatCommand.run(rest, System.in, out, err));
            case "grants-preview" -> System.exit(GrantsPreviewCommand.run(rest, out, err));
            case "demo-data" -> System.exit(DemoDataCommand.run(rest, out, err));
            case "store" -> StoreCommand.run(rest);
            case "start-training" -> System.exit(StartTraining.run(bot(), rest, err));
            case "--help", "-h", "-help", "help" -> {
                out.print(USAGE);
                System.exit(0);
            }
            case "--version", "-version", "-v", "version" -> {
                out.println("fou-bot " + version());
                System.exit(0);
            }
            default -> {
                String refused = notASetting(args);
                if (refused != null) {
                    err.print("fou-bot: \"" + refused + "\" is neither a command nor a --name=value setting; nothing was started\n"
                            + USAGE);
                    System.exit(2);
                }
                bot().run(args);
            }
        }
    }

    /**
     * The first argument the bot would not take as a setting, or null: each must be Spring's {@code --name=value}, or
     * its {@code --debug} and {@code --trace}. A bare {@code --versoin} would otherwise be a setting of that name, and an
     * empty argument nothing at all: both started the bot.
     */
    static String notASetting(String[] args) {
        for (String arg : args) {
            boolean setting = arg.startsWith("--") && arg.indexOf('=') > 2;
            if (!setting && !arg.equals("--debug") && !arg.equals("--trace")) {
                return arg;
            }
        }
        return null;
    }

    /** The jar's version (its manifest's Implementation-Version); run from classes, there is none. */
    static String version() {
        String version = Launcher.class.getPackage().getImplementationVersion();
        return version != null ? version : "(no version: not run from its jar)";
    }
}

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
 * The jar's entry point: {@code java -jar fou-bot.jar} runs the bot; {@code chat}, {@code grants-preview},
 * {@code store} and {@code demo-data} run a command and exit with its status; {@code start-training} is the
 * class-data archive's training run (ops/start/cds-archive.sh).
 */
public final class Launcher {

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
            default -> bot().run(args);
        }
    }
}

package se.foubot.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import se.foubot.FouBotApplication;
import se.foubot.conversation.FlowValidationException;
import se.foubot.store.StoreFileProblem;

/**
 * The bot's store, flows and features for a command-line mode, without anything that runs on its own: no web server,
 * no Slack connection, no mail server, mailbox reading or outbox sending, no scheduler. So a command started beside a
 * running bot takes no port, mail or Slack event from it; what it leaves to be done (a mail to send, a task to post)
 * waits in the store for the bot.
 */
final class CommandLineApplication {

    /** Appended after the user's arguments, so no setting or environment variable can switch these back on. */
    private static final List<String> NOTHING_IN_THE_BACKGROUND = List.of(
            "--spring.main.web-application-type=none",
            "--foubot.slack.bot-token=", "--foubot.slack.app-token=", "--foubot.slack.signing-secret=",
            "--foubot.scheduling.enabled=false", "--spring.quartz.auto-startup=false");

    private CommandLineApplication() {
    }

    /** Why a command could not start, in the one line the user needs (the data directory in use, a broken flow). */
    static final class CannotStart extends RuntimeException {
        CannotStart(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Starts the context for a command; {@code logLevel} is the level of the bot's own log lines.
     * @throws CannotStart when the store file is in use or damaged, or a flow is broken
     */
    @SafeVarargs
    static ConfigurableApplicationContext start(String[] args, String logLevel,
            ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        SpringApplication app = new SpringApplication(FouBotApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.addInitializers(initializers);
        // the command prints why it could not start in one line; Spring's multi-line report would bury it
        app.setDefaultProperties(Map.of("logging.level.root", "WARN", "logging.level.se.foubot", logLevel,
                "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF",
                "logging.level.org.springframework.context", "ERROR"));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(NOTHING_IN_THE_BACKGROUND);
        try {
            return app.run(all.toArray(String[]::new));
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof StoreFileProblem || cause instanceof FlowValidationException) {
                    throw new CannotStart(cause.getMessage(), e);
                }
            }
            throw e;
        }
    }
}

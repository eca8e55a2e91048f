package se.foubot.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import se.foubot.channels.email.EmbeddedMailServer;
import se.foubot.store.EmbeddedMongoStore;
import se.foubot.store.StoreFileProblem;

/**
 * {@code java -jar fou-bot.jar store [--port=27018] [--data-dir=./data] [--mail]}: the embedded store alone on a
 * loopback port, so that two (or more) bot processes on one machine can share it as their MongoDB; with
 * {@code --mail}, the embedded mail server (SMTP 3025, IMAP 3143) too, which the bots then use by URL. Runs until
 * stopped (Ctrl-C, SIGTERM), then closes the store file cleanly. {@code store backup DIR} and {@code store restore DIR}
 * are {@link StoreBackupCommand}.
 */
final class StoreCommand {

    private StoreCommand() {
    }

    static void run(String[] args) throws InterruptedException {
        if (args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"))) {
            quietLogging(Level.WARN);
            System.exit(new StoreBackupCommand(System.getenv(), System.out, System.err).run(List.of(args)));
            return;
        }
        // without Spring Boot's logging set-up, Logback would print every library's debug lines
        quietLogging(Level.INFO);
        int port = 27018;
        Path dataDir = Path.of(System.getenv().getOrDefault("FOUBOT_DATA_DIR", "./data"));
        boolean mail = false;
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                port = Integer.parseInt(arg.substring("--port=".length()));
            } else if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else if (arg.equals("--mail")) {
                mail = true;
            } else {
                System.err.println("usage: java -jar fou-bot.jar store [--port=27018] [--data-dir=./data] [--mail]\n"
                        + "       java -jar fou-bot.jar store backup DIR | store restore DIR");
                System.exit(2);
            }
        }
        EmbeddedMongoStore store;
        try {
            store = EmbeddedMongoStore.start(dataDir, port);
        } catch (StoreFileProblem e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        EmbeddedMailServer mailServer = mail ? EmbeddedMailServer.start(3025, 3143) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (mailServer != null) {
                mailServer.close();
            }
            store.close();
            stopped.countDown();
        }, "shared-store-shutdown"));
        System.out.println("FOUBOT_MONGODB_URI=" + store.connectionString("foubot"));
        if (mailServer != null) {
            System.out.println("FOUBOT_SMTP_URL=" + mailServer.smtpUrl());
            System.out.println("FOUBOT_IMAP_URL=" + mailServer.imapUrl());
        }
        System.out.println("Give the bots these settings; stop with Ctrl-C.");
        stopped.await();
    }

    private static void quietLogging(Level root) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(root);
        }
    }
}

package se.foubot.channels.terminal;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import se.foubot.FouBotApplication;
import se.foubot.conversation.ConversationKey;
import se.foubot.messaging.MessageRouter;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * {@code java -jar fou-bot.jar chat [--as=NAME]}: a conversation in the terminal with the same engine,
 * flows and store as the running bot, so a flow author can try a flow without Slack or email.
 */
public final class TerminalChat {

    private TerminalChat() {
    }

    public static void main(String[] args) {
        Optional<String> named = person(args, System.getProperty("user.name", "terminal"), new OutsideTextGuard());
        if (named.isEmpty()) {
            System.err.println("Namnet efter --as får inte innehålla ett personnummer eller styrtecken; välj ett annat namn.");
            System.exit(2);
            return;
        }
        String person = named.get();
        SpringApplication app = FouBotApplication.commandLineApplication();
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        // the chat tries flows: no mail reading or sending, and free ports for the embedded mail server
        app.setDefaultProperties(Map.of("logging.level.root", "WARN", "logging.level.se.foubot", "WARN",
                "foubot.mail.idle", "false", "foubot.mail.poll-interval", "3650d", "foubot.mail.outbox-poll-interval", "3650d",
                "foubot.mail.embedded-smtp-port", "0", "foubot.mail.embedded-imap-port", "0"));
        // the terminal is taken as UTF-8: Swedish letters must survive a POSIX locale
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext context = app.run(args)) {
            new TerminalChatSession(context.getBean(MessageRouter.class), new ConversationKey(TerminalChatSession.CHANNEL, person), in, out,
                    context.getBean(OutsideTextGuard.class)).run();
        }
    }

    /**
     * Who the conversation is kept for: the name after {@code --as=} (it becomes the conversation's key, so it is
     * outside text like any line typed), or {@code fallback}. Empty when the name holds a personal identity number
     * or a control character (the login name it falls back to too): refused, nothing stored.
     */
    static Optional<String> person(String[] args, String fallback, OutsideTextGuard guard) {
        String person = fallback;
        for (String arg : args) {
            if (arg.startsWith("--as=")) {
                person = arg.substring("--as=".length());
            }
        }
        GuardedText name = guard.check(person.strip());
        if (name.identityNumberRemoved() || name.text().isEmpty()
                || name.text().codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            return Optional.empty();
        }
        return Optional.of(name.text());
    }
}

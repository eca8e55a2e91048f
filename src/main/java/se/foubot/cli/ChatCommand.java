package se.foubot.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.context.ConfigurableApplicationContext;

import se.foubot.channels.terminal.TerminalChatSession;
import se.foubot.conversation.ConversationKey;
import se.foubot.messaging.MessageRouter;
import se.foubot.privacy.OutsideTextGuard;

/**
 * {@code java -jar fou-bot.jar chat [--as=NAME]}: a conversation in the terminal with the same engine, flows and
 * store as the running bot, so a flow author can try a flow without Slack or email.
 */
final class ChatCommand {

    private ChatCommand() {
    }

    /** @return the exit status: 0 when the conversation ended, 1 when the bot's parts could not start, 2 a name refused */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Optional<String> named = TerminalChatSession.person(args, System.getProperty("user.name", "terminal"), new OutsideTextGuard());
        if (named.isEmpty()) {
            err.println("Namnet efter --as får inte innehålla ett personnummer eller styrtecken; välj ett annat namn.");
            return 2;
        }
        String person = named.get();
        BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext context = CommandLineApplication.start(args, "WARN")) {
            new TerminalChatSession(context.getBean(MessageRouter.class), new ConversationKey(TerminalChatSession.CHANNEL, person),
                    in, out, context.getBean(OutsideTextGuard.class)).run();
            return 0;
        } catch (CommandLineApplication.CannotStart e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}

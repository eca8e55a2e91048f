package se.foubot.channels.terminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DataAccessException;

import se.foubot.conversation.ConversationKey;
import se.foubot.messaging.MessageRouter;
import se.foubot.messaging.Recipient;
import se.foubot.messaging.Reply;
import se.foubot.privacy.GuardedText;
import se.foubot.privacy.OutsideTextGuard;

/**
 * Reads lines, hands each to the router (a command of the table, or the conversation) and prints the bot's answer,
 * until end of input or /quit.
 */
public final class TerminalChatSession {

    public static final String CHANNEL = "terminal";
    private static final Set<String> QUIT = Set.of("/quit", "/exit", "/avsluta");

    private final MessageRouter router;
    private final ConversationKey key;
    private final BufferedReader in;
    private final PrintStream out;
    private final OutsideTextGuard guard;

    public TerminalChatSession(MessageRouter router, ConversationKey key, BufferedReader in, PrintStream out,
            OutsideTextGuard guard) {
        this.guard = guard;
        this.router = router;
        this.key = key;
        this.in = in;
        this.out = out;
    }

    /**
     * Who the conversation is kept for: the name after {@code --as=} (it becomes the conversation's key, so it is
     * outside text like any line typed), or {@code fallback}. Empty when the name holds a personal identity number
     * or a control character (the login name it falls back to too): refused, nothing stored.
     */
    public static Optional<String> person(String[] args, String fallback, OutsideTextGuard guard) {
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

    public void run() {
        out.println("fou-bot – terminalchatt som " + key.person() + ". Avsluta med /quit (eller Ctrl-D).");
        out.println();
        print(safely(() -> router.resume(key)));
        try {
            while (true) {
                out.print("> ");
                out.flush();
                GuardedText line = guard.check(in.readLine());
                if (line.text() == null || QUIT.contains(line.text().strip())) {
                    out.println();
                    out.println("Hej då! Konversationen är sparad – starta chatten igen för att fortsätta.");
                    return;
                }
                if (line.isBlank()) {
                    continue;
                }
                print(safely(() -> router.route(key, new Recipient(CHANNEL, key.person()), line, java.util.Map.of())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Call {
        Reply get();
    }

    private String safely(Call call) {
        try {
            return call.get().text();
        } catch (DataAccessException e) {
            return "Jag når inte databasen just nu – ditt svar sparades inte. Försök igen om en stund.";
        }
    }

    private void print(String text) {
        out.println();
        text.lines().forEach(l -> out.println("  " + l));
        out.println();
    }
}

package se.foubot.messaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import se.foubot.conversation.Language;
import se.foubot.conversation.TextNormalizer;

/**
 * The one table of commands, whatever the channel: every {@link Command} bean of every feature. Slack (DMs and
 * {@code /fou}), the terminal and mail all ask it first; "hjälp" is answered from it, listing every command's usage.
 */
@Component
public class CommandTable {

    static final Set<String> HELP = Set.of("hjalp", "help", "kommandon", "commands");

    /** A mail body longer than this is a request or a story, not a command said in other words. */
    private static final int SHORT_MAIL = 200;

    private final List<Command> commands;
    private final Texts texts;
    private final CommandPhrasings phrasings;

    CommandTable(List<Command> commands, Texts texts, CommandPhrasings phrasings) {
        this.commands = List.copyOf(commands);
        this.texts = texts;
        this.phrasings = phrasings;
    }

    /**
     * Asks the commands in turn: first for their own words, then for the message said in other words
     * ({@link CommandPhrasings}: "kan du visa mina ärenden" is "status"), last the commands that read any text.
     *
     * @return the reply of the first command that takes the message, and which took it; empty when none does
     */
    public Optional<Handled> handle(Inbound message) {
        Optional<Handled> handled = byOwnWords(message);
        if (handled.isPresent()) {
            return handled;
        }
        Optional<Inbound> reworded = reworded(message);
        if (reworded.isPresent()) {
            handled = byOwnWords(reworded.get());
            if (handled.isPresent()) {
                return handled;
            }
        }
        for (Command command : commands) {
            if (command.readsAnyText()) {
                Optional<Reply> reply = command.handle(message);
                if (reply.isPresent()) {
                    return Optional.of(new Handled(command.getClass().getSimpleName(), reply.get()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Handled> byOwnWords(Inbound message) {
        if (asksForHelp(message)) {
            return Optional.of(new Handled("help", help(message.language())));
        }
        for (Command command : commands) {
            if (command.readsAnyText()) {
                continue;
            }
            Optional<Reply> reply = command.handle(message);
            if (reply.isPresent()) {
                return Optional.of(new Handled(command.getClass().getSimpleName(), reply.get()));
            }
        }
        return Optional.empty();
    }

    /** The message as the command it says in other words; in mail only a short new mail. */
    private Optional<Inbound> reworded(Inbound m) {
        if (m.isMail() && (m.thread() != null || m.text().strip().length() > SHORT_MAIL)) {
            return Optional.empty();
        }
        String said = m.isMail() && m.text().isBlank() ? m.subject() : m.isMail() ? m.text() : m.firstLine();
        return phrasings.command(said, m.language())
                .map(word -> new Inbound(m.from(), m.subject(), word, m.thread(), m.key(), m.language(), m.senderProven()));
    }

    /** In chat the line "hjälp"; in mail a subject that says only that, over a body that says nothing else. */
    private static boolean asksForHelp(Inbound message) {
        if (!message.isMail()) {
            return HELP.contains(TextNormalizer.normalize(message.firstLine()));
        }
        String line = TextNormalizer.normalize(message.firstLine());
        return message.thread() == null && HELP.contains(TextNormalizer.normalize(message.subject()))
                && (line.isEmpty() || HELP.contains(line));
    }

    /** A command's reply and the name of the command that gave it. */
    public record Handled(String command, Reply reply) {
    }

    /** Every command's usage, in order, in {@code language}: the list "hjälp" shows. */
    public HelpCard helpCard(Language language) {
        List<Command.Usage> all = new ArrayList<>();
        commands.forEach(c -> all.addAll(c.usage()));
        all.add(new Command.Usage(language == Language.EN ? "help" : "hjälp", "help.help", 1000));
        all.sort(Comparator.comparingInt(Command.Usage::order));
        List<HelpCard.Line> lines = all.stream().map(u -> new HelpCard.Line(u.words(), texts.get(language, u.textKey()))).toList();
        return new HelpCard(language, texts.get(language, "help.title"), lines, texts.get(language, "help.footer"));
    }

    private Reply help(Language language) {
        HelpCard card = helpCard(language);
        return Reply.text(card.asText()).withCard(card);
    }
}

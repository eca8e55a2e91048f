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
    private final List<Roles> roles;

    CommandTable(List<Command> commands, Texts texts, CommandPhrasings phrasings, List<Roles> roles) {
        this.commands = List.copyOf(commands);
        this.roles = List.copyOf(roles);
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
        Optional<Handled> handled = handleByName(message);
        if (handled.isPresent()) {
            return handled;
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

    /**
     * A command named by its own words ("status", "hjälp", "forum"), as written or reworded; not the commands that read
     * any text (the knowledge base's questions), which in the middle of a conversation would take its answers.
     */
    public Optional<Handled> handleByName(Inbound message) {
        Optional<Handled> handled = byOwnWords(message);
        if (handled.isPresent()) {
            return handled;
        }
        Optional<Inbound> reworded = reworded(message);
        return reworded.isPresent() ? byOwnWords(reworded.get()) : Optional.empty();
    }

    /** A click on a button a command made, taken by that command (see {@link Command#ownsButtonValue}). */
    public Optional<Handled> handleOwnButton(Inbound message) {
        for (Command command : commands) {
            if (command.ownsButtonValue(message.firstLine())) {
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
            return Optional.of(new Handled("help", help(message.from(), message.language())));
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

    /**
     * In chat a message that is only the line "hjälp" ("Hjälp!⏎Vi behöver …" is a request, whose first line was a cry
     * for it: helper 106); in a new mail a body that says only that, under any subject, as "status" is (helper 120: it
     * began a request), or a subject that says only that over an empty body.
     */
    private static boolean asksForHelp(Inbound message) {
        boolean onlyHelp = HELP.contains(TextNormalizer.normalize(message.firstLine()))
                && message.text().strip().lines().skip(1).allMatch(line -> TextNormalizer.normalize(line).isEmpty());
        if (!message.isMail()) {
            return onlyHelp;
        }
        return message.thread() == null && (onlyHelp
                || HELP.contains(TextNormalizer.normalize(message.subject())) && TextNormalizer.normalize(message.text()).isEmpty());
    }

    /** A command's reply and the name of the command that gave it. */
    public record Handled(String command, Reply reply) {
    }

    /**
     * The commands that work for {@code person} where they wrote, in order, in {@code language}: the list "hjälp"
     * shows. A command missing from their channel, or for a role they do not have, is left out.
     */
    public HelpCard helpCard(Recipient person, Language language) {
        List<HelpCard.Line> lines = usages(person).stream().map(u -> new HelpCard.Line(u.words(language), texts.get(language, u.textKey())))
                .toList();
        return new HelpCard(language, texts.get(language, "help.title"), lines, texts.get(language, "help.footer"), "");
    }

    /** Every usage registered in the table that works for {@code person} in their channel, in the help's order. */
    public List<Command.Usage> usages(Recipient person) {
        List<Command.Usage> all = new ArrayList<>();
        commands.forEach(c -> all.addAll(c.usage()));
        all.add(new Command.Usage("hjälp", "help.help", 1000).inEnglish("help"));
        return all.stream().filter(u -> u.worksIn(person.channel()) && hasRole(person, u.who()))
                .sorted(Comparator.comparingInt(Command.Usage::order)).toList();
    }

    /** Every usage registered in the table, whoever and wherever. */
    public List<Command.Usage> allUsages() {
        List<Command.Usage> all = new ArrayList<>();
        commands.forEach(c -> all.addAll(c.usage()));
        return all;
    }

    private boolean hasRole(Recipient person, Roles.Role role) {
        return role == Roles.Role.EVERYONE || roles.stream().anyMatch(r -> r.has(person, role));
    }

    private Reply help(Recipient person, Language language) {
        HelpCard card = helpCard(person, language);
        return Reply.text(card.asText()).withCard(card);
    }
}

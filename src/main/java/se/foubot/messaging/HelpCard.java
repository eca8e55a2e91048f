package se.foubot.messaging;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The generated list of commands: a title, one line per command, and a closing line.
 *
 * @param prefix what the person types before each command where they read the list ("/fou " in the slash command's
 *               answer and App Home; nothing in a DM, the terminal or mail)
 */
public record HelpCard(se.foubot.conversation.Language language, String title, List<Line> lines, String footer, String prefix)
        implements Card {

    /** The same list, as typed after {@code newPrefix}. */
    public HelpCard typedAfter(String newPrefix) {
        return new HelpCard(language, title, lines, footer, newPrefix);
    }

    /** @param words what to write ("bevakning [LUM|MUL]"); {@code does} what it does */
    public record Line(String words, String does) {
    }

    /** As plain text, for channels that show text only. */
    public String asText() {
        return title + "\n" + lines.stream().map(l -> "• " + prefix + l.words() + " – " + l.does()).collect(Collectors.joining("\n"))
                + "\n" + footer;
    }
}

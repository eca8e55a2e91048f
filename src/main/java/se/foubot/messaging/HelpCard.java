package se.foubot.messaging;

import java.util.List;
import java.util.stream.Collectors;

/** The generated list of commands: a title, one line per command, and a closing line. */
public record HelpCard(se.foubot.conversation.Language language, String title, List<Line> lines, String footer) implements Card {

    /** @param words what to write ("bevakning [LUM|MUL]"); {@code does} what it does */
    public record Line(String words, String does) {
    }

    /** As plain text, for channels that show text only. */
    public String asText() {
        return title + "\n" + lines.stream().map(l -> "• " + l.words() + " – " + l.does()).collect(Collectors.joining("\n"))
                + "\n" + footer;
    }
}

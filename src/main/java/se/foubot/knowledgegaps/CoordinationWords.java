package se.foubot.knowledgegaps;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.foubot.conversation.TextNormalizer;

/**
 * The words that run the inventory, however they are typed: "kunskapsluckor ny" (a coordinator opens a round),
 * "kunskapsluckor stäng ID" (closes it), "kunskapsluckor lägg till FOU-…" (an analyst adds a task's knowledge gap);
 * in English "knowledge gaps new|close ID|add FOU-…". Read once here for every channel.
 */
public final class CoordinationWords {

    public enum Kind { OPEN, CLOSE, ADD_TASK }

    /** @param argument the round's id or the task's reference, as the command needs it; empty for OPEN */
    public record Said(Kind kind, String argument) {
    }

    private static final Pattern WORDS = Pattern.compile("^(?:kunskapsluckor|knowledge gaps)\\s+(ny|new|oppna|open|stang|close|lagg till|add)(?:\\s+(.+))?$");

    private CoordinationWords() {
    }

    public static Optional<Said> read(String line) {
        Matcher m = WORDS.matcher(TextNormalizer.normalize(line));
        if (!m.matches()) {
            return Optional.empty();
        }
        String rest = m.group(2) == null ? "" : m.group(2).strip();
        return switch (m.group(1)) {
            case "ny", "new", "oppna", "open" -> rest.isEmpty() ? Optional.of(new Said(Kind.OPEN, "")) : Optional.empty();
            case "stang", "close" -> rest.isEmpty() ? Optional.empty() : Optional.of(new Said(Kind.CLOSE, rest.replace(' ', '-')));
            default -> rest.isEmpty() ? Optional.empty()
                    : Optional.of(new Said(Kind.ADD_TASK, rest.replace(' ', '-').toUpperCase(java.util.Locale.ROOT)));
        };
    }
}

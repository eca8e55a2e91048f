package se.foubot.forum;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.foubot.conversation.TextNormalizer;

/**
 * The coordinators' words for planning FoU-forum, however they are typed: "forum ny", "forum ändra ID", "forum ställ
 * in ID" (and in English "forum new", "forum edit ID", "forum cancel ID"). Read once here for every channel.
 */
public final class PlanWords {

    public enum Kind { NEW, EDIT, CANCEL }

    /**
     * @param meeting the meeting's id as read (folded: lower case, "r-d-motet"); empty for a new one, or when the words
     *                named none
     * @param written the meeting as the person wrote it ("R&D-mötet"), to say back when there is no such meeting
     */
    public record Said(Kind kind, String meeting, String written) {
    }

    private static final Pattern WORDS = Pattern.compile("^forum\\s+(ny|new|andra|edit|stall in|cancel)(?:\\s+(.+))?$");

    private PlanWords() {
    }

    public static Optional<Said> read(String line) {
        Matcher m = WORDS.matcher(TextNormalizer.normalize(line));
        if (!m.matches()) {
            return Optional.empty();
        }
        String id = m.group(2) == null ? "" : m.group(2).strip().replace(' ', '-');
        Kind kind = switch (m.group(1)) {
            case "ny", "new" -> Kind.NEW;
            case "andra", "edit" -> Kind.EDIT;
            default -> Kind.CANCEL;
        };
        // "forum ändra" without its id is still the coordinator's command: asked which meeting, not greeted
        // said back as written: "forum ställ in R&D-mötet" was told that no meeting was called "r-d-motet"
        String written = TypedWords.after(line, "forum " + m.group(1)).orElse(id);
        return kind != Kind.NEW || id.isEmpty() ? Optional.of(new Said(kind, id, written)) : Optional.empty();
    }
}

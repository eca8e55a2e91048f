package se.foubot.privacy;

import java.util.Objects;

/**
 * Text from outside (a message, a form field, a subject, a display name, a file name, a header) that has passed the
 * guard: it holds no personal identity number. Only {@link OutsideTextGuard} makes one, so a method that takes a
 * {@code GuardedText} cannot be handed unchecked text.
 */
public final class GuardedText {

    private final String text;
    private final boolean identityNumberRemoved;

    GuardedText(String text, boolean identityNumberRemoved) {
        this.text = text;
        this.identityNumberRemoved = identityNumberRemoved;
    }

    /** The text, with any personal identity number replaced by a placeholder; null when there was no text. */
    public String text() {
        return text;
    }

    /** The text, or {@code fallback} when there was none. */
    public String textOr(String fallback) {
        return text == null ? fallback : text;
    }

    /** True when the text as written held a personal identity number (now replaced). */
    public boolean identityNumberRemoved() {
        return identityNumberRemoved;
    }

    public boolean isBlank() {
        return text == null || text.isBlank();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GuardedText g && Objects.equals(text, g.text) && identityNumberRemoved == g.identityNumberRemoved;
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, identityNumberRemoved);
    }

    @Override
    public String toString() {
        return String.valueOf(text);
    }
}

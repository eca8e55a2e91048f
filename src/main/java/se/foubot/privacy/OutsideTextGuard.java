package se.foubot.privacy;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

/**
 * The one guard for text from outside: every message, form field, subject, display name, file name and header the
 * bot keeps passes here before it is stored, shown back or logged. Personal identity numbers (personnummer and
 * samordningsnummer, in every writing) are replaced by a placeholder, and the result says that one was there, so the
 * channel can refuse the message (Slack, terminal: the person is asked again) or keep it cleaned and tell the sender
 * (mail). An architecture test holds every reader of outside text to this class.
 */
@Component
public class OutsideTextGuard {

    private final PersonalIdentityNumberDetector detector = new PersonalIdentityNumberDetector();

    /** @return the text with every personal identity number removed (null stays null) */
    public GuardedText check(String outside) {
        if (outside == null) {
            return new GuardedText(null, false);
        }
        String cleaned = detector.redact(outside);
        return new GuardedText(cleaned, !cleaned.equals(outside));
    }

    public List<GuardedText> checkAll(List<String> outside) {
        return outside == null ? List.of() : outside.stream().map(this::check).toList();
    }

    /**
     * An identifier from outside that serves only as a key (a mail's Message-ID, In-Reply-To, References): kept as its
     * hash, never as text, so whatever it holds is never stored or logged and it still matches what it names (a
     * rewritten identifier would match nothing). Null or blank: null.
     */
    public static String key(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            return null;
        }
        return Sha256.hex(identifier.strip());
    }

    public static List<String> keys(List<String> identifiers) {
        return identifiers.stream().map(OutsideTextGuard::key).filter(Objects::nonNull).toList();
    }

    /**
     * Text made from guarded text (an HTML body turned into plain text, a quote cut off) is checked again: the change
     * may have joined what markup kept apart.
     */
    public GuardedText derive(GuardedText from, UnaryOperator<String> change) {
        if (from.text() == null) {
            return from;
        }
        GuardedText again = check(change.apply(from.text()));
        return new GuardedText(again.text(), from.identityNumberRemoved() || again.identityNumberRemoved());
    }
}

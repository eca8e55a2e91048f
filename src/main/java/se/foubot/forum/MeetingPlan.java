package se.foubot.forum;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;

import se.foubot.privacy.GuardedText;

/**
 * What a coordinator enters for a meeting, in local time (Europe/Stockholm), before it is checked. The free-text
 * fields come from a form, so they are held as the privacy guard left them.
 */
public record MeetingPlan(GuardedText title, LocalDate date, LocalTime start, LocalTime end, GuardedText place,
        GuardedText videoLink, Integer capacity, LocalDate registrationDeadline, GuardedText description, GuardedText agenda) {

    /** The longest title or place. */
    public static final int MAX_LINE = 150;
    public static final int MAX_CAPACITY = 1000;

    /**
     * A link people can click to join from afar: an absolute {@code https} URI with a host, as java.net.URI reads
     * it — so it also goes into the calendar invite's URL property as it is.
     */
    public static boolean isHttpsLink(String link) {
        if (link == null || link.isBlank() || link.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(link);
            return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("https") && uri.getHost() != null
                    && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

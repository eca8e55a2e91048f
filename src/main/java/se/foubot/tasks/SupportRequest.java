package se.foubot.tasks;

import java.time.LocalDate;

/**
 * What a district asked for, as confirmed at the end of the intake.
 *
 * @param requestedCategory the category id the person chose, or "vet-inte"
 * @param neededBy          the desired date, if any
 */
public record SupportRequest(
        String district,
        String role,
        String concern,
        String initiative,
        String requestedCategory,
        LocalDate neededBy,
        String contactEmail,
        String language) {
}

package se.foubot.tasks;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A district's request for support, as confirmed at the end of the intake.
 *
 * @param reference   human-friendly id, e.g. FOU-2026-0042
 * @param sourceKey   the conversation run that created it; unique, so a retried confirmation creates nothing twice
 * @param category    the category id the person chose, or "vet-inte"
 * @param neededBy    the desired date, if any
 */
@Document("support_requests")
public record SupportRequest(
        @Id String reference,
        String sourceKey,
        String channel,
        String requester,
        String district,
        String role,
        String concern,
        String initiative,
        String category,
        LocalDate neededBy,
        String contactEmail,
        String language,
        String status,
        Instant createdAt) {

    public static final String STATUS_NEW = "new";
}

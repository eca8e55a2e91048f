package se.foubot.knowledgegaps;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import se.foubot.messaging.Recipient;

/**
 * One inventory round ("kl-2027"): opened by a coordinator, answered by the districts until the end of
 * {@code deadline}, closed, grouped and decided. {@code entrySeq} and {@code groupSeq} number its entries and groups.
 *
 * @param outcomesSentAt when every group had a decision and the districts were told; null until then
 */
@Document(Round.COLLECTION)
public record Round(@Id String id, int year, String openingText, LocalDate deadline, Instant closesAt, Status status,
        Recipient openedBy, Instant openedAt, Instant closedAt, int entrySeq, int groupSeq, Instant outcomesSentAt) {

    public static final String COLLECTION = "knowledge_gap_rounds";

    public enum Status {
        OPEN, CLOSED
    }

    /** Answers are taken: open and the deadline day has not ended. */
    public boolean takesAnswers(Instant now) {
        return status == Status.OPEN && now.isBefore(closesAt);
    }
}

package se.foubot.knowledgegaps;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Entries that say the same thing ("kl-2027-g03"), proposed by the grouping and confirmed or split by an analyst; the
 * prioritisation meeting decides per group. A single entry is a group of one.
 *
 * @param districts the districts of its entries, in list order
 * @param confirmed an analyst confirmed the grouping (a group of one needs no confirmation)
 * @param post      the Slack message that shows it to the analysts (channel and ts), or null before it is posted
 */
@Document(GapGroup.COLLECTION)
public record GapGroup(@Id String id, String roundId, String theme, List<String> entryIds, List<String> districts,
        boolean confirmed, Decision decision, String decidedBy, Instant decidedAt, Post post, Instant createdAt) {

    public static final String COLLECTION = "knowledge_gap_groups";

    public GapGroup {
        entryIds = entryIds == null ? List.of() : List.copyOf(entryIds);
        districts = districts == null ? List.of() : List.copyOf(districts);
    }

    /** What the prioritisation meeting decided about the group. */
    public enum Decision {
        PRIORITISED("prioriteras"), LATER("senare"), UNDER_WAY("pagar-redan"), NOT_FOR_FOU("inte-for-fou");

        private final String id;

        Decision(String id) {
            this.id = id;
        }

        /** The id used in the export, the API and the Slack buttons. */
        public String id() {
            return id;
        }

        public static java.util.Optional<Decision> of(String id) {
            return java.util.Arrays.stream(values()).filter(d -> d.id.equals(id) || d.name().equalsIgnoreCase(id)).findFirst();
        }
    }

    /** A Slack message: channel and ts. */
    public record Post(String channel, String ts) {
    }
}
